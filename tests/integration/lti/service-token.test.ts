import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { publicJwks, rotateSigningKey } from "@/lib/lti/keys";
import { getPlatform, savePlatform } from "@/lib/lti/platforms";
import { forgetServiceTokens, getServiceToken, TOKEN_RENEW_BEFORE_MS } from "@/lib/lti/service-token";
import { PlatformRequestError } from "@/lib/lti/platform-http";
import { AGS_SCOPE } from "@/lib/lti/claims";
import type { LtiPlatform } from "@/lib/db/schema";
import { startFakeLms, type FakeLms } from "../../helpers/fake-lms";
import { testBackends } from "../../helpers/test-database";

describe.each(testBackends())("service tokens from the LMS on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let lms: FakeLms;
  let platform: LtiPlatform;
  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    lms = await startFakeLms();
    lms.tool.localJwks = await publicJwks(handle.db);
    const id = await savePlatform(
      handle.db,
      { issuer: lms.issuer, clientId: lms.clientId, authLoginUrl: lms.urls.auth, authTokenUrl: lms.urls.token, jwksUrl: lms.urls.jwks, deploymentIds: [lms.deploymentId] },
      "manual",
    );
    platform = (await getPlatform(handle.db, id))!;
  });
  afterAll(async () => {
    forgetServiceTokens();
    await lms.close();
    await drop();
  });

  it("gets a token with a client assertion the platform verifies, and caches it until shortly before it expires", async () => {
    forgetServiceTokens();
    const now = Date.now();
    const token = await getServiceToken(handle.db, platform, [AGS_SCOPE.score], now);
    expect(lms.tokenRequests).toEqual([{ scope: AGS_SCOPE.score, ok: true }]);
    expect(await getServiceToken(handle.db, platform, [AGS_SCOPE.score], now + 1000)).toBe(token);
    expect(lms.tokenRequests).toHaveLength(1);
    // The fake's tokens last 3600 s: one minute before that, a new one is asked for.
    const renewed = await getServiceToken(handle.db, platform, [AGS_SCOPE.score], now + 3600_000 - TOKEN_RENEW_BEFORE_MS + 1);
    expect(renewed).not.toBe(token);
    expect(lms.tokenRequests).toHaveLength(2);
  });

  it("reports the platform's refusal with its status and reason, as retryable when it is a 5xx", async () => {
    forgetServiceTokens();
    lms.failTokenRequests(1, 503);
    const failure = await getServiceToken(handle.db, platform, [AGS_SCOPE.score]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PlatformRequestError);
    expect((failure as PlatformRequestError).status).toBe(503);
    expect((failure as PlatformRequestError).retryable).toBe(true);
    expect((failure as PlatformRequestError).reason).toContain("temporarily_unavailable");
    await expect(getServiceToken(handle.db, platform, [AGS_SCOPE.score])).resolves.toEqual(expect.any(String));
  });

  it("a token refused as invalid_client because the LMS still holds our keys from before a rotation is retryable, and works once it fetched them again", async () => {
    forgetServiceTokens();
    await rotateSigningKey(handle.db);
    // The fake LMS keeps its old copy of the tool's JWKS, as a platform caching it does.
    const failure = await getServiceToken(handle.db, platform, [AGS_SCOPE.score]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PlatformRequestError);
    expect((failure as PlatformRequestError).status).toBe(401);
    expect((failure as PlatformRequestError).retryable).toBe(true);
    expect((failure as PlatformRequestError).reason).toContain("invalid_client");
    expect(lms.tokenRequests.at(-1)).toMatchObject({ ok: false });
    lms.tool.localJwks = await publicJwks(handle.db);
    await expect(getServiceToken(handle.db, platform, [AGS_SCOPE.score])).resolves.toEqual(expect.any(String));
    expect(lms.tokenRequests.at(-1)).toMatchObject({ ok: true });
  });

  it("a token refused with 400 is retryable too; a 403 is not", async () => {
    forgetServiceTokens();
    lms.failTokenRequests(1, 400);
    expect(await getServiceToken(handle.db, platform, [AGS_SCOPE.score]).catch((error: unknown) => error)).toMatchObject({ status: 400, retryable: true });
    lms.failTokenRequests(1, 403);
    expect(await getServiceToken(handle.db, platform, [AGS_SCOPE.score]).catch((error: unknown) => error)).toMatchObject({ status: 403, retryable: false });
  });
});
