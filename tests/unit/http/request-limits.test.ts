import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { refusedRequest, SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/http/request-limits";

function request(pathname: string, method = "GET", headers: Record<string, string> = {}) {
  return { method, headers: new Headers(headers), nextUrl: { pathname } };
}

describe("refusedRequest (proxy.ts)", () => {
  it("answers a server action over the body limit with 413 and one without a length with 411", async () => {
    const over = refusedRequest(request("/courses/keras/manage/roster", "POST", { "next-action": "abc", "content-length": String(SERVER_ACTION_BODY_LIMIT_BYTES + 1) }));
    expect(over?.status).toBe(413);
    expect(await over?.text()).toBe("The request is larger than 1 MB.");
    expect(refusedRequest(request("/x", "POST", { "next-action": "abc" }))?.status).toBe(411);
    expect(refusedRequest(request("/x", "POST", { "next-action": "abc", "content-length": String(SERVER_ACTION_BODY_LIMIT_BYTES) }))).toBeNull();
    // Not an action: Next.js and the route's own limits decide.
    expect(refusedRequest(request("/x", "POST", { "content-length": String(10 * SERVER_ACTION_BODY_LIMIT_BYTES) }))).toBeNull();
  });

  it("refuses a path with a control character, encoded or not, with 422", () => {
    for (const path of ["/courses/ke%00ras", "/courses/keras/exercises/soft%1Fmax", "/a%7f", "/a\u0000"]) {
      expect(refusedRequest(request(path))?.status).toBe(422);
    }
    for (const path of ["/courses/keras", "/courses/%E3%80%80", "/a%20b", "/a%2F"]) expect(refusedRequest(request(path))).toBeNull();
  });

  it("states the same limit as next.config.mjs", () => {
    expect(readFileSync("next.config.mjs", "utf8")).toContain('serverActions: { bodySizeLimit: "1mb" }');
    expect(SERVER_ACTION_BODY_LIMIT_BYTES).toBe(1024 * 1024);
  });
});
