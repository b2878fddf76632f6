import { z } from "zod";
import type { DbOrTx } from "../../db/transaction";
import type { LtiPlatform } from "../../db/schema";
import { MEDIA_TYPE, NRPS_SCOPE } from "../claims";
import { expectOk, platformFetch, PlatformRequestError } from "../platform-http";
import { forgetServiceTokens, getServiceToken } from "../service-token";
import { nextLink } from "./link-header";

/** Pages read at most per sync: a platform whose `next` links never end is stopped, not followed forever. */
export const MAX_MEMBERSHIP_PAGES = 100;

const StatusSchema = z
  .string()
  // Some platforms send the LIS status URI (…/status#Active) rather than the bare name.
  .transform((status) => status.slice(status.lastIndexOf("#") + 1))
  .pipe(z.enum(["Active", "Inactive", "Deleted"]));

const OptionalText = z.string().nullish().catch(null);

export const NrpsMemberSchema = z.object({
  user_id: z.string().trim().min(1).max(255),
  roles: z.array(z.string()).default([]),
  status: StatusSchema.default("Active"),
  name: OptionalText,
  given_name: OptionalText,
  family_name: OptionalText,
  email: OptionalText,
});
export type NrpsMember = z.infer<typeof NrpsMemberSchema>;

const ContainerSchema = z.object({ members: z.array(z.unknown()) });

/** A member entry the tool could not read: reported, and never counted as absent. */
export interface UnreadableMember {
  sub: string | null;
  reason: string;
}

export interface MembershipList {
  members: NrpsMember[];
  unreadable: UnreadableMember[];
  pages: number;
  /** Why the list is not the whole roster (the page limit), or null when every page was read. */
  incomplete: string | null;
}

/**
 * Every page of an NRPS membership container: a token with the NRPS scope, `Link: <…>; rel="next"` followed
 * (on the memberships URL's own origin: the token goes nowhere else) up to MAX_MEMBERSHIP_PAGES. A page the
 * platform refuses or that is not a membership container throws a PlatformRequestError.
 */
export async function readMemberships(db: DbOrTx, platform: Pick<LtiPlatform, "id" | "clientId" | "authTokenUrl" | "tokenAudience">, membershipsUrl: string): Promise<MembershipList> {
  const origin = new URL(membershipsUrl).origin;
  const list: MembershipList = { members: [], unreadable: [], pages: 0, incomplete: null };
  const seen = new Set<string>();
  let url: string | null = membershipsUrl;
  let retriedToken = false;
  while (url) {
    if (list.pages >= MAX_MEMBERSHIP_PAGES) {
      list.incomplete = `The LMS's member list has more than ${MAX_MEMBERSHIP_PAGES} pages; reading stopped there.`;
      break;
    }
    if (seen.has(url)) throw new PlatformRequestError(`The LMS's member list pages lead back to a page already read (${url}).`, 502);
    const token = await getServiceToken(db, platform, [NRPS_SCOPE]);
    const response = await platformFetch(url, { headers: { accept: MEDIA_TYPE.memberships, authorization: `Bearer ${token}` } });
    if (response.status === 401 && !retriedToken) {
      // A cached token the platform revoked: ask for a new one once.
      retriedToken = true;
      forgetServiceTokens(platform.id);
      continue;
    }
    await expectOk(response, "The LMS refused its member list");
    seen.add(url);
    list.pages += 1;
    const page = ContainerSchema.safeParse(await response.json().catch(() => null));
    if (!page.success) throw new PlatformRequestError(`The LMS's member list (page ${list.pages}) is not a membership container.`, 502);
    for (const raw of page.data.members) {
      const member = NrpsMemberSchema.safeParse(raw);
      if (member.success) list.members.push(member.data);
      else list.unreadable.push({ sub: subOf(raw), reason: `unreadable member entry: ${member.error.issues.map((issue) => `${issue.path.join(".") || "entry"} ${issue.message}`).join("; ")}` });
    }
    url = nextLink(response.headers.get("link"), url);
    if (url && new URL(url).origin !== origin) throw new PlatformRequestError(`The LMS's next member list page is on another host (${new URL(url).host}); the token is not sent there.`, 502);
  }
  return list;
}

function subOf(raw: unknown): string | null {
  const parsed = z.object({ user_id: z.string().min(1) }).safeParse(raw);
  return parsed.success ? parsed.data.user_id : null;
}
