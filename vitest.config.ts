import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import LongestFirstSequencer from "./tests/helpers/longest-first-sequencer";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `server-only` throws outside a React Server Component bundle; tests import lib/ directly.
      "server-only": fileURLToPath(new URL("./tests/fixtures/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/security/**/*.test.ts"],
    environment: "node",
    // Migrates one database per backend for the run; each test file's fresh database is a copy of it.
    globalSetup: ["tests/helpers/database-templates.ts"],
    // The fake LMS listens on http://127.0.0.1: dynamic registration may call it (lib/lti/platform-url-guard.ts).
    env: { LTI_ALLOW_INSECURE_PLATFORM_URLS: "true" },
    pool: "forks",
    // Vitest defaults to cores - 1 workers: one on a 2-core CI machine. Test files wait on databases and
    // sandboxes as much as on the CPU, so two workers roughly halve the run.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirstSequencer },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
