import { z } from "zod";
import { findSessionUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { isSameOrigin } from "@/lib/http/handle-route";
import { checkedReturn, returnPageResponse } from "@/lib/lti/deep-linking/return-page";

const ReturnFormSchema = z.object({
  requestId: z.uuid(),
  JWT: z.string().min(1).max(200_000),
});

const text = (status: number, message: string) => new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * POST (a form of the picker page): hands the signed deep linking response to a page that posts it to the
 * LMS. Its own HTML and CSP (proxy.ts leaves this path alone): the CSP names the LMS's return origin.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return text(403, "Cross-origin request refused.");
  const user = await findSessionUser();
  if (!user) return text(401, "Sign in to continue.");
  const form = await request.formData().catch(() => null);
  const parsed = ReturnFormSchema.safeParse(form ? Object.fromEntries(form.entries()) : {});
  if (!parsed.success) return text(422, "Send the request id and the signed response (JWT) as a form.");
  try {
    const { returnUrl, jwt } = await checkedReturn(await getDb(), { requestId: parsed.data.requestId, userId: user.id, jwt: parsed.data.JWT });
    return returnPageResponse(returnUrl, jwt);
  } catch (error) {
    if (isAppError(error)) return text(error.status, error.message);
    throw error;
  }
}
