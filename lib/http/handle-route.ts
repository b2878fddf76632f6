import { z } from "zod";
import { AppError, isAppError } from "../errors";
import { fieldErrorsOf } from "./field-errors";
import { hasControlCharacter } from "./safe-text";

type Handler<Context> = (request: Request, context: Context) => Promise<Response>;

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Wraps a route handler: refuses state-changing requests from another origin or not sent as JSON
 * (a second defence against cross-site forms, which cannot send application/json), refuses path
 * parameters with control characters, and turns an AppError or a zod error into a JSON response with
 * its status. Anything else is logged and answered 500.
 */
export function handleRoute<Context>(handler: Handler<Context>): Handler<Context> {
  return async (request, context) => {
    if (STATE_CHANGING.has(request.method) && !isSameOrigin(request)) {
      return Response.json({ error: "Cross-origin request refused.", code: "FORBIDDEN" }, { status: 403 });
    }
    if (STATE_CHANGING.has(request.method) && !isJsonRequest(request)) {
      return Response.json({ error: "Send the request as application/json.", code: "UNSUPPORTED_MEDIA_TYPE" }, { status: 415 });
    }
    try {
      await refuseControlCharactersInParams(context);
      return await handler(request, context);
    } catch (error) {
      if (isAppError(error)) {
        const headers = error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
        return Response.json({ error: error.message, code: error.code }, { status: error.status, headers });
      }
      if (error instanceof z.ZodError) {
        return Response.json({ error: "Invalid request.", fieldErrors: fieldErrorsOf(error) }, { status: 422 });
      }
      console.error(`Unexpected error in ${request.method} ${new URL(request.url).pathname}`, error);
      return Response.json({ error: "Something went wrong on our side." }, { status: 500 });
    }
  };
}

/** True when the request's Origin header (required for state changes) names the host it was sent to. */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** True when the Content-Type is application/json (parameters such as charset allowed). */
export function isJsonRequest(request: Request): boolean {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json";
}

/** Path parameters (slugs, exercise and submission ids) reach SQL as text, where PostgreSQL refuses NUL. */
async function refuseControlCharactersInParams(context: unknown): Promise<void> {
  const params: unknown = await (context as { params?: unknown } | undefined)?.params;
  if (typeof params !== "object" || params === null) return;
  for (const [name, value] of Object.entries(params)) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.some((part) => typeof part === "string" && hasControlCharacter(part))) {
      throw new AppError("INVALID_INPUT", `The ${name} in the address contains a control character.`);
    }
  }
}
