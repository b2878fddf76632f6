import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { createCourse, enrolUser, findMembership } from "@/lib/courses/courses";
import { importRoster } from "@/lib/courses/import-roster";
import { parseRosterCsv } from "@/lib/courses/roster-csv";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { createUser, findUserByEmail } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

describe.each(testBackends())("roster import on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
  });
  afterAll(async () => {
    await drop?.();
  });

  it("creates missing accounts with a one-time password, enrols students and leaves existing roles alone", async () => {
    const course = await createCourse(handle.db, { slug: "roster-course", title: "Roster course" });
    const ta = await createUser(handle.db, { email: "ta@example.org", name: "TA", password: "password1" });
    await enrolUser(handle.db, course.id, ta.id, "ta");
    await createUser(handle.db, { email: "known@example.org", name: "Known", password: "password1" });

    const { rows, errors } = parseRosterCsv("email,name\nnew@example.org,New Student\nknown@example.org,Known\nta@example.org,TA\nbad,row\n");
    expect(errors).toHaveLength(1);
    const report = await importRoster(handle.db, course.id, rows);
    expect(report.created.map((c) => c.email)).toEqual(["new@example.org"]);
    expect(report.enrolled).toEqual(["new@example.org", "known@example.org"]);
    expect(report.alreadyMembers).toEqual(["ta@example.org"]);
    expect((await findMembership(handle.db, course.id, ta.id))?.role).toBe("ta");

    const created = report.created[0]!;
    expect(await verifyCredentials(handle.db, { email: created.email, password: created.initialPassword })).not.toBeNull();
    expect((await findUserByEmail(handle.db, created.email))?.passwordHash).not.toContain(created.initialPassword);

    const again = await importRoster(handle.db, course.id, rows);
    expect(again).toEqual({ created: [], enrolled: [], alreadyMembers: ["new@example.org", "known@example.org", "ta@example.org"] });
  });
});
