import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { listPlatforms } from "@/lib/lti/platforms";
import { registerDynamically } from "@/lib/lti/registration/dynamic";
import { startFakeLms, type FakeLms } from "../../helpers/fake-lms";

const ORIGIN = "https://lti-cli.example.edu";

/** Runs `npm run lti -- …` as package.json does, against the embedded database in `dataDir`. */
function lti(dataDir: string, ...args: string[]) {
  const tsx = path.resolve("node_modules/.bin/tsx");
  const result = spawnSync(tsx, ["scripts/lti.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, NEXTAUTH_URL: ORIGIN, NODE_ENV: "test" },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run lti", () => {
  let dataDir: string;
  let lms: FakeLms;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "tensorgrade-lti-cli-"));
    lms = await startFakeLms({ clientId: "cli-client", deploymentId: "cli-deployment" });
  });
  afterAll(async () => {
    await lms?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("prints a registration URL whose token registers the platform, then lists it", async () => {
    const run = lti(dataDir, "registration-url", "--hours", "3");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Origin: ${ORIGIN} (from NEXTAUTH_URL)`);
    const url = new URL(/^(https:\/\/\S+)$/m.exec(run.stdout)![1]!);
    expect(`${url.origin}${url.pathname}`).toBe(`${ORIGIN}/lti/register`);

    const handle: DatabaseHandle = await openDatabase({ dataDir });
    try {
      await migrateDatabase(handle);
      const registered = await registerDynamically(handle.db, { token: url.searchParams.get("token"), openid_configuration: lms.urls.openidConfiguration, registration_token: lms.registrationToken }, ORIGIN);
      expect(registered).toMatchObject({ clientId: "cli-client", deploymentId: "cli-deployment" });
      expect(await listPlatforms(handle.db)).toHaveLength(1);
    } finally {
      await handle.close();
    }
    const listed = lti(dataDir, "platforms");
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain(`issuer ${lms.issuer}, client ID cli-client, deployment IDs cli-deployment, dynamic`);
  }, 240_000);

  it("explains its usage and exits with code 2 on bad arguments", () => {
    // Each spawn costs seconds: two cases, the rest of the argument rules are plain parsing.
    const unknown = lti(dataDir, "bogus");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown command: bogus");
    expect(unknown.stderr).toContain("Usage: npm run lti -- <command>");
    const zero = lti(dataDir, "registration-url", "--hours", "0");
    expect(zero.status).toBe(2);
    expect(zero.stderr).toContain('--hours must be a whole number from 1 to 720, not "0"');
    expect(zero.stdout).toBe("");
  }, 240_000);
});
