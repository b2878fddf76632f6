import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { EnvError, parseEnv } from "@/lib/env";

describe("resolveAuthSecret", () => {
  it("prefers AUTH_SECRET, then NEXTAUTH_SECRET", () => {
    const a = "a".repeat(32);
    const b = "b".repeat(32);
    expect(resolveAuthSecret(parseEnv({ AUTH_SECRET: a, NEXTAUTH_SECRET: b }))).toBe(a);
    expect(resolveAuthSecret(parseEnv({ NEXTAUTH_SECRET: b }))).toBe(b);
  });

  it("generates one secret in embedded mode, keeps it private in the data directory and reuses it", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "tg-secret-"));
    const first = resolveAuthSecret(parseEnv({ DATA_DIR: dataDir }));
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dataDir, "auth-secret");
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(resolveAuthSecret(parseEnv({ DATA_DIR: dataDir }))).toBe(first);
  });

  it("refuses to start in server mode without a secret, naming AUTH_SECRET", () => {
    const config = parseEnv({ DATABASE_URL: "postgres://127.0.0.1/x" });
    expect(() => resolveAuthSecret(config)).toThrow(EnvError);
    expect(() => resolveAuthSecret(config)).toThrow(/AUTH_SECRET/);
  });
});
