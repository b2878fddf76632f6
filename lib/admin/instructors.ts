import { z } from "zod";
import type { Db } from "../db";
import type { User } from "../db/schema";
import { AppError } from "../errors";
import { enrolUser, findCourseBySlug } from "../courses/courses";
import { generateInitialPassword } from "../users/initial-password";
import { createUser, EmailSchema, findUserByEmail } from "../users/users";

export const NewInstructorSchema = z.object({
  courseSlug: z.string().trim().min(1, "choose a course"),
  email: EmailSchema,
  /** Used only when the account does not exist yet. */
  name: z.string().trim().max(200).default(""),
});
export type NewInstructorInput = z.input<typeof NewInstructorSchema>;

export interface InstructorGrant {
  user: Pick<User, "id" | "email" | "name">;
  courseSlug: string;
  /** Set when the account was created now: shown to the admin once, stored only as a hash. */
  initialPassword: string | null;
}

/**
 * Makes someone an instructor of a course: an existing account (found by email) gets the role, a new
 * one is created with a one-time initial password.
 */
export async function grantInstructor(db: Db, input: NewInstructorInput): Promise<InstructorGrant> {
  const data = NewInstructorSchema.parse(input);
  const course = await findCourseBySlug(db, data.courseSlug);
  if (!course) throw new AppError("NOT_FOUND", `There is no course "${data.courseSlug}".`);
  let user = await findUserByEmail(db, data.email);
  let initialPassword: string | null = null;
  if (!user) {
    if (!data.name) {
      throw new z.ZodError([{ code: "custom", path: ["name"], message: "a new account needs a name", input: data.name }]);
    }
    initialPassword = generateInitialPassword();
    user = await createUser(db, { email: data.email, name: data.name, password: initialPassword, mustChangePassword: true });
  }
  await enrolUser(db, course.id, user.id, "instructor");
  return { user: { id: user.id, email: user.email, name: user.name }, courseSlug: course.slug, initialPassword };
}
