import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { regrades, submissionGradings } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { listCourseAssessments, policyOf } from "@/lib/courses/assessments";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { getClassMatrix } from "@/lib/progress/class-matrix";
import { getCourseScope } from "@/lib/progress/scope";
import { getCountedScore } from "@/lib/scoring/counted-score";
import { penalizedScoreSql, type LatePolicySql } from "@/lib/scoring/late-policy-sql";
import { testBackends } from "../helpers/test-database";

/**
 * Migration 0010 turns every assignment into a one-exercise assessment. A database filled under the
 * schema before it (migrations 0000–0009) must come through with every submission, score, regrade and
 * archived grading still there, and every counted score the same to the last bit.
 */
const DUE = new Date("2026-11-20T12:00:00.000Z");
const HOUR = 3_600_000;
const at = (hours: number) => new Date(DUE.getTime() + hours * HOUR);

/** drizzle/ as it was before 0010: the same files, the journal cut after 0009. */
function migrationsBefore0010(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "tg-migrations-"));
  cpSync(path.join(process.cwd(), "drizzle"), folder, { recursive: true });
  const journalPath = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: Array<{ idx: number; tag: string }> };
  const cut = journal.entries.findIndex((entry) => entry.tag.startsWith("0010"));
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

/** The counted-score aggregate as it read the pre-0010 `assignments` row (alias a). */
const oldPolicy: LatePolicySql = {
  dueAt: sql`a.due_at`,
  latePolicy: sql`a.late_policy`,
  latePenaltyPerDay: sql`a.late_penalty_per_day`,
  lateCutoffAt: sql`a.late_cutoff_at`,
  lateWaived: sql`false`,
};

describe.each(testBackends())("migration 0010 (assessments) on a filled database, $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let folder: string;
  let courseId: string;
  const before = { submissions: [] as unknown[], counted: new Map<string, number | null>(), gradings: [] as unknown[], regrades: [] as unknown[], assignments: [] as Array<Record<string, unknown>> };

  const rows = async <T,>(query: ReturnType<typeof sql>) => {
    const result = (await handle.db.execute(query)) as unknown as { rows?: T[] } | T[];
    return Array.isArray(result) ? result : (result.rows ?? []);
  };

  beforeAll(async () => {
    folder = migrationsBefore0010();
    ({ handle, drop } = await backend.create({ migrationsFolder: folder }));
    const catalogue = await loadCatalogue(undefined, ["batching", "adam", "optimizer-concepts"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    const course = await createCourse(handle.db, { slug: "old", title: "Old course" });
    courseId = course.id;
    const students = [];
    for (const name of ["ann", "bob", "cat"]) {
      // Raw SQL: the users table as 0009 left it (later migrations add columns drizzle would name).
      const [user] = await rows<{ id: string }>(sql`insert into users (email, name) values (${`${name}@example.org`}, ${name}) returning id`);
      await enrolUser(handle.db, course.id, user!.id, "student");
      students.push(user!);
    }
    // Three assignments under the old schema: penalty with a cut-off, no late work, no deadline.
    const assignmentRows = await rows<{ id: string; exercise_id: string }>(sql`
      insert into assignments (course_id, exercise_id, opens_at, due_at, attempt_limit, points, late_policy, late_penalty_per_day, late_cutoff_at, explanation_release, position)
      values
        (${course.id}, 'batching', ${at(-240).toISOString()}::timestamptz, ${DUE.toISOString()}::timestamptz, 5, 20, 'penalty', 12.5, ${at(72).toISOString()}::timestamptz, null, 0),
        (${course.id}, 'adam', null, ${DUE.toISOString()}::timestamptz, null, 15, 'none', 0, null, null, 1),
        (${course.id}, 'optimizer-concepts', null, null, 2, 10, 'none', 0, null, 'after_close', 2)
      returning id, exercise_id`);
    const byExercise = new Map(assignmentRows.map((row) => [row.exercise_id, row.id]));
    // Attempts on time, a started day late, two days late, after the cut-off, ungraded, and runs.
    const plan: Array<[number, string, number, number | null, "run" | "submit"]> = [
      [0, "batching", -5, 0.5, "submit"],
      [0, "batching", 1, 0.9, "submit"],
      [1, "batching", 30, 1, "submit"],
      [1, "batching", 80, 1, "submit"],
      [2, "batching", 2, null, "submit"],
      [2, "batching", -1, 1, "run"],
      [0, "adam", -2, 2 / 3, "submit"],
      [1, "adam", 3, 1, "submit"],
      [2, "adam", -3, 0.1, "submit"],
      [0, "optimizer-concepts", 500, 0.75, "submit"],
    ];
    for (const [student, exercise, hours, score, mode] of plan) {
      // Raw SQL: the schema module describes the latest migration, not 0009's submissions.
      const isQuiz = exercise === "optimizer-concepts";
      await handle.db.execute(sql`
        insert into submissions (user_id, assignment_id, exercise_id, exercise_version, variant_seed, mode, code, answers, status, verdict, score, created_at, graded_at)
        values (${students[student]!.id}, ${byExercise.get(exercise)!}, ${exercise}, 'v1', 7, ${mode}, ${isQuiz ? null : "// attempt"},
          ${isQuiz ? JSON.stringify({ q1: "a" }) : null}::jsonb, ${score === null ? "error" : "graded"}, ${score === null ? "runtime_error" : "graded"},
          ${score}, ${at(hours).toISOString()}::timestamptz, ${at(hours).toISOString()}::timestamptz)`);
    }
    const [regrade] = await handle.db
      .insert(regrades)
      .values({ assignmentId: byExercise.get("batching")!, exerciseVersion: "v1", total: 4, done: 4 })
      .returning();
    const [first] = await rows<{ id: string }>(sql`select id from submissions where exercise_id = 'batching' order by created_at limit 1`);
    await handle.db.insert(submissionGradings).values({ submissionId: first!.id, regradeId: regrade!.id, exerciseVersion: "v0", verdict: "graded", score: 0.25, tests: [{ position: 0, name: "t", hidden: true, passed: false, message: "", misconception: null }] });

    before.assignments = await rows(sql`select * from assignments order by position`);
    before.submissions = await rows(sql`select id, user_id, assignment_id, exercise_id, mode, score, status, created_at from submissions order by id`);
    before.gradings = await rows(sql`select * from submission_gradings order by id`);
    before.regrades = await rows(sql`select * from regrades order by id`);
    const counted = await rows<{ user_id: string; assignment_id: string; counted: number | null }>(sql`
      select s.user_id, s.assignment_id, max(${penalizedScoreSql(oldPolicy, sql`s.created_at`, sql`s.score`)}) as counted
      from submissions s join assignments a on a.id = s.assignment_id where s.mode = 'submit' group by s.user_id, s.assignment_id`);
    for (const row of counted) before.counted.set(`${row.user_id}:${row.assignment_id}`, row.counted === null ? null : Number(row.counted));

    await migrateDatabase(handle);
  });
  afterAll(async () => {
    await drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("keeps every submission, regrade and archived grading as it was", async () => {
    expect(await rows(sql`select id, user_id, assignment_id, exercise_id, mode, score, status, created_at from submissions order by id`)).toEqual(before.submissions);
    expect(await rows(sql`select * from submission_gradings order by id`)).toEqual(before.gradings);
    expect(await rows(sql`select * from regrades order by id`)).toEqual(before.regrades);
    expect(before.submissions).toHaveLength(10);
  });

  it("makes each assignment a one-exercise assessment with its id, the exercise's title, its dates and rules", async () => {
    const assessments = await listCourseAssessments(handle.db, courseId);
    expect(assessments.map((entry) => entry.assessment.title)).toEqual(assessments.map((entry) => entry.items[0]!.exercise.title));
    for (const [index, old] of before.assignments.entries()) {
      const { assessment, items } = assessments[index]!;
      expect(assessment.id).toBe(old.id);
      expect(items.map((item) => [item.assignment.id, item.exercise.id, item.assignment.points])).toEqual([[old.id, old.exercise_id, old.points]]);
      expect(assessment).toMatchObject({ attemptLimit: old.attempt_limit, latePolicy: old.late_policy, explanationRelease: old.explanation_release, categoryId: null });
      expect(Number(assessment.latePenaltyPerDay)).toBe(Number(old.late_penalty_per_day));
      const time = (value: unknown) => (value === null ? null : new Date(value as string).getTime());
      expect([assessment.opensAt, assessment.dueAt, assessment.lateCutoffAt].map(time)).toEqual([old.opens_at, old.due_at, old.late_cutoff_at].map(time));
      expect(policyOf(assessment).dueAt?.getTime() ?? null).toBe(time(old.due_at));
    }
  });

  it("counts every score as before, through the counted score and the class matrix", async () => {
    // Seven students × assignments with a Submit (cat's only batching Submit is ungraded: null).
    expect(before.counted.size).toBe(7);
    expect([...before.counted.values()].filter((value) => value === null)).toHaveLength(1);
    for (const [key, expected] of before.counted) {
      const [userId, assignmentId] = key.split(":") as [string, string];
      expect(await getCountedScore(handle.db, { userId, assignmentId }), key).toBe(expected);
    }
    const course = { id: courseId, slug: "old", title: "Old course", timeZone: "UTC", description: "", joinCode: null, tasMayAuthor: false, createdAt: new Date() };
    const matrix = await getClassMatrix(handle.db, await getCourseScope(handle.db, course));
    for (const [key, expected] of before.counted) {
      const [userId, assignmentId] = key.split(":") as [string, string];
      expect(matrix.get(assignmentId)?.get(userId)?.score ?? null, key).toBe(expected);
    }
  });
});
