import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db";
import { ltiContexts, ltiResourceLinks, ltiUserLinks } from "../../db/schema";
import type { Transaction } from "../../db/transaction";
import { linkedAccount, enrolFromLms, LtiAccountError } from "../accounts";
import { DEEP_LINKING_REQUEST, LTI_CLAIM } from "../claims";
import { startDeepLinking } from "../deep-linking/start";
import { getPlatform, isKnownDeployment } from "../platforms";
import { courseRoleFromLtiRoles } from "../roles";
import { scheduleRosterSync } from "../roster/schedule";
import { readCookie } from "./cookies";
import type { IdTokenClaims } from "./id-token-claims";
import { findLoginState, stateCookieName, spendLoginState } from "./login-states";
import { LaunchRefusal } from "./refusal";
import { resolveTarget, type LaunchTarget } from "./target";
import { verifyIdToken } from "./verify-id-token";

/** The platform's form_post to the launch URL; `resubmitted` marks the tool's own same-site re-post. */
export const LaunchFormSchema = z.object({
  id_token: z.string().min(1).max(20_000),
  state: z.string().min(1).max(200),
  resubmitted: z.literal("1").optional(),
});

export type LaunchOutcome =
  /** Signed in: where to go, and the origins allowed to frame the app from now on. */
  | { kind: "signed-in"; userId: string; redirect: string; state: string; frameOrigins: string[] }
  /** The state cookie did not come with the cross-site post: post again from this site (cookies then come). */
  | { kind: "resubmit"; idToken: string; state: string }
  /** The browser refused the cookies (a third-party frame): start again in a new window. */
  | { kind: "new-window"; loginUrl: string };

export interface LaunchRequest {
  form: Record<string, string>;
  cookieHeader: string | null;
  /** The launch request's Origin header (the LMS page that posted it). */
  requestOrigin: string | null;
  /** The tool's public origin. */
  origin: string;
  now?: Date;
}

function originOf(url: string | undefined | null): string | null {
  try {
    const parsed = new URL(url ?? "");
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The LMS origins that may frame the app after this launch: where the post came from, its return URL's and the issuer's. */
function frameOriginsOf(claims: IdTokenClaims, issuer: string, requestOrigin: string | null, origin: string): string[] {
  const candidates = [requestOrigin, claims[LTI_CLAIM.launchPresentation]?.return_url, issuer].map(originOf);
  return [...new Set(candidates.filter((value): value is string => value !== null && value !== origin))];
}

interface VerifiedLaunch {
  claims: IdTokenClaims;
  platformId: string;
  deploymentId: string;
  role: ReturnType<typeof courseRoleFromLtiRoles>;
  contextId: string | null;
  target: LaunchTarget | null;
}

/**
 * Handles a launch (resource link or deep linking request): verifies everything first (state and its
 * browser binding, the id_token, the deployment, the target), then in one transaction marks the state
 * used, links the account, records the context and resource link, enrols, schedules a roster sync and
 * hands a deep linking request over. A refusal writes nothing but the state's use.
 */
export async function handleLaunch(db: Db, request: LaunchRequest): Promise<LaunchOutcome> {
  const now = request.now ?? new Date();
  const form = LaunchFormSchema.safeParse(request.form);
  if (!form.success) throw new LaunchRefusal("bad_request", "the launch needs an id_token and a state");
  const { id_token: idToken, state } = form.data;
  const stored = await findLoginState(db, state);
  if (!stored) throw new LaunchRefusal("unknown_state");
  if (stored.usedAt) throw new LaunchRefusal("state_used");
  if (stored.expiresAt <= now) throw new LaunchRefusal("expired_state");
  const bound = readCookie(request.cookieHeader, stateCookieName(state));
  if (bound === undefined) {
    if (!form.data.resubmitted) return { kind: "resubmit", idToken, state };
    const loginUrl = new URL("/lti/login", request.origin);
    for (const [name, value] of Object.entries(stored.loginParams)) loginUrl.searchParams.set(name, value);
    return { kind: "new-window", loginUrl: loginUrl.toString() };
  }

  let verified: VerifiedLaunch;
  try {
    if (bound !== state) throw new LaunchRefusal("state_mismatch");
    verified = await verify(db, stored.platformId, idToken, stored.nonce);
  } catch (error) {
    // The state is spent either way: a refused token cannot be retried with it.
    await spendLoginState(db, state, now);
    throw error;
  }
  const platform = (await getPlatform(db, verified.platformId))!;

  let outcome: { userId: string; redirect: string };
  try {
    outcome = await db.transaction((tx) => record(tx, verified, state, now));
  } catch (error) {
    if (error instanceof LtiAccountError) {
      await spendLoginState(db, state, now);
      throw new LaunchRefusal("account_refused", error.message);
    }
    throw error;
  }
  return { kind: "signed-in", ...outcome, state, frameOrigins: frameOriginsOf(verified.claims, platform.issuer, request.requestOrigin, request.origin) };
}

async function verify(db: Db, platformId: string, idToken: string, nonce: string): Promise<VerifiedLaunch> {
  const platform = await getPlatform(db, platformId);
  if (!platform) throw new LaunchRefusal("unknown_platform");
  const claims = await verifyIdToken(platform, idToken, nonce);
  const deploymentId = claims[LTI_CLAIM.deploymentId];
  if (!(await isKnownDeployment(db, platform.id, deploymentId))) throw new LaunchRefusal("unknown_deployment", deploymentId);
  const role = courseRoleFromLtiRoles(claims[LTI_CLAIM.roles]);
  const contextId = claims[LTI_CLAIM.context]?.id ?? null;
  if (claims[LTI_CLAIM.messageType] === DEEP_LINKING_REQUEST) {
    if (role !== "instructor") throw new LaunchRefusal("not_instructor");
    return { claims, platformId, deploymentId, role, contextId, target: null };
  }
  if (!contextId) throw new LaunchRefusal("no_context");
  const target = await resolveTarget(db, platform.id, contextId, claims[LTI_CLAIM.resourceLink]!.id, claims);
  return { claims, platformId, deploymentId, role, contextId, target };
}

async function record(tx: Transaction, launch: VerifiedLaunch, state: string, now: Date): Promise<{ userId: string; redirect: string }> {
  if (!(await spendLoginState(tx, state, now))) throw new LaunchRefusal("state_used");
  const { claims, platformId, target } = launch;
  const user = await linkedAccount(tx, platformId, { sub: claims.sub, name: claims.name, email: claims.email }, now);
  await tx.update(ltiUserLinks).set({ lastLaunchAt: now }).where(and(eq(ltiUserLinks.platformId, platformId), eq(ltiUserLinks.sub, claims.sub)));

  let contextRowId: string | null = null;
  let courseId: string | null = null;
  if (launch.contextId) {
    const context = claims[LTI_CLAIM.context]!;
    const ags = claims[LTI_CLAIM.ags];
    const services = {
      deploymentId: launch.deploymentId,
      title: context.title ?? "",
      membershipsUrl: claims[LTI_CLAIM.nrps]?.context_memberships_url ?? null,
      lineItemsUrl: ags?.lineitems ?? null,
      agsScopes: ags?.scope ?? [],
    };
    const [row] = await tx
      .insert(ltiContexts)
      .values({ platformId, contextId: launch.contextId, courseId: target?.courseId ?? null, ...services })
      // A context is linked once: the first target's course (or deep linking's choice) stays.
      .onConflictDoUpdate({ target: [ltiContexts.platformId, ltiContexts.contextId], set: { ...services, courseId: sql`coalesce(${ltiContexts.courseId}, excluded.course_id)` } })
      .returning({ id: ltiContexts.id, courseId: ltiContexts.courseId });
    contextRowId = row!.id;
    courseId = row!.courseId;
  }

  const resourceLink = claims[LTI_CLAIM.resourceLink];
  if (resourceLink && contextRowId) {
    const lineItemUrl = claims[LTI_CLAIM.ags]?.lineitem;
    const targetColumns = target?.assessmentId || target?.assignmentId ? { assessmentId: target.assessmentId, assignmentId: target.assignmentId } : {};
    await tx
      .insert(ltiResourceLinks)
      .values({ contextRowId, resourceLinkId: resourceLink.id, title: resourceLink.title ?? "", lineItemUrl: lineItemUrl ?? null, ...targetColumns })
      .onConflictDoUpdate({
        target: [ltiResourceLinks.contextRowId, ltiResourceLinks.resourceLinkId],
        set: { title: resourceLink.title ?? "", ...targetColumns, ...(lineItemUrl ? { lineItemUrl } : {}) },
      });
  }

  if (courseId && contextRowId) {
    await enrolFromLms(tx, courseId, user.id, launch.role);
    await scheduleRosterSync(tx, contextRowId);
  }

  const settings = claims[LTI_CLAIM.deepLinkingSettings];
  if (claims[LTI_CLAIM.messageType] === DEEP_LINKING_REQUEST && settings) {
    const requestId = await startDeepLinking(tx, {
      platformId,
      deploymentId: launch.deploymentId,
      userId: user.id,
      contextRowId,
      returnUrl: settings.deep_link_return_url,
      data: settings.data ?? null,
      acceptTypes: settings.accept_types,
      acceptMultiple: settings.accept_multiple,
    });
    return { userId: user.id, redirect: `/lti/deep-link/${encodeURIComponent(requestId)}` };
  }
  return { userId: user.id, redirect: target!.path };
}
