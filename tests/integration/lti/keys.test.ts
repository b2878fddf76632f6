import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalJWKSet, jwtVerify, SignJWT } from "jose";
import type { DatabaseHandle } from "@/lib/db/client";
import { getSigningKey, publicJwks, rotateSigningKey, RETIRED_KEY_PUBLISHED_MS } from "@/lib/lti/keys";
import { testBackends } from "../../helpers/test-database";

describe.each(testBackends())("the tool's signing keys on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  beforeAll(async () => ({ handle, drop } = await backend.create()));
  afterAll(() => drop());

  it("creates one key on first use, publishes it, and keeps signing with it", async () => {
    const first = await getSigningKey(handle.db);
    const again = await getSigningKey(handle.db);
    expect(again.kid).toBe(first.kid);
    const jwks = await publicJwks(handle.db);
    expect(jwks.keys.map((key) => key.kid)).toEqual([first.kid]);
    expect(jwks.keys[0]).not.toHaveProperty("d");
    const token = await new SignJWT({ hello: "platform" }).setProtectedHeader({ alg: "RS256", kid: first.kid }).sign(first.privateKey);
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks));
    expect(payload.hello).toBe("platform");
  });

  it("rotates: the new key signs, the old one stays published until its grace ends", async () => {
    const before = await getSigningKey(handle.db);
    const now = new Date();
    const kid = await rotateSigningKey(handle.db, now);
    expect((await getSigningKey(handle.db)).kid).toBe(kid);
    expect((await publicJwks(handle.db, now)).keys.map((key) => key.kid)).toEqual([kid, before.kid]);
    const later = new Date(now.getTime() + RETIRED_KEY_PUBLISHED_MS + 1000);
    expect((await publicJwks(handle.db, later)).keys.map((key) => key.kid)).toEqual([kid]);
  });
});
