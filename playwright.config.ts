import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const dataDir = ".data/e2e";

export default defineConfig({
  // Browser specs in tests/e2e; HTTP attack specs against the same started app in tests/security (*.spec.ts;
  // the vitest attack suite there is *.test.ts).
  testDir: "tests",
  testMatch: /(e2e|security)\/.*\.spec\.ts$/,
  // Begins timed-exam.spec.ts's second app in the background once the main app is up (tests/e2e/timed-app.ts).
  globalSetup: "./tests/e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    // A fresh embedded database each run: the suite exercises the README's default mode.
    command: `node -e "require('fs').rmSync('${dataDir}',{recursive:true,force:true})" && node scripts/start.mjs`,
    url: `${baseURL}/signin`,
    // A cold `next build` runs inside this start on CI: give it room on a busy 2-core machine.
    timeout: 720_000,
    reuseExistingServer: false,
    stdout: "pipe",
    // The fake LMS is on http://127.0.0.1, which dynamic registration refuses otherwise. Grading lines are info; warnings and errors still reach the test log.
    env: { PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: "", NEXTAUTH_URL: baseURL, LOG_LEVEL: "warn", LTI_ALLOW_INSECURE_PLATFORM_URLS: "true" },
  },
});
