import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { exercises } from "@/lib/db/schema";
import { createAssignment } from "@/lib/courses/assignments";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { findExercisePageTitle } from "@/lib/courses/exercise-page-title";
import { createUser } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

describe.each(testBackends())("exercise page titles on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let memberId: string;
  let outsiderId: string;
  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    const course = await createCourse(handle.db, { slug: "nn", title: "Neural Networks" });
    await handle.db.insert(exercises).values([
      { id: "adam", title: "Adam", topic: "optimizers", kind: "code", points: 10, difficulty: "medium", currentVersion: "a" },
      { id: "batching", title: "Batching", topic: "epochs", kind: "code", points: 10, difficulty: "easy", currentVersion: "b" },
    ]);
    await createAssignment(handle.db, course.id, { exerciseId: "adam" });
    memberId = (await createUser(handle.db, { email: "member@example.test", name: "Member" })).id;
    outsiderId = (await createUser(handle.db, { email: "outsider@example.test", name: "Outsider" })).id;
    await enrolUser(handle.db, course.id, memberId, "student");
  });
  afterAll(async () => {
    await drop?.();
  });

  it("names the exercise and its course for a member", async () => {
    expect(await findExercisePageTitle(handle.db, memberId, "nn", "adam")).toBe("Adam · Neural Networks");
  });

  it("names nothing the user may not see: another course's member, an unassigned exercise, an unknown course", async () => {
    expect(await findExercisePageTitle(handle.db, outsiderId, "nn", "adam")).toBeNull();
    expect(await findExercisePageTitle(handle.db, memberId, "nn", "batching")).toBeNull();
    expect(await findExercisePageTitle(handle.db, memberId, "elsewhere", "adam")).toBeNull();
  });
});
