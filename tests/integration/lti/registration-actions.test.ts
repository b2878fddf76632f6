import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/lib/db/client";
import { ltiPlatforms, ltiRegistrationTokens, type User } from "@/lib/db/schema";
import { createUser } from "@/lib/users/users";
import { listSigningKeys } from "@/lib/lti/keys";
import { listPlatforms } from "@/lib/lti/platforms";
import { registerDynamically } from "@/lib/lti/registration/dynamic";
import { createLtiAdminHandlers } from "@/app/admin/lti/handlers";
import { startFakeLms, type FakeLms } from "../../helpers/fake-lms";
import { testBackends } from "../../helpers/test-database";

// The handlers read the process-wide database (as guards do in the app); point it at the test database.
const processDb = globalThis as typeof globalThis & { __tensorgradeDb?: Promise<DatabaseHandle> };
const ORIGIN = "https://tensorgrade.example.edu";

function as(user: User) {
  return createLtiAdminHandlers(async () => ORIGIN, { requireUser: async () => user, logError: vi.fn() });
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

const MANUAL = {
  name: "Canvas",
  issuer: "https://canvas.instructure.com",
  clientId: "10000000000042",
  deploymentIds: "42:abc\n43:def",
  authLoginUrl: "https://sso.canvaslms.com/api/lti/authorize_redirect",
  authTokenUrl: "https://sso.canvaslms.com/login/oauth2/token",
  jwksUrl: "https://sso.canvaslms.com/api/lti/security/jwks",
  tokenAudience: "https://canvas.instructure.com/login/oauth2/token",
};

describe.each(testBackends())("LMS admin actions on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let admin: User, teacher: User;
  let lms: FakeLms;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    processDb.__tensorgradeDb = Promise.resolve(handle);
    admin = await createUser(handle.db, { email: "root@example.org", name: "Root", isAdmin: true, password: "a long enough password" });
    teacher = await createUser(handle.db, { email: "teach@example.org", name: "Teach", password: "a long enough password" });
    lms = await startFakeLms();
  });
  afterAll(async () => {
    delete processDb.__tensorgradeDb;
    await lms?.close();
    await drop?.();
  });

  it("do not exist for anyone but a site admin, and change nothing", async () => {
    for (const run of Object.values(as(teacher))) {
      expect(await run(form({ ...MANUAL, confirm: "yes", hours: "2" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await handle.db.select().from(ltiPlatforms)).toHaveLength(0);
    expect(await handle.db.select().from(ltiRegistrationTokens)).toHaveLength(0);
  });

  it("refuses a manual registration field by field and stores nothing", async () => {
    const result = await as(admin).saveRegistration(form({ ...MANUAL, issuer: "", clientId: " ", deploymentIds: "", authTokenUrl: "not a url", jwksUrl: "javascript:alert(1)" }));
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["authTokenUrl", "clientId", "deploymentIds", "issuer", "jwksUrl"]);
    expect(result.fieldErrors?.authTokenUrl?.[0]).toMatch(/http\(s\) URL/);
    expect(await handle.db.select().from(ltiPlatforms)).toHaveLength(0);
  });

  it("saves a manual registration that the list then shows, adds a deployment, deletes after confirming", async () => {
    const saved = await as(admin).saveRegistration(form(MANUAL));
    expect(saved).toEqual({ ok: true, data: { message: "Registration of https://canvas.instructure.com (client 10000000000042) saved with 2 deployment IDs." } });
    const [platform] = await listPlatforms(handle.db);
    expect(platform).toMatchObject({ name: "Canvas", issuer: MANUAL.issuer, clientId: MANUAL.clientId, authLoginUrl: MANUAL.authLoginUrl, tokenAudience: MANUAL.tokenAudience, registeredVia: "manual", deploymentIds: ["42:abc", "43:def"] });

    expect(await as(admin).addDeployment(form({ platformId: platform!.id, deploymentId: "44:ghi" }))).toMatchObject({ ok: true, data: { message: "Deployment ID 44:ghi added." } });
    expect(await as(admin).addDeployment(form({ platformId: platform!.id, deploymentId: "44:ghi" }))).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await listPlatforms(handle.db))[0]!.deploymentIds).toEqual(["42:abc", "43:def", "44:ghi"]);

    expect(await as(admin).deleteRegistration(form({ platformId: platform!.id }))).toMatchObject({ ok: false, fieldErrors: { confirm: ["tick the box to confirm"] } });
    expect(await listPlatforms(handle.db)).toHaveLength(1);
    expect(await as(admin).deleteRegistration(form({ platformId: platform!.id, confirm: "yes" }))).toMatchObject({ ok: true });
    expect(await listPlatforms(handle.db)).toHaveLength(0);
  });

  it("creates a registration URL for the hours asked, whose token registers once", async () => {
    expect(await as(admin).createRegistrationUrl(form({ hours: "0" }))).toMatchObject({ ok: false, fieldErrors: { hours: ["must be at least 1 hour"] } });
    const before = Date.now();
    const result = await as(admin).createRegistrationUrl(form({ hours: "6" }));
    if (!result.ok) throw new Error(result.error);
    expect(result.data.message).toContain("for 6 hours");
    const expires = Date.parse(result.data.expiresAt);
    expect(expires - before).toBeGreaterThanOrEqual(6 * 3600_000);
    expect(expires - before).toBeLessThan(6 * 3600_000 + 60_000);
    const url = new URL(result.data.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${ORIGIN}/lti/register`);
    const [row] = await handle.db.select().from(ltiRegistrationTokens).where(eq(ltiRegistrationTokens.createdBy, admin.id));
    expect(row!.expiresAt.toISOString()).toBe(result.data.expiresAt);
    const registered = await registerDynamically(handle.db, { token: url.searchParams.get("token"), openid_configuration: lms.urls.openidConfiguration, registration_token: lms.registrationToken }, ORIGIN);
    expect(registered.clientId).toBe(lms.clientId);
  });

  it("rotates the signing key after confirming", async () => {
    expect(await as(admin).rotateKey(form({}))).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    const result = await as(admin).rotateKey(form({ confirm: "yes" }));
    if (!result.ok) throw new Error(result.error);
    const keys = await listSigningKeys(handle.db);
    expect(result.data.message).toContain(keys[0]!.kid);
    expect(keys[0]!.retiredAt).toBeNull();
  });
});
