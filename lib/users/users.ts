import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { users, type User } from "../db/schema";
import { hashPassword } from "./password";

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "must be an email address" }).max(254));

export const NewUserSchema = z.object({
  email: EmailSchema,
  name: z.string().trim().min(1).max(200),
  password: z.string().min(8, "must be at least 8 characters").max(1024).optional(),
  isAdmin: z.boolean().default(false),
  /** For a one-time password someone else will hand over: the first sign-in must choose a new one. */
  mustChangePassword: z.boolean().default(false),
});
export type NewUserInput = z.input<typeof NewUserSchema>;

/**
 * Creates an account; the password, when given, is stored only as a scrypt hash. A caller inside a
 * transaction may pass a hash made beforehand (`hashPassword`), so that ~50 ms of scrypt per account
 * does not hold the transaction (in embedded mode, the one database connection) open.
 */
export async function createUser(db: Db, input: NewUserInput, prehashed?: { passwordHash: string }): Promise<User> {
  const data = NewUserSchema.parse(input);
  const passwordHash = prehashed?.passwordHash ?? (data.password === undefined ? null : await hashPassword(data.password));
  const [user] = await db
    .insert(users)
    .values({ email: data.email, name: data.name, passwordHash, isAdmin: data.isAdmin, mustChangePassword: data.mustChangePassword })
    .returning();
  if (!user) throw new Error(`Inserting user ${data.email} returned no row`);
  return user;
}

/** The user with this email (case-insensitive), or null. */
export async function findUserByEmail(db: Db, email: string): Promise<User | null> {
  const parsed = EmailSchema.safeParse(email);
  if (!parsed.success) return null;
  const [user] = await db.select().from(users).where(eq(users.email, parsed.data)).limit(1);
  return user ?? null;
}

/** The user with this id, or null (also for a malformed id). */
export async function findUserById(db: Db, id: string): Promise<User | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user ?? null;
}
