import { randomBytes } from "node:crypto";

/** A random first password (72 bits, URL-safe) for an account someone else creates; shown once, stored hashed. */
export function generateInitialPassword(): string {
  return randomBytes(9).toString("base64url");
}
