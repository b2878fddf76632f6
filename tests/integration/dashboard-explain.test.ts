import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/lib/db/client";
import type { Course } from "@/lib/db/schema";
import { dashboardQueries } from "@/lib/progress/dashboard-queries";
import { getCourseScope } from "@/lib/progress/scope";
import { queueTimingsQuery } from "@/lib/queue/timings";
import { explainNodes, generateClass, sampleFor } from "@/scripts/bench-dashboard";
import { testBackends } from "../helpers/test-database";

const postgresBackend = testBackends().find((backend) => backend.name === "postgres");

// EXPLAIN plans are PostgreSQL's: PGlite's planner sees other statistics and is not what server mode runs.
describe.skipIf(!postgresBackend)("dashboard queries stay index-backed on PostgreSQL", () => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let course: Course;
  const shape = { students: 40, assignments: 12, attempts: 5, testsPerSubmission: 6 };

  beforeAll(async () => {
    ({ handle, drop } = await postgresBackend!.create());
    course = await generateClass(handle.db, "explained", shape);
    for (const slug of ["other-a", "other-b", "other-c"]) await generateClass(handle.db, slug, shape);
    await handle.db.execute(sql`analyze`);
  }, 120_000);
  afterAll(async () => {
    await drop?.();
  });

  it("reads submissions and test_results of one course through indexes, never by scanning the tables", async () => {
    const scope = await getCourseScope(handle.db, course);
    expect(scope.students).toHaveLength(shape.students);
    const queries = dashboardQueries(handle.db, scope, await sampleFor(handle.db, scope));
    const plans: Record<string, string[]> = {};
    for (const [name, query] of Object.entries(queries)) plans[name] = await explainNodes(handle.db, query);
    for (const [name, nodes] of Object.entries(plans)) {
      expect({ name, seqScans: nodes.filter((node) => /^Seq Scan on (submissions|test_results)\b/.test(node)) }).toEqual({ name, seqScans: [] });
      // Every query that reads submissions does so through an index on them.
      if (nodes.some((node) => node.includes("on submissions"))) {
        expect(nodes.some((node) => /Index( Only)? Scan.* on submissions|Bitmap Heap Scan on submissions/.test(node)), `${name}: ${nodes.join(" | ")}`).toBe(true);
      }
    }
    expect(plans.classMatrix!.join(" ")).toContain("submissions_assignment_user_idx");
    expect(plans.failingTestsAllAssignments!.join(" ")).toContain("test_results");
  });

  it("reads the queue timings through an index, site-wide (/api/health) and for one course (the dashboard)", async () => {
    const site = await explainNodes(handle.db, queueTimingsQuery(handle.db, { since: new Date(Date.now() - 900_000) }));
    const ofCourse = await explainNodes(handle.db, queueTimingsQuery(handle.db, { since: new Date(Date.now() - 3_600_000), courseId: course.id }));
    for (const nodes of [site, ofCourse]) expect(nodes.filter((node) => /^Seq Scan on submissions\b/.test(node))).toEqual([]);
    expect(site.join(" | ")).toContain("submissions_created_at_idx");
  });
});
