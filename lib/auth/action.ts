import "server-only";
import { z } from "zod";
import type { User } from "../db/schema";
import { isAppError, type AppErrorCode } from "../errors";
import { fieldErrorsOf } from "../http/field-errors";
import { hasControlCharacterInCode } from "../http/safe-text";
import { requireUser } from "./guards";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode | "INTERNAL"; error: string; fieldErrors?: Record<string, string[]> };

export interface ActionContext {
  user: User;
}

export interface ActionDependencies {
  requireUser: () => Promise<User>;
  logError: (message: string, error: unknown) => void;
}

const defaultDependencies: ActionDependencies = {
  requireUser,
  logError: (message, error) => console.error(message, error),
};

/**
 * Wraps a server action: the caller must be signed in, the input (an object or FormData) is parsed
 * by `schema` with every field error returned, and failures become typed results instead of throws.
 * Role checks belong in the handler, through `requireCourseAccess`, because they depend on the input;
 * a check that does not (site admin) goes in `options.authorize`, which runs before the input is read.
 * A handler that finds a field wrong only after reading the database (a date in the course's time
 * zone) throws a ZodError, which is returned as field errors like the schema's own.
 */
export function action<Schema extends z.ZodType, Output>(
  schema: Schema,
  handler: (input: z.infer<Schema>, context: ActionContext) => Promise<Output>,
  dependencies: ActionDependencies = defaultDependencies,
  options: { authorize?: (user: User) => unknown } = {},
): (raw: unknown) => Promise<ActionResult<Output>> {
  return async (raw) => {
    try {
      const user = await dependencies.requireUser();
      await options.authorize?.(user);
      const controlled = raw instanceof FormData ? fieldsWithControlCharacters(raw) : {};
      if (Object.keys(controlled).length > 0) {
        return { ok: false, code: "INVALID_INPUT", error: "Some fields need attention.", fieldErrors: controlled };
      }
      const parsed = schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
      if (!parsed.success) {
        return { ok: false, code: "INVALID_INPUT", error: "Some fields need attention.", fieldErrors: fieldErrorsOf(parsed.error) };
      }
      return { ok: true, data: await handler(parsed.data, { user }) };
    } catch (error) {
      if (isAppError(error)) return { ok: false, code: error.code, error: error.message };
      if (error instanceof z.ZodError) {
        return { ok: false, code: "INVALID_INPUT", error: "Some fields need attention.", fieldErrors: fieldErrorsOf(error) };
      }
      dependencies.logError("Unexpected error in a server action", error);
      return { ok: false, code: "INTERNAL", error: "Something went wrong on our side. Please try again." };
    }
  };
}

/** Text fields holding NUL or another control character (tab, CR and LF are fine): PostgreSQL refuses NUL in text. */
function fieldsWithControlCharacters(form: FormData): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && hasControlCharacterInCode(value)) errors[key] = ["contains a control character"];
  }
  return errors;
}

function formDataToObject(form: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const result: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    result[key] = values.length === 1 ? values[0]! : values;
  }
  return result;
}
