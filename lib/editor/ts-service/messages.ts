/**
 * TypeScript's advice is for a project on a developer's machine ("npm i @types/node", "change your 'lib'");
 * a student cannot follow it. These messages say instead what the grader allows, as lib/grading/compile.ts does.
 */
import { TFJS_MODULE } from "./files";

/** "Cannot find name 'require'. Do you need to install type definitions for node?" and its kin. */
const MISSING_PLATFORM_NAME_CODES = new Set([2580, 2582, 2584, 2591, 2592, 2593]);
const CANNOT_FIND_MODULE = 2307;

export function studentMessage(code: number, message: string): string {
  if (code === CANNOT_FIND_MODULE) {
    const name = /'([^']+)'/.exec(message)?.[1] ?? "";
    return `Cannot find module '${name}': only "${TFJS_MODULE}" can be imported.`;
  }
  if (MISSING_PLATFORM_NAME_CODES.has(code)) {
    const name = /'([^']+)'/.exec(message)?.[1] ?? "";
    return `Cannot find name '${name}': the grader runs your code with the standard library and tf only (no browser or Node.js APIs).`;
  }
  return message;
}
