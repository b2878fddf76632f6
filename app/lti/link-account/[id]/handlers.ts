import "server-only";
import { cookies, headers } from "next/headers";
import { z } from "zod";
import type { ActionResult } from "@/lib/auth/action";
import { clientAddress } from "@/lib/auth/client-address";
import { ltiSessionToken, sessionCookieName } from "@/lib/lti/launch/session";
import { getAuthOptions, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/options";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/http/field-errors";
import { FRAME_COOKIE, signFrameOrigins } from "@/lib/http/framing";
import { cookieOptions } from "@/lib/lti/launch/cookies";
import { confirmPendingLink } from "@/lib/lti/launch/pending-links";
import { servedOverHttps } from "@/lib/lti/tool-urls";
import { getLogger } from "@/lib/logging/logger";
import { requestOrigin } from "../../request-origin";

export const LinkAccountSchema = z.object({
  pendingId: z.uuid("is not an account link"),
  password: z.string().min(1, "is required").max(1024, "is too long"),
});

/** Where the linked launch goes on. */
export interface LinkedAccountState {
  redirectPath: string;
}

/** What the request gives the handler: the client's address (for the sign-in limits), the public origin, and the cookie jar. */
export interface LinkAccountDependencies {
  address: () => Promise<string | undefined>;
  origin: () => Promise<string>;
  setCookie: (name: string, value: string, options: ReturnType<typeof cookieOptions>) => Promise<void>;
}

const requestDependencies: LinkAccountDependencies = {
  address: async () => clientAddress(Object.fromEntries((await headers()).entries())),
  origin: requestOrigin,
  setCookie: async (name, value, options) => {
    (await cookies()).set(name, value, options);
  },
};

/**
 * The /lti/link-account form's handler. Public: the person is not signed in yet; the pending link's id
 * (made by their launch) and the existing account's password are what let them in. On success they are
 * signed in as a launch signs in (session and frame cookies) and the launch goes on.
 */
export function createLinkAccountHandlers(dependencies: LinkAccountDependencies = requestDependencies) {
  return {
    async link(form: FormData): Promise<ActionResult<LinkedAccountState>> {
      const parsed = LinkAccountSchema.safeParse({ pendingId: form.get("pendingId") ?? undefined, password: form.get("password") ?? undefined });
      if (!parsed.success) return { ok: false, code: "INVALID_INPUT", error: "Some fields need attention.", fieldErrors: fieldErrorsOf(parsed.error) };
      try {
        const db = await getDb();
        const linked = await confirmPendingLink(db, { pendingId: parsed.data.pendingId, password: parsed.data.password, address: await dependencies.address() });
        const https = servedOverHttps(await dependencies.origin());
        await dependencies.setCookie(sessionCookieName(https), await ltiSessionToken(db, linked.userId), cookieOptions(https, SESSION_MAX_AGE_SECONDS));
        await dependencies.setCookie(FRAME_COOKIE, signFrameOrigins(linked.frameOrigins, getAuthOptions().secret!), cookieOptions(https, SESSION_MAX_AGE_SECONDS));
        return { ok: true, data: { redirectPath: linked.redirectPath } };
      } catch (error) {
        if (isAppError(error)) return { ok: false, code: error.code, error: error.message };
        getLogger().error({ err: error }, "linking an LMS account failed");
        return { ok: false, code: "INTERNAL", error: "Something went wrong on our side. Please try again." };
      }
    },
  };
}
