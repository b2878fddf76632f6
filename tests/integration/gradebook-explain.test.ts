import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/lib/db/client";
import type { Course } from "@/lib/db/schema";
import { classMatrixQuery } from "@/lib/progress/class-matrix";
import { getGradeStructure, studentCountedScoresQuery } from "@/lib/progress/course-grades";
import { getCourseScope } from "@/lib/progress/scope";
import { explainNodes } from "@/scripts/bench-dashboard";
import { generateGradedClass } from "@/scripts/bench-gradebook";
import { testBackends } from "../helpers/test-database";

const postgresBackend = testBackends().find((backend) => backend.name === "postgres");

// EXPLAIN plans are PostgreSQL's: PGlite's planner sees other statistics and is not what server mode runs.
describe.skipIf(!postgresBackend)("the gradebook's queries stay index-backed on PostgreSQL", () => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let course: Course;
  const shape = { students: 40, assessments: 6, exercisesPerAssessment: 3, attempts: 5 };

  beforeAll(async () => {
    ({ handle, drop } = await postgresBackend!.create());
    course = await generateGradedClass(handle.db, "explained", shape);
    for (const slug of ["other-a", "other-b", "other-c"]) await generateGradedClass(handle.db, slug, shape);
    await handle.db.execute(sql`analyze`);
  }, 120_000);
  afterAll(async () => {
    await drop?.();
  });

  it("reads one course's submissions through submissions_assignment_user_idx, with the assessment and accommodation joins", async () => {
    const scope = await getCourseScope(handle.db, course);
    expect(scope.students).toHaveLength(shape.students);
    // Every tenth student or so is in the waiver group: the accommodation join has rows to find.
    expect(scope.accommodations.size).toBeGreaterThan(0);
    const ids = (await getGradeStructure(handle.db, course.id)).assessments.flatMap((assessment) => assessment.items.map((item) => item.assignmentId));
    const plans = {
      classMatrix: await explainNodes(handle.db, classMatrixQuery(handle.db, scope)),
      studentCountedScores: await explainNodes(handle.db, studentCountedScoresQuery(handle.db, scope.students[0]!.id, ids)),
    };
    for (const [name, nodes] of Object.entries(plans)) {
      expect({ name, seqScans: nodes.filter((node) => /^Seq Scan on submissions\b/.test(node)) }).toEqual({ name, seqScans: [] });
      expect(nodes.join(" | "), name).toContain("submissions_assignment_user_idx");
    }
  });
});
