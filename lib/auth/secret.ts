import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EnvError, isEmbedded, type Env } from "../env";

const cache = new Map<string, string>();

/**
 * The key that signs session tokens: AUTH_SECRET or NEXTAUTH_SECRET; in embedded mode without
 * either, one generated on first start and kept in the data directory (never in the code).
 */
export function resolveAuthSecret(config: Env): string {
  const fromEnv = config.AUTH_SECRET ?? config.NEXTAUTH_SECRET;
  if (fromEnv) return fromEnv;
  if (!isEmbedded(config)) {
    throw new EnvError(["AUTH_SECRET: required in server mode (DATABASE_URL is set); use 32 or more random characters"]);
  }
  const file = path.resolve(config.DATA_DIR, "auth-secret");
  const cached = cache.get(file);
  if (cached) return cached;
  const secret = readOrCreateSecret(file);
  cache.set(file, secret);
  return secret;
}

function readOrCreateSecret(file: string): string {
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  // "wx" fails if another process wrote it first; then theirs wins.
  try {
    writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return readFileSync(file, "utf8").trim();
  }
}
