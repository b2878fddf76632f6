import "server-only";
import { headers } from "next/headers";
import { publicOrigin } from "@/lib/lti/tool-urls";

/** The origin an LMS reaches the app at: NEXTAUTH_URL, else the host the admin's browser used. */
export async function requestOrigin(): Promise<string> {
  let requestUrl: string | undefined;
  try {
    const list = await headers();
    const host = list.get("x-forwarded-host") ?? list.get("host");
    const proto = list.get("x-forwarded-proto") ?? "http";
    if (host) requestUrl = `${proto.split(",")[0]!.trim()}://${host}`;
  } catch {
    // Outside a request (tests): NEXTAUTH_URL or localhost.
  }
  return publicOrigin(requestUrl);
}
