import { z } from "zod";
import type { Db } from "../db";
import type { User } from "../db/schema";
import { findUserByEmail } from "../users/users";
import { hashPassword, verifyPassword } from "../users/password";

export const CredentialsSchema = z.object({
  email: z.string().max(254),
  password: z.string().min(1).max(1024),
});

let dummyHash: Promise<string> | undefined;

/**
 * The user whose email and password match, or null. Unknown emails cost one scrypt too, so that
 * timing does not reveal which accounts exist.
 */
export async function verifyCredentials(db: Db, input: unknown): Promise<User | null> {
  const parsed = CredentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await findUserByEmail(db, parsed.data.email);
  dummyHash ??= hashPassword("not-a-real-password");
  const hash = user?.passwordHash ?? (await dummyHash);
  const valid = await verifyPassword(parsed.data.password, hash);
  // A disabled account is refused like a wrong password, after the same scrypt.
  return valid && user?.passwordHash && user.disabledAt === null ? user : null;
}
