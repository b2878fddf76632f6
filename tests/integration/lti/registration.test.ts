import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/lib/db/client";
import { ltiDeployments, ltiPlatforms, ltiRegistrationTokens } from "@/lib/db/schema";
import { AGS_SCOPE, NRPS_SCOPE } from "@/lib/lti/claims";
import { listPlatforms } from "@/lib/lti/platforms";
import { registerDynamically } from "@/lib/lti/registration/dynamic";
import { createRegistrationUrl, hashRegistrationToken, MAX_REGISTRATION_FAILURES } from "@/lib/lti/registration/tokens";
import { RegistrationError } from "@/lib/lti/registration/errors";
import { assertPublicPlatformUrl, isInternalAddress, type ResolveAll } from "@/lib/lti/platform-url-guard";
import { ManualRegistrationSchema, saveManualRegistration, addDeployment, deletePlatform } from "@/lib/lti/registration/admin";
import { startFakeLms, type FakeLms } from "../../helpers/fake-lms";
import { testBackends } from "../../helpers/test-database";

const ORIGIN = "https://tool.example.org";
const TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";

describe.each(testBackends())("LTI registration on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let lms: FakeLms;
  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    lms = await startFakeLms({ clientId: "client-dyn", deploymentId: "dep-dyn" });
  });
  afterAll(async () => {
    await lms?.close();
    await drop?.();
  });

  const params = (token: string, overrides: Record<string, string | undefined> = {}) => ({
    token,
    openid_configuration: lms.urls.openidConfiguration,
    registration_token: lms.registrationToken,
    ...overrides,
  });
  const tokenRow = async (token: string) => (await handle.db.select().from(ltiRegistrationTokens).where(eq(ltiRegistrationTokens.tokenHash, hashRegistrationToken(token))))[0]!;

  it("creates a registration URL that stores only the token's hash, valid for the hours asked", async () => {
    const now = new Date("2026-12-01T10:00:00Z");
    const created = await createRegistrationUrl(handle.db, null, ORIGIN, 5, now);
    const url = new URL(created.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${ORIGIN}/lti/register`);
    expect(url.searchParams.get("token")).toBe(created.token);
    expect(created.expiresAt.toISOString()).toBe("2026-12-01T15:00:00.000Z");
    const rows = await handle.db.select().from(ltiRegistrationTokens);
    expect(rows.some((row) => row.tokenHash === created.token)).toBe(false);
    expect((await tokenRow(created.token)).expiresAt.toISOString()).toBe("2026-12-01T15:00:00.000Z");
    await expect(createRegistrationUrl(handle.db, null, ORIGIN, 0)).rejects.toThrow(/not 0/);
  });

  it("registers with the platform: the registration carries the tool's URLs, scopes and deep linking message; the platform and deployment are stored; the token is used", async () => {
    const { token } = await createRegistrationUrl(handle.db, null, ORIGIN);
    const registered = await registerDynamically(handle.db, params(token), ORIGIN);
    expect(registered).toMatchObject({ issuer: lms.issuer, clientId: "client-dyn", deploymentId: "dep-dyn" });
    expect(registered.platformName).toContain("fake-lms");

    const sent = lms.registrations.at(-1)!;
    expect(sent).toMatchObject({
      application_type: "web",
      response_types: ["id_token"],
      grant_types: ["implicit", "client_credentials"],
      initiate_login_uri: `${ORIGIN}/lti/login`,
      redirect_uris: [`${ORIGIN}/lti/launch`],
      jwks_uri: `${ORIGIN}/lti/jwks`,
      token_endpoint_auth_method: "private_key_jwt",
      client_name: "Tensorgrade",
    });
    expect(String(sent.scope).split(" ").sort()).toEqual([AGS_SCOPE.lineItem, AGS_SCOPE.resultReadOnly, AGS_SCOPE.score, NRPS_SCOPE].sort());
    const tool = sent[TOOL_CONFIGURATION] as Record<string, unknown>;
    expect(tool).toMatchObject({ domain: "tool.example.org", target_link_uri: `${ORIGIN}/lti/launch` });
    expect(tool.claims).toEqual(expect.arrayContaining(["iss", "sub", "name", "email", "given_name", "family_name"]));
    expect(tool.messages).toEqual([expect.objectContaining({ type: "LtiDeepLinkingRequest", target_link_uri: `${ORIGIN}/lti/launch`, label: "Tensorgrade" })]);

    const platform = (await listPlatforms(handle.db)).find((row) => row.id === registered.platformId)!;
    expect(platform).toMatchObject({
      issuer: lms.issuer,
      clientId: "client-dyn",
      authLoginUrl: lms.urls.auth,
      authTokenUrl: lms.urls.token,
      jwksUrl: lms.urls.jwks,
      tokenAudience: lms.urls.token,
      registeredVia: "dynamic",
      deploymentIds: ["dep-dyn"],
    });
    const row = await tokenRow(token);
    expect(row.usedAt).not.toBeNull();
    expect(row.platformId).toBe(registered.platformId);
    await expect(registerDynamically(handle.db, params(token), ORIGIN)).rejects.toThrow(/already been used/);
    expect(lms.registrations).toHaveLength(1);
  });

  it("refuses an unknown, expired or missing token without calling the platform", async () => {
    const before = lms.registrations.length;
    await expect(registerDynamically(handle.db, params("not-a-token"), ORIGIN)).rejects.toThrow(/not known/);
    const past = new Date("2020-01-01T00:00:00Z");
    const { token } = await createRegistrationUrl(handle.db, null, ORIGIN, 2, past);
    await expect(registerDynamically(handle.db, params(token), ORIGIN)).rejects.toThrow(/expired/);
    await expect(registerDynamically(handle.db, params(""), ORIGIN)).rejects.toThrow(/no token/);
    const fresh = await createRegistrationUrl(handle.db, null, ORIGIN);
    await expect(registerDynamically(handle.db, params(fresh.token, { openid_configuration: undefined }), ORIGIN)).rejects.toThrow(/openid_configuration/);
    expect(lms.registrations).toHaveLength(before);
    expect((await tokenRow(fresh.token)).usedAt).toBeNull();
  });

  it("a platform that refuses the registration leaves the token usable, and it then works", async () => {
    const platformsBefore = (await handle.db.select().from(ltiPlatforms)).length;
    const { token } = await createRegistrationUrl(handle.db, null, ORIGIN);
    await expect(registerDynamically(handle.db, params(token, { registration_token: "wrong" }), ORIGIN)).rejects.toThrow(/refused the registration: HTTP 401/);
    expect((await tokenRow(token)).usedAt).toBeNull();
    expect(await handle.db.select().from(ltiPlatforms)).toHaveLength(platformsBefore);
    await expect(registerDynamically(handle.db, params(token), ORIGIN)).resolves.toMatchObject({ clientId: "client-dyn" });
  });

  it("refuses a configuration whose issuer is not where the configuration lives, and one that cannot be read", async () => {
    const { token } = await createRegistrationUrl(handle.db, null, ORIGIN);
    const other = await startFakeLms();
    try {
      // A configuration served at 127.0.0.1 but naming "localhost" as its issuer.
      const moved = lms.urls.openidConfiguration.replace("127.0.0.1", "localhost");
      await expect(registerDynamically(handle.db, params(token, { openid_configuration: moved }), ORIGIN)).rejects.toThrow(
        new RegExp(`issuer ${lms.issuer.replace(/[.]/g, "\\.")}, which does not match the configuration's address http://localhost:`),
      );
      await expect(registerDynamically(handle.db, params(token, { openid_configuration: `${lms.issuer}/nowhere` }), ORIGIN)).rejects.toThrow(/OpenID configuration could not be read: HTTP 404/);
      expect(other.registrations).toHaveLength(0);
    } finally {
      await other.close();
    }
    expect((await tokenRow(token)).usedAt).toBeNull();
  });

  it("shows the platform's refusal by its status only, keeping its answer for the server log", async () => {
    const { token } = await createRegistrationUrl(handle.db, null, ORIGIN);
    const failure = await registerDynamically(handle.db, params(token, { registration_token: "wrong" }), ORIGIN).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RegistrationError);
    expect((failure as RegistrationError).message).toBe("The platform refused the registration: HTTP 401.");
    expect((failure as RegistrationError).message).not.toContain("invalid registration token");
    expect((failure as RegistrationError).detail).toContain("invalid registration token");
  });

  it("refuses http and loopback, private, link-local or unspecified platform addresses without calling them, unless allowed", async () => {
    const strict = { allowInsecure: false };
    const before = lms.registrations.length;
    const first = await createRegistrationUrl(handle.db, null, ORIGIN);
    // The fake LMS itself: http on 127.0.0.1.
    await expect(registerDynamically(handle.db, params(first.token), ORIGIN, new Date(), strict)).rejects.toThrow("The platform's OpenID configuration address must be an https address (http is not accepted).");
    const https = lms.urls.openidConfiguration.replace(/^http:/, "https:");
    await expect(registerDynamically(handle.db, params(first.token, { openid_configuration: https }), ORIGIN, new Date(), strict)).rejects.toThrow(
      "The platform's OpenID configuration address: the host 127.0.0.1 is a loopback, private or link-local address, which Tensorgrade does not call.",
    );
    await expect(registerDynamically(handle.db, params(first.token, { openid_configuration: "https://localhost/.well-known/openid-configuration" }), ORIGIN, new Date(), strict)).rejects.toThrow(/host localhost is a loopback/);
    const second = await createRegistrationUrl(handle.db, null, ORIGIN);
    for (const host of ["10.1.2.3", "169.254.169.254", "[fe80::1]", "[::ffff:192.168.1.1]"]) {
      await expect(registerDynamically(handle.db, params(second.token, { openid_configuration: `https://${host}/config` }), ORIGIN, new Date(), strict)).rejects.toThrow(
        `the host ${new URL(`https://${host}`).hostname.replace(/^\[|\]$/g, "")} is a loopback, private or link-local address`,
      );
    }
    expect(lms.registrations).toHaveLength(before);
    expect((await tokenRow(first.token)).failedAttempts).toBe(3);
    expect((await tokenRow(second.token)).failedAttempts).toBe(4);
    expect((await tokenRow(second.token)).usedAt).toBeNull();
    // LTI_ALLOW_INSECURE_PLATFORM_URLS=true (vitest.config.ts) for development: the fake LMS on 127.0.0.1 is called.
    await expect(registerDynamically(handle.db, params(second.token), ORIGIN)).resolves.toMatchObject({ clientId: "client-dyn" });
  });

  it("checks every address a host resolves to, and the platform's other endpoints the same way", async () => {
    const hosts: Record<string, string[]> = { "lms.example.edu": ["93.184.216.34", "2606:2800:220:1::1"], "split.example.edu": ["93.184.216.34", "10.0.0.5"], "v6.example.edu": ["fc00::7"] };
    const resolve: ResolveAll = async (name) => (hosts[name] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    const check = (url: string) => assertPublicPlatformUrl(url, "The platform's token endpoint", { allowInsecure: false, resolve });
    await expect(check("https://lms.example.edu/token")).resolves.toBeUndefined();
    await expect(check("https://split.example.edu/token")).rejects.toThrow("The platform's token endpoint: the host split.example.edu is a loopback, private or link-local address");
    await expect(check("https://v6.example.edu/token")).rejects.toThrow(/host v6\.example\.edu is a loopback/);
    await expect(check("https://nowhere.example.edu/token")).rejects.toThrow("the host nowhere.example.edu could not be resolved");
    await expect(check("https://[::]/token")).rejects.toThrow(/host :: is a loopback/);
    await expect(check("https://0.0.0.0/token")).rejects.toThrow(/host 0\.0\.0\.0 is a loopback/);
    expect(["172.16.0.1", "172.31.255.255", "192.168.0.1", "::1", "fd12::1", "fe80::abcd"].every(isInternalAddress)).toBe(true);
    expect(["172.32.0.1", "8.8.8.8", "2001:4860:4860::8888", "::ffff:8.8.8.8", "::ffff:808:808"].some(isInternalAddress)).toBe(false);
    expect(isInternalAddress("::ffff:7f00:1")).toBe(true);
  });

  it(`uses a registration URL up after ${MAX_REGISTRATION_FAILURES} failed registrations`, async () => {
    const { token } = await createRegistrationUrl(handle.db, null, ORIGIN);
    for (let attempt = 1; attempt <= MAX_REGISTRATION_FAILURES; attempt += 1) {
      await expect(registerDynamically(handle.db, params(token, { registration_token: "wrong" }), ORIGIN)).rejects.toThrow(/HTTP 401/);
      expect((await tokenRow(token)).failedAttempts).toBe(attempt);
    }
    const before = lms.registrations.length;
    await expect(registerDynamically(handle.db, params(token), ORIGIN)).rejects.toThrow(`This registration URL failed ${MAX_REGISTRATION_FAILURES} times and no longer works.`);
    expect(lms.registrations).toHaveLength(before);
    expect((await tokenRow(token)).usedAt).toBeNull();
  });

  it("validates the manual form: each field says what is wrong, nothing is stored", async () => {
    const result = ManualRegistrationSchema.safeParse({ name: "", issuer: " ", clientId: "", deploymentIds: "\n \n", authLoginUrl: "ftp://x", authTokenUrl: "nope", jwksUrl: "" });
    expect(result.success).toBe(false);
    const fields = new Set(result.error!.issues.map((issue) => issue.path[0]));
    expect(fields).toEqual(new Set(["issuer", "clientId", "deploymentIds", "authLoginUrl", "authTokenUrl", "jwksUrl"]));
    expect(result.error!.issues.find((issue) => issue.path[0] === "deploymentIds")!.message).toMatch(/at least one deployment id/);
  });

  it("saves a manual registration with its deployments, adds one, refuses a duplicate, deletes it", async () => {
    const input = ManualRegistrationSchema.parse({
      name: "Moodle",
      issuer: "https://moodle.example.edu",
      clientId: "abc123",
      deploymentIds: "1\n2\n1\n",
      authLoginUrl: "https://moodle.example.edu/mod/lti/auth.php",
      authTokenUrl: "https://moodle.example.edu/mod/lti/token.php",
      jwksUrl: "https://moodle.example.edu/mod/lti/certs.php",
      tokenAudience: "",
    });
    const id = await saveManualRegistration(handle.db, input);
    let platform = (await listPlatforms(handle.db)).find((row) => row.id === id)!;
    expect(platform).toMatchObject({ name: "Moodle", registeredVia: "manual", tokenAudience: null, deploymentIds: ["1", "2"] });
    await addDeployment(handle.db, id, "3");
    await expect(addDeployment(handle.db, id, "3")).rejects.toThrow(/already registered/);
    platform = (await listPlatforms(handle.db)).find((row) => row.id === id)!;
    expect(platform.deploymentIds).toEqual(["1", "2", "3"]);
    await deletePlatform(handle.db, id);
    expect(await handle.db.select().from(ltiDeployments).where(eq(ltiDeployments.platformId, id))).toHaveLength(0);
    await expect(deletePlatform(handle.db, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
