import { z } from "zod";

/** C0 controls but tab, LF and CR, plus DEL: never typed in code, and PostgreSQL refuses NUL in text. */
const CONTROL_IN_CODE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Every C0 and C1 control and DEL: none belongs in an id, a slug or a one-line answer. */
const CONTROL_IN_LINE = /[\u0000-\u001f\u007f-\u009f]/;

/** True when `text` holds a control character that code may not contain (tab, CR and LF are fine). */
export function hasControlCharacterInCode(text: string): boolean {
  return CONTROL_IN_CODE.test(text);
}

/** True when `text` holds any control character (ids, slugs, one-line answers). */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_IN_LINE.test(text);
}

/** Source code: any text but control characters other than tab, CR and LF. */
export const CodeTextSchema = z.string().refine((text) => !hasControlCharacterInCode(text), "contains a control character (such as NUL) that code cannot contain");

/** One line of text (an id, a slug, a typed answer): no control characters at all. */
export const LineTextSchema = z.string().refine((text) => !hasControlCharacter(text), "contains a control character");
