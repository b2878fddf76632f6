/**
 * The gradebook's half of `npm run bench` (issue 16): on an embedded PGlite database (in memory, made and
 * closed here), a generated class of 300 students × 12 assessments × 4 exercises × 10 submit-mode attempts
 * (plus one run per student and exercise), in three weighted categories with drops, with a group's waiver
 * and individual extensions. Measures, p50/p95: the class matrix (counted scores), every student's course
 * grade, the whole gradebook CSV (scope + matrix + course grades + CSV), one student's grades page.
 * `--quick` runs fewer rounds. Printed as JSON under `gradebook`.
 */
import { pathToFileURL } from "node:url";
import { measure, round } from "./bench-measure";
import { sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle, type Db } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";
import type { Course } from "../lib/db/schema";
import { createCourse } from "../lib/courses/courses";
import { createGradeCategory } from "../lib/courses/grade-categories";
import { getClassMatrix } from "../lib/progress/class-matrix";
import { getClassGrades, getStudentCourseGrade } from "../lib/progress/course-grades";
import { getGradebookCsv } from "../lib/progress/exports";
import { getCourseScope } from "../lib/progress/scope";

export interface GradebookShape {
  students: number;
  assessments: number;
  exercisesPerAssessment: number;
  attempts: number;
}

export const BENCH_GRADEBOOK: GradebookShape = { students: 300, assessments: 12, exercisesPerAssessment: 4, attempts: 10 };

/** Every assessment is past due by then, so that every one counts. */
export const GRADEBOOK_NOW = new Date("2026-06-01T12:00:00Z");

/**
 * Fills a course with a graded class, set-based (a handful of INSERT … SELECT statements): categories
 * Homework (50, drop 1; two thirds of the assessments), Quizzes (30, drop 1) and Exam (20, the last
 * one); a weekly due date each with a 10 %-a-day penalty up to five days; attempts every 5 hours from two
 * days before the due date (the last ones late), scores growing with the attempt and the student's skill;
 * a group "extra time" (every tenth student) with every late penalty waived, and every twentieth
 * student two more days on every assessment.
 */
export async function generateGradedClass(db: Db, slug: string, shape: GradebookShape): Promise<Course> {
  const course = await createCourse(db, { slug, title: `Gradebook ${slug}`, timeZone: "Europe/Paris" });
  const { students, assessments, exercisesPerAssessment: perAssessment, attempts } = shape;
  const homework = await createGradeCategory(db, course.id, { name: "Homework", weight: 50, dropLowest: 1 });
  const quizzes = await createGradeCategory(db, course.id, { name: "Quizzes", weight: 30, dropLowest: 1 });
  const exam = await createGradeCategory(db, course.id, { name: "Exam", weight: 20 });
  const homeworkCount = Math.max(1, Math.floor(((assessments - 1) * 2) / 3));
  await db.execute(sql`insert into exercises (id, title, topic, kind, points, difficulty, current_version)
    select 'gradebook-' || lpad(i::text, 3, '0'), 'Gradebook exercise ' || i, 'topic ' || (i % 6), 'code', 10, 'medium', 'v1'
    from generate_series(1, ${assessments * perAssessment}) i on conflict do nothing`);
  await db.execute(sql`insert into users (email, name)
    select ${slug} || '-s' || i || '@bench.test', 'Student ' || lpad(i::text, 4, '0') || ' of ' || ${slug} from generate_series(1, ${students}) i`);
  await db.execute(sql`insert into enrolments (course_id, user_id, role)
    select ${course.id}, id, 'student' from users where email like ${`${slug}-s%@bench.test`}`);
  await db.execute(sql`insert into assessments (course_id, title, category_id, due_at, late_policy, late_penalty_per_day, late_cutoff_at, position)
    select ${course.id}, case when i <= ${homeworkCount} then 'Homework ' || i when i < ${assessments} then 'Quiz ' || (i - ${homeworkCount}) else 'Final exam' end,
      case when i <= ${homeworkCount} then ${homework.id}::uuid when i < ${assessments} then ${quizzes.id}::uuid else ${exam.id}::uuid end,
      timestamptz '2026-01-05 09:00Z' + i * interval '7 days', 'penalty', 10, timestamptz '2026-01-10 09:00Z' + i * interval '7 days', i
    from generate_series(1, ${assessments}) i`);
  await db.execute(sql`insert into assignments (course_id, assessment_id, exercise_id, points, position)
    select a.course_id, a.id, 'gradebook-' || lpad(((a.position - 1) * ${perAssessment} + j)::text, 3, '0'), 5 * j, j
    from assessments a cross join generate_series(1, ${perAssessment}) j where a.course_id = ${course.id}`);
  await db.execute(sql`insert into submissions (user_id, assignment_id, exercise_id, exercise_version, mode, code, variant_seed, status, verdict, score, created_at, started_at, graded_at)
    select e.user_id, a.id, a.exercise_id, 'v1', case when k = 0 then 'run' else 'submit' end::submission_mode,
      'export function attempt() { return ' || k || '; }', 1, 'graded', 'graded',
      least(1, (abs(hashtext(e.user_id::text)) % 100) / 200.0 + 0.06 * k + 0.1 * (abs(hashtext(a.id::text || k)) % 3))::real,
      t.at, t.at + interval '100 milliseconds', t.at + interval '400 milliseconds'
    from enrolments e
    join assignments a on a.course_id = e.course_id
    join assessments s on s.id = a.assessment_id
    cross join generate_series(0, ${attempts}) k
    cross join lateral (select s.due_at - interval '2 days' + (k * 5 + (abs(hashtext(e.user_id::text || a.id::text)) % 16)) * interval '1 hour' as at) t
    where e.course_id = ${course.id}`);
  await db.execute(sql`insert into accommodation_groups (course_id, label) values (${course.id}, 'extra time')`);
  await db.execute(sql`insert into accommodation_group_members (group_id, user_id)
    select g.id, e.user_id from accommodation_groups g join enrolments e on e.course_id = g.course_id
    where g.course_id = ${course.id} and abs(hashtext(e.user_id::text)) % 10 = 0`);
  await db.execute(sql`insert into accommodations (course_id, group_id, waive_late_penalty)
    select course_id, id, true from accommodation_groups where course_id = ${course.id}`);
  await db.execute(sql`insert into accommodations (course_id, user_id, assessment_id, due_at)
    select e.course_id, e.user_id, s.id, s.due_at + interval '2 days'
    from enrolments e join assessments s on s.course_id = e.course_id
    where e.course_id = ${course.id} and abs(hashtext(e.user_id::text || 'x')) % 20 = 0`);
  return course;
}

export interface BenchGradebookOptions {
  quick?: boolean;
  shape?: GradebookShape;
  log?: (line: string) => void;
}

/** Builds the class in an in-memory PGlite database, measures, closes it; returns the figures. */
export async function benchGradebook(options: BenchGradebookOptions = {}) {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const shape = options.shape ?? BENCH_GRADEBOOK;
  const runs = options.quick ? 5 : 10;
  let handle: DatabaseHandle | undefined;
  try {
    handle = await openDatabase({ dataDir: "memory://" });
    await migrateDatabase(handle);
    const db = handle.db;
    let t = performance.now();
    const course = await generateGradedClass(db, "measured", shape);
    await db.execute(sql`analyze`);
    const generateMs = performance.now() - t;
    log(`bench-gradebook: generated the class in ${round(generateMs / 1000)} s`);
    const [counts] = await db.select({ submissions: sql<number>`(select count(*) from submissions)::int`, assignments: sql<number>`(select count(*) from assignments)::int` }).from(sql`(select 1) as one`);
    const scope = await getCourseScope(db, course);
    const sampleStudent = scope.students[Math.floor(scope.students.length / 2)]!.id;
    t = performance.now();
    const csv = await getGradebookCsv(db, course, GRADEBOOK_NOW);
    const firstCsvMs = performance.now() - t;
    const { grades } = await getClassGrades(db, course, GRADEBOOK_NOW);
    const withGrade = [...grades.values()].filter((grade) => grade.percent !== null).length;
    return {
      class: { ...shape, exercises: counts?.assignments, submissionsInDatabase: counts?.submissions, generateSeconds: round(generateMs / 1000), database: "PGlite (in memory)" },
      runs,
      csv: { rows: csv.split("\r\n").length - 2, columns: csv.split("\r\n")[0]!.split(",").length, bytes: csv.length, firstBuildMs: round(firstCsvMs), studentsWithAGrade: withGrade },
      loads: {
        classMatrix: await measure(runs, () => getClassMatrix(db, scope)),
        courseGradesOfEveryStudent: await measure(runs, () => getClassGrades(db, course, GRADEBOOK_NOW)),
        gradebookCsv: await measure(runs, () => getGradebookCsv(db, course, GRADEBOOK_NOW)),
        oneStudentsGradesPage: await measure(runs, () => getStudentCourseGrade(db, course, sampleStudent, GRADEBOOK_NOW)),
      },
    };
  } finally {
    await handle?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchGradebook({ quick: process.argv.includes("--quick") })
    .then((out) => process.stdout.write(`${JSON.stringify({ gradebook: out }, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`bench-gradebook: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
