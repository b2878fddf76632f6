import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db";
import { ltiContextMembers, ltiContexts, ltiResourceLinks, ltiUserLinks, type User } from "../../db/schema";
import type { Transaction } from "../../db/transaction";
import { isAppError } from "../../errors";
import { linkedAccount, enrolFromLms, LtiAccountError, LtiLinkNeedsPasswordError } from "../accounts";
import { DEEP_LINKING_REQUEST, LTI_CLAIM } from "../claims";
import { startDeepLinking } from "../deep-linking/start";
import { getPlatform, isKnownDeployment } from "../platforms";
import { courseRoleFromLtiRoles } from "../roles";
import { scheduleRosterSync } from "../roster/schedule";
import { readCookie } from "./cookies";
import type { IdTokenClaims } from "./id-token-claims";
import { findLoginState, stateCookieName, spendLoginState } from "./login-states";
import { createPendingLink } from "./pending-links";
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
  /** The LMS's email names an account with a password: its password is asked first, at /lti/link-account/<pendingId>. */
  | { kind: "link-account"; pendingId: string; state: string }
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
 * hands a deep linking request over. A refusal writes nothing but the state's use. A first launch whose
 * email names an account with a password links nothing: what it would do waits for that password.
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
  const frameOrigins = frameOriginsOf(verified.claims, platform.issuer, request.requestOrigin, request.origin);

  let recorded: Recorded;
  try {
    recorded = await db.transaction((tx) => record(tx, verified, state, frameOrigins, now));
  } catch (error) {
    // Nothing was written (the transaction rolled back); the state is spent all the same.
    if (error instanceof LtiAccountError) {
      await spendLoginState(db, state, now);
      throw new LaunchRefusal("account_refused", error.message);
    }
    if (error instanceof LaunchRefusal) {
      if (error.code !== "state_used") await spendLoginState(db, state, now);
      throw error;
    }
    throw error;
  }
  if (recorded.kind === "link-account") return { kind: "link-account", pendingId: recorded.pendingId, state };
  return { kind: "signed-in", userId: recorded.userId, redirect: recorded.redirect, state, frameOrigins };
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

type Recorded = { kind: "signed-in"; userId: string; redirect: string } | { kind: "link-account"; pendingId: string };

/** The launch's account: linked by sub, a passwordless one by email, or new; null with the account that waits for its password. */
async function launchAccount(tx: Transaction, platformId: string, claims: IdTokenClaims, now: Date): Promise<{ user: User | null; waiting: LtiLinkNeedsPasswordError | null }> {
  try {
    const user = await linkedAccount(tx, platformId, { sub: claims.sub, name: claims.name, email: claims.email }, now);
    await tx.update(ltiUserLinks).set({ lastLaunchAt: now }).where(and(eq(ltiUserLinks.platformId, platformId), eq(ltiUserLinks.sub, claims.sub)));
    return { user, waiting: null };
  } catch (error) {
    if (error instanceof LtiLinkNeedsPasswordError) return { user: null, waiting: error };
    throw error;
  }
}

async function record(tx: Transaction, launch: VerifiedLaunch, state: string, frameOrigins: string[], now: Date): Promise<Recorded> {
  if (!(await spendLoginState(tx, state, now))) throw new LaunchRefusal("state_used");
  const { claims, platformId, target } = launch;
  const { user, waiting } = await launchAccount(tx, platformId, claims, now);
  const userId = user?.id ?? waiting!.userId;

  let contextRowId: string | null = null;
  let courseId: string | null = null;
  if (launch.contextId) {
    const context = claims[LTI_CLAIM.context]!;
    const nrps = claims[LTI_CLAIM.nrps];
    const ags = claims[LTI_CLAIM.ags];
    const values = {
      deploymentId: launch.deploymentId,
      title: context.title ?? "",
      membershipsUrl: nrps?.context_memberships_url ?? null,
      lineItemsUrl: ags?.lineitems ?? null,
      agsScopes: ags?.scope ?? [],
    };
    // A launch without the NRPS or AGS claim (a placement that does not offer them) keeps what an earlier one gave.
    const services = {
      deploymentId: values.deploymentId,
      title: values.title,
      membershipsUrl: sql`coalesce(excluded.memberships_url, ${ltiContexts.membershipsUrl})`,
      lineItemsUrl: sql`coalesce(excluded.line_items_url, ${ltiContexts.lineItemsUrl})`,
      ...(ags ? { agsScopes: values.agsScopes } : {}),
    };
    // The account waiting for its password does not link a new LMS course yet: that happens with the password.
    const linkTo = waiting ? null : (target?.courseId ?? null);
    const [row] = await tx
      .insert(ltiContexts)
      .values({ platformId, contextId: launch.contextId, courseId: linkTo, ...values })
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
    if (user) {
      await enrolFromLms(tx, courseId, user.id, launch.role);
      // Who came in through this LMS course: its roster sync ends only these.
      await tx.insert(ltiContextMembers).values({ contextRowId, userId: user.id, createdAt: now }).onConflictDoNothing();
    }
    await scheduleRosterSync(tx, contextRowId);
  }

  let redirect: string;
  const settings = claims[LTI_CLAIM.deepLinkingSettings];
  if (claims[LTI_CLAIM.messageType] === DEEP_LINKING_REQUEST && settings) {
    const requestId = await startDeepLinking(tx, {
      platformId,
      deploymentId: launch.deploymentId,
      userId,
      contextRowId,
      returnUrl: settings.deep_link_return_url,
      data: settings.data ?? null,
      acceptTypes: settings.accept_types,
      acceptMultiple: settings.accept_multiple,
    }).catch((error: unknown) => {
      // An LMS placement that takes no LTI links (or gives no usable return URL): a refusal, not a server error.
      if (isAppError(error)) throw new LaunchRefusal("unsupported_deep_link", error.message);
      throw error;
    });
    redirect = `/lti/deep-link/${encodeURIComponent(requestId)}`;
  } else {
    redirect = target!.path;
  }

  if (waiting) {
    const pendingId = await createPendingLink(
      tx,
      { platformId, sub: claims.sub, userId, courseId: courseId ?? target?.courseId ?? null, role: launch.role, contextRowId, redirectPath: redirect, frameOrigins },
      now,
    );
    return { kind: "link-account", pendingId };
  }
  return { kind: "signed-in", userId, redirect };
}
