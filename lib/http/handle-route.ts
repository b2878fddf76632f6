import { z } from "zod";
import { isAppError } from "../errors";
import { fieldErrorsOf } from "./field-errors";

type Handler<Context> = (request: Request, context: Context) => Promise<Response>;

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Wraps a route handler: refuses state-changing requests from another origin, and turns an AppError
 * or a zod error into a JSON response with its status. Anything else is logged and answered 500.
 */
export function handleRoute<Context>(handler: Handler<Context>): Handler<Context> {
  return async (request, context) => {
    if (STATE_CHANGING.has(request.method) && !isSameOrigin(request)) {
      return Response.json({ error: "Cross-origin request refused.", code: "FORBIDDEN" }, { status: 403 });
    }
    try {
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
