import type { Db } from "../db";
import type { CourseRole } from "../db/schema";
import { createCourse, enrolUser, findCourseBySlug } from "../courses/courses";
import { createUser, findUserByEmail } from "../users/users";

export const DEMO_PASSWORD = "tensorgrade";
export const DEMO_COURSE = {
  slug: "keras",
  title: "Neural Networks with Keras",
  description:
    "Scaling inputs, activations, topology, epochs and steps, optimizers from momentum to Adam, " +
    "regularization, dropout, early stopping, learning-rate schedules and batch normalization.",
};
export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; name: string; role: CourseRole }> = [
  { email: "instructor@demo.local", name: "Ada Instructor", role: "instructor" },
  { email: "student1@demo.local", name: "Student One", role: "student" },
  { email: "student2@demo.local", name: "Student Two", role: "student" },
  { email: "student3@demo.local", name: "Student Three", role: "student" },
];
/** A site admin who creates courses and instructors; a member of no course. */
export const DEMO_ADMIN = { email: "admin@demo.local", name: "Site Admin" } as const;

/** Creates the demo course and accounts, leaving whatever already exists untouched. */
export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  let created = false;
  let course = await findCourseBySlug(db, DEMO_COURSE.slug);
  if (!course) {
    course = await createCourse(db, DEMO_COURSE);
    created = true;
  }
  for (const account of DEMO_ACCOUNTS) {
    let user = await findUserByEmail(db, account.email);
    if (!user) {
      user = await createUser(db, { email: account.email, name: account.name, password: DEMO_PASSWORD });
      await enrolUser(db, course.id, user.id, account.role);
      created = true;
    }
  }
  if (!(await findUserByEmail(db, DEMO_ADMIN.email))) {
    await createUser(db, { ...DEMO_ADMIN, password: DEMO_PASSWORD, isAdmin: true });
    created = true;
  }
  return { created };
}

/** The lines printed at start so a newcomer knows how to sign in. */
export function describeDemoAccounts(): string {
  const rows = [
    ...DEMO_ACCOUNTS.map((account) => `    ${account.email.padEnd(24)} ${account.role}`),
    `    ${DEMO_ADMIN.email.padEnd(24)} site admin (creates courses and instructors, at /admin)`,
  ];
  return [`  Demo accounts (password "${DEMO_PASSWORD}"):`, ...rows].join("\n");
}
