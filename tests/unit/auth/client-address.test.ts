import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-address";
import { parseEnv } from "@/lib/env";

describe("clientAddress", () => {
  it("with no trusted proxy, takes the socket's peer (the last entry) whatever the client wrote before it", () => {
    expect(clientAddress({ "x-forwarded-for": "1.2.3.4, 127.0.0.1" }, 0)).toBe("127.0.0.1");
    expect(clientAddress({ "x-forwarded-for": "1.2.3.4,5.6.7.8,  ::ffff:198.51.100.4" }, 0)).toBe("198.51.100.4");
    expect(clientAddress({ "x-forwarded-for": "::1" }, 0)).toBe("::1");
  });

  it("behind one trusted proxy, takes the entry that proxy appended (one hop from the right)", () => {
    // Client → proxy (appends the client's 203.0.113.9) → app (appends the proxy's 10.0.0.2).
    expect(clientAddress({ "x-forwarded-for": "1.2.3.4, 203.0.113.9, 10.0.0.2" }, 1)).toBe("203.0.113.9");
    expect(clientAddress({ "x-forwarded-for": "203.0.113.9, 10.0.0.2" }, 1)).toBe("203.0.113.9");
    // Reached without the proxy: only the socket's entry, which is still not the client's to choose.
    expect(clientAddress({ "x-forwarded-for": "10.0.0.2" }, 1)).toBe("10.0.0.2");
  });

  it("has no address without the header", () => {
    expect(clientAddress({}, 0)).toBeUndefined();
    expect(clientAddress(undefined, 0)).toBeUndefined();
  });
});

describe("TRUSTED_PROXY_HOPS", () => {
  it("defaults to 0 and takes a small whole number", () => {
    expect(parseEnv({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "" }).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(() => parseEnv({ TRUSTED_PROXY_HOPS: "-1" })).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => parseEnv({ TRUSTED_PROXY_HOPS: "one" })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});

describe("scripts/peer-address.mjs (preloaded into `next start`)", () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    // Patches http.Server for this test file's process, as it does for `next start`.
    await import(new URL("../../../scripts/peer-address.mjs", import.meta.url).href);
    server = http.createServer((request, response) => response.end(String(request.headers["x-forwarded-for"])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const forwardedFor = (headers: Record<string, string>) =>
    new Promise<string>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port, headers, agent: false }, (response) => {
          let body = "";
          response.on("data", (chunk) => (body += chunk));
          response.on("end", () => resolve(body));
        })
        .on("error", reject);
    });

  it("appends the socket's peer to what the client sent, so the client's entries stay to the left", async () => {
    expect(await forwardedFor({ "X-Forwarded-For": "1.2.3.4" })).toBe("1.2.3.4, 127.0.0.1");
    expect(await forwardedFor({})).toBe("127.0.0.1");
    expect(clientAddress({ "x-forwarded-for": await forwardedFor({ "X-Forwarded-For": "1.2.3.4" }) }, 0)).toBe("127.0.0.1");
  });
});
