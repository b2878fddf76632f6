/**
 * The class dashboard's half of `npm run bench` (issue 7): on a fresh PostgreSQL database (created and
 * dropped here), a generated class of 300 students × 24 assignments × 10 submit-mode attempts (8 hidden
 * test results each, with misconception tags, plus one run-mode attempt per student and assignment),
 * next to other courses so that the planner sees one course among several. Measures every dashboard
 * query and the whole dashboard load (p50/p95 over ≥ 10 runs) and summarises each query's EXPLAIN plan.
 * `DATABASE_URL` (default postgres://postgres@127.0.0.1:5432/postgres) names the server to use.
 */
import { randomBytes } from "node:crypto";
import { measure, round } from "./bench-measure";
import { pathToFileURL } from "node:url";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle, type Db } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";
import { submissions, type Course } from "../lib/db/schema";
import { createCourse } from "../lib/courses/courses";
import { getClassDashboard } from "../lib/progress/class-dashboard";
import { dashboardQueries } from "../lib/progress/dashboard-queries";
import { getCourseScope, type CourseScope } from "../lib/progress/scope";
import { getStudentAttempts } from "../lib/progress/student-attempts";
import { getGradebookCsv } from "../lib/progress/exports";
import { buildSubmissionExport } from "../lib/progress/submission-export";
import { toCsv } from "../lib/progress/csv";

export interface ClassShape {
  students: number;
  assignments: number;
  attempts: number;
  testsPerSubmission: number;
}

export const BENCH_CLASS: ClassShape = { students: 300, assignments: 24, attempts: 10, testsPerSubmission: 8 };

/** Fills a course with a generated class, set-based (a handful of INSERT … SELECT statements). */
export async function generateClass(db: Db, slug: string, shape: ClassShape): Promise<Course> {
  const course = await createCourse(db, { slug, title: `Bench ${slug}`, timeZone: "Europe/Paris" });
  const { students, assignments, attempts, testsPerSubmission: tests } = shape;
  await db.execute(sql`insert into exercises (id, title, topic, kind, points, difficulty, current_version)
    select 'bench-' || lpad(i::text, 3, '0'), 'Bench exercise ' || i, 'topic ' || (i % 6), 'code', 10, 'medium', 'v1'
    from generate_series(1, ${assignments}) i on conflict do nothing`);
  await db.execute(sql`insert into users (email, name)
    select ${slug} || '-s' || i || '@bench.test', 'Student ' || lpad(i::text, 4, '0') || ' of ' || ${slug} from generate_series(1, ${students}) i`);
  await db.execute(sql`insert into enrolments (course_id, user_id, role)
    select ${course.id}, id, 'student' from users where email like ${`${slug}-s%@bench.test`}`);
  // One one-exercise assessment per exercise, as migrated assignments are.
  await db.execute(sql`with made as (
      insert into assessments (course_id, title, due_at, late_policy, late_penalty_per_day, late_cutoff_at, position)
      select ${course.id}, 'Bench set ' || i, timestamptz '2026-01-05 09:00Z' + i * interval '3 days', 'penalty', 10,
        timestamptz '2026-01-10 09:00Z' + i * interval '3 days', i
      from generate_series(1, ${assignments}) i
      returning id, position)
    insert into assignments (course_id, assessment_id, exercise_id, position, points)
    select ${course.id}, made.id, 'bench-' || lpad(made.position::text, 3, '0'), 0, 10 from made`);
  // Attempt k of a student: every 5 h from two days before the deadline (the last ones late); the number
  // of passed tests grows with k and with the student's skill. One run-mode attempt per pair is noise to skip.
  await db.execute(sql`insert into submissions (user_id, assignment_id, exercise_id, exercise_version, mode, code, variant_seed, status, verdict, score, created_at, started_at, graded_at)
    select e.user_id, a.id, a.exercise_id, 'v1', case when k = 0 then 'run' else 'submit' end::submission_mode,
      'export function attempt() { return ' || k || '; }', 1, 'graded', 'graded', p.passed::real / ${tests},
      t.at, t.at + interval '100 milliseconds', t.at + interval '400 milliseconds'
    from enrolments e
    join assignments a on a.course_id = e.course_id
    join assessments x on x.id = a.assessment_id
    cross join generate_series(0, ${attempts}) k
    cross join lateral (select x.due_at - interval '2 days' + (k * 5 + (abs(hashtext(e.user_id::text || a.id::text)) % 16)) * interval '1 hour' as at) t
    cross join lateral (select least(${tests}, floor(${tests} * (0.35 * (abs(hashtext(e.user_id::text)) % 100) / 100.0 + 0.09 * k + 0.1 * (abs(hashtext(a.id::text || k)) % 3))))::int as passed) p
    where e.course_id = ${course.id}`);
  await db.execute(sql`insert into test_results (submission_id, position, name, hidden, passed, message, misconception)
    select s.id, j - 1, 'hidden test ' || j, true, f.passed, case when f.passed then '' else 'wrong value' end,
      case when not f.passed then 'misconception-' || (j % 4) end
    from submissions s
    join assignments a on a.id = s.assignment_id
    cross join generate_series(1, ${tests}) j
    cross join lateral (select ((j + abs(hashtext(s.user_id::text)) % 3) % ${tests}) < round(s.score * ${tests}) as passed) f
    where a.course_id = ${course.id} and s.mode = 'submit'`);
  await db.execute(sql`insert into assignment_opens (assignment_id, user_id, first_opened_at)
    select s.assignment_id, s.user_id, min(s.created_at) - interval '90 minutes'
    from submissions s join assignments a on a.id = s.assignment_id
    where a.course_id = ${course.id} and abs(hashtext(s.user_id::text || s.assignment_id::text)) % 5 <> 0
    group by s.assignment_id, s.user_id`);
  return course;
}

type Explainable = { toSQL(): { sql: string; params: unknown[] } };
interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

/** A statement with bound parameters through the postgres.js client under a server-mode Db. */
async function rawQuery<Row>(db: Db, text: string, params: unknown[] = []): Promise<Row[]> {
  const client = (db as unknown as { $client: postgres.Sql }).$client;
  return (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as Row[];
}

/** The plan nodes of a query as `Node Type on relation [using index]` (PostgreSQL only). */
export async function explainNodes(db: Db, query: Explainable): Promise<string[]> {
  const { sql: text, params } = query.toSQL();
  const [row] = await rawQuery<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(db, `explain (format json) ${text}`, params);
  const plan = row!["QUERY PLAN"][0]!.Plan;
  const nodes: string[] = [];
  const walk = (node: PlanNode) => {
    nodes.push(`${node["Node Type"]}${node["Relation Name"] ? ` on ${node["Relation Name"]}` : ""}${node["Index Name"] ? ` using ${node["Index Name"]}` : ""}`);
    node.Plans?.forEach(walk);
  };
  walk(plan);
  return nodes;
}

/** The sample the per-student queries use: the first student, the first assignment, that student's attempts on it. */
export async function sampleFor(db: Db, scope: CourseScope) {
  const userId = scope.students[0]!.id;
  const assignmentId = scope.assignments[0]!.id;
  const rows = await db.select({ id: submissions.id }).from(submissions).where(eq(submissions.userId, userId)).limit(10);
  return { userId, assignmentId, submissionIds: rows.map((row) => row.id) };
}

export interface BenchDashboardOptions {
  quick?: boolean;
  databaseUrl?: string;
  log?: (line: string) => void;
}

/** Builds the generated database, measures, drops it; returns the figures. */
export async function benchDashboard(options: BenchDashboardOptions = {}) {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const adminUrl = options.databaseUrl ?? process.env.DATABASE_URL?.trim() ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const runs = options.quick ? 10 : 20;
  const otherCourses = options.quick ? 1 : 3;
  const name = `tensorgrade_bench_dashboard_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  let handle: DatabaseHandle | undefined;
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    handle = await openDatabase({ databaseUrl: url.toString(), dataDir: "unused" });
    await migrateDatabase(handle);
    const db = handle.db;
    let t = performance.now();
    const course = await generateClass(db, "measured", BENCH_CLASS);
    for (let i = 1; i <= otherCourses; i++) await generateClass(db, `other-${i}`, BENCH_CLASS);
    await db.execute(sql`analyze`);
    const generateMs = performance.now() - t;
    log(`bench-dashboard: generated ${otherCourses + 1} courses in ${round(generateMs / 1000)} s`);
    const [counts] = await rawQuery<{ submissions: number; test_results: number }>(
      db,
      "select (select count(*) from submissions)::int as submissions, (select count(*) from test_results)::int as test_results",
    );

    const scope = await getCourseScope(db, course);
    const sample = await sampleFor(db, scope);
    const queries = dashboardQueries(db, scope, sample);
    const perQuery: Record<string, { n: number; p50Ms: number; p95Ms: number; rows: number; plan: Record<string, number> }> = {};
    for (const [key, query] of Object.entries(queries)) {
      t = performance.now();
      const rows = (await query) as unknown[];
      const nodes = await explainNodes(db, query);
      const plan: Record<string, number> = {};
      for (const node of nodes) plan[node] = (plan[node] ?? 0) + 1;
      perQuery[key] = { ...(await measure(runs, () => query.execute())), rows: rows.length, plan };
    }
    const whole = {
      scope: await measure(runs, () => getCourseScope(db, course)),
      dashboardData: await measure(runs, () => getClassDashboard(db, course, () => [sample.assignmentId])),
      studentPageData: await measure(runs, async () => getStudentAttempts(db, await getCourseScope(db, course), sample.userId)),
      gradebookCsv: await measure(runs, () => getGradebookCsv(db, course)),
      submissionsCsv: await measure(runs, async () => toCsv(await buildSubmissionExport(db, await getCourseScope(db, course)))),
    };
    const seqScans = Object.entries(perQuery).flatMap(([key, value]) =>
      Object.keys(value.plan)
        .filter((node) => /^Seq Scan on (submissions|test_results)$/.test(node))
        .map((node) => `${key}: ${node}`),
    );
    return {
      class: { ...BENCH_CLASS, otherCourses, submissionsInDatabase: counts?.submissions, testResultsInDatabase: counts?.test_results, generateSeconds: round(generateMs / 1000) },
      runs,
      queries: perQuery,
      loads: whole,
      seqScansOfSubmissionsOrTestResults: seqScans,
    };
  } finally {
    await handle?.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchDashboard({ quick: process.argv.includes("--quick") })
    .then((out) => process.stdout.write(`${JSON.stringify({ dashboard: out }, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`bench-dashboard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
