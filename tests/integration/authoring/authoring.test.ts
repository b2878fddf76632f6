import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkDraft,
  copyCatalogueExercise,
  createCourseExercise,
  exportCourseExercise,
  getAssignmentVersion,
  getCourseExercise,
  importCourseExercise,
  listCourseExercises,
  listVersions,
  moveAssignmentToVersion,
  publishDraft,
  saveDraft,
  setTasMayAuthor,
  tryDraft,
} from "@/lib/authoring";
import { AUTHORING_RATE } from "@/lib/authoring/access";
import { setAuthoringSandbox } from "@/lib/authoring/sandbox-port";
import type { PackageFiles } from "@/lib/authoring/types";
import { listCatalogueForCourse } from "@/lib/courses/assignment-catalogue";
import { createAssignment } from "@/lib/courses/assignments";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import type { DatabaseHandle } from "@/lib/db/client";
import { assignments, courseExercises, exercises, submissions, testResults, type Course, type User } from "@/lib/db/schema";
import { writeArchive } from "@/lib/exercises/archive";
import { loadCatalogue, type LoadedExercise } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { kindOf } from "@/lib/exercises/kinds";
import { quizSeed } from "@/lib/exercises/quiz";
import { findExerciseForCourse, prepareQuizForSeed } from "@/lib/exercises/resolve";
import { syncExercises } from "@/lib/exercises/sync";
import { hashPackageFiles } from "@/lib/grading/artefact";
import { getQueueDepth } from "@/lib/queue/stats";
import { startQueueNode, type QueueNode } from "@/lib/startup/queue-node";
import { getExercisePageData } from "@/lib/progress/exercise-page";
import { getRegradeProgress, requestRegrade } from "@/lib/submissions/regrade";
import { getSubmissionForViewer } from "@/lib/submissions/view";
import { createStudentSubmission } from "@/lib/submissions/submit";
import { createUser } from "@/lib/users/users";
import { queueBackends, waitFor } from "../queue-fixtures";
import { inProcessAuthoringSandbox } from "./in-process-sandbox";

/** A data package of tests/fixtures/data-packages, by file name. */
function readFixture(name: string): PackageFiles {
  const dir = path.join(process.cwd(), "tests", "fixtures", "data-packages", name);
  return Object.fromEntries(readdirSync(dir).map((file) => [file, readFileSync(path.join(dir, file), "utf8")]));
}

/** A small code exercise; `more` adds a hidden test (the second version). */
function doubleFiles(id: string, options: { more?: boolean; solution?: string } = {}): PackageFiles {
  // An explicit expected value: a wrong reference solution then fails its own check.
  const tests: Array<Record<string, unknown>> = [{ name: "a negative number", call: "double", args: [-3.5], expected: -7 }];
  if (options.more) tests.push({ name: "zero", call: "double", args: [0] });
  return {
    "exercise.json": `${JSON.stringify({ id, title: "Double it", topic: "Warm-up", kind: "code", points: 10, difficulty: "easy", exports: ["double"], examples: [{ name: "example: double(2)", call: "double", args: [2] }], tests }, null, 2)}\n`,
    "prompt.md": "# Double it\n\nWrite `double(x)`.\n",
    "starter.ts": "export function double(x: number): number {\n  return 0;\n}\n",
    "solution.ts": options.solution ?? "export function double(x: number): number {\n  return 2 * x;\n}\n",
  };
}

const RIGHT = "export function double(x: number): number { return x + x; }\n";

describe.each(queueBackends())("authoring course exercises on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let node: QueueNode;
  let course: Course, otherCourse: Course;
  let instructor: User, ta: User, student: User, outsider: User;
  const sandbox = inProcessAuthoringSandbox();
  const settled = () =>
    waitFor(async () => {
      const depth = await getQueueDepth(handle.db);
      return depth.queued + depth.running === 0 ? true : undefined;
    }, 60_000);

  beforeAll(async () => {
    let url: string | undefined;
    ({ handle, url, drop } = await backend.create());
    setAuthoringSandbox(sandbox);
    const catalogue = await loadCatalogue(undefined, ["softmax", "steps-per-epoch"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    // The queue grades with the same in-process sandbox: what a grader child does with a data artefact.
    const grader = { grade: (artefact: Parameters<typeof sandbox.grade>[0], source: string, _limits?: undefined, examplesOnly = false) => sandbox.grade(artefact, source, { examplesOnly }), close: async () => {} };
    node = await startQueueNode({ database: handle, databaseUrl: url, instanceName: "authoring-test", grading: { grader, concurrency: 1 } });
    course = await createCourse(handle.db, { slug: "ml", title: "ML" });
    otherCourse = await createCourse(handle.db, { slug: "other", title: "Other" });
    instructor = await createUser(handle.db, { email: "i@example.org", name: "I" });
    ta = await createUser(handle.db, { email: "t@example.org", name: "T" });
    student = await createUser(handle.db, { email: "s@example.org", name: "S" });
    outsider = await createUser(handle.db, { email: "x@example.org", name: "X" });
    await enrolUser(handle.db, course.id, instructor.id, "instructor");
    await enrolUser(handle.db, course.id, ta.id, "ta");
    await enrolUser(handle.db, course.id, student.id, "student");
    await enrolUser(handle.db, otherCourse.id, outsider.id, "instructor");
  }, 120_000);
  afterAll(async () => {
    setAuthoringSandbox(undefined);
    await node?.shutdown(1_000);
    await drop?.();
  });

  it("creates, checks, publishes, assigns pinned, grades the pinned version and moves it on only when asked", async () => {
    const db = handle.db;
    const { id } = await createCourseExercise(db, instructor, "ml", { kind: "code", name: "double" });
    expect(id).toBe("ml-double");
    // The starting package is valid as it is.
    const fresh = await checkDraft(db, instructor, "ml", id, undefined, sandbox);
    expect(fresh.ok, JSON.stringify(fresh)).toBe(true);

    // A broken draft is saved, with every problem by file and field, and cannot be published.
    const broken = { ...doubleFiles(id), "solution.ts": undefined, "notes.txt": "x" } as unknown as PackageFiles;
    delete (broken as Record<string, unknown>)["solution.ts"];
    const json = JSON.parse(broken["exercise.json"]!) as { tests: Array<Record<string, unknown>> };
    json.tests[0]!.compare = { kind: "close", rtol: -1 };
    broken["exercise.json"] = JSON.stringify(json);
    const bad = await saveDraft(db, instructor, "ml", id, broken, sandbox);
    expect(bad.ok).toBe(false);
    expect(bad.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: "error", file: "solution.ts" }),
        expect.objectContaining({ severity: "error", file: "notes.txt" }),
        expect.objectContaining({ severity: "error", file: "exercise.json", field: "tests.0.compare.rtol" }),
      ]),
    );
    await expect(publishDraft(db, instructor, "ml", id, sandbox)).rejects.toMatchObject({ code: "CONFLICT" });

    // A wrong reference fails its check item.
    const wrong = await saveDraft(db, instructor, "ml", id, doubleFiles(id, { solution: "export function double(x: number): number { return x * 3; }\n" }), sandbox);
    expect(wrong.ok).toBe(false);
    expect(wrong.items.find((item) => item.key === "reference")).toMatchObject({ ok: false });

    // The right files pass every item; Try as a student grades any code against the draft.
    const v1Files = doubleFiles(id);
    const good = await saveDraft(db, instructor, "ml", id, v1Files, sandbox);
    expect(good.ok, JSON.stringify(good)).toBe(true);
    expect(good.items.map((item) => [item.key, item.ok])).toEqual(expect.arrayContaining([["reference", true], ["starter", true], ["deterministic", true], ["schema", true]]));
    expect(good.version).toBe(hashPackageFiles(v1Files));
    expect((await getCourseExercise(db, instructor, "ml", id)).lastCheck).toMatchObject({ ok: true, version: good.version });
    const tried = await tryDraft(db, instructor, "ml", id, "export function double(x: number) { return x; }\n", {}, sandbox);
    expect(tried).toMatchObject({ status: "graded" });
    expect(tried.score).toBeLessThan(1);

    const v1 = await publishDraft(db, instructor, "ml", id, sandbox);
    expect(v1).toEqual({ version: good.version, published: true });
    expect(await publishDraft(db, instructor, "ml", id, sandbox)).toEqual({ version: v1.version, published: false });
    const [row] = await db.select().from(exercises).where(eq(exercises.id, id));
    expect(row).toMatchObject({ courseId: course.id, currentVersion: v1.version, kind: "code", title: "Double it" });

    // The course may assign it (pinned to v1); the catalogue it sees lists it, another course's does not.
    const assignment = await createAssignment(db, course.id, { exerciseId: id });
    expect(assignment.exerciseVersion).toBe(v1.version);
    const listed = (await listCatalogueForCourse(db, course.id)).flatMap((topic) => topic.entries.map((entry) => entry.exercise.id));
    expect(listed).toEqual(expect.arrayContaining([id, "softmax"]));
    expect((await listCatalogueForCourse(db, otherCourse.id)).flatMap((topic) => topic.entries.map((entry) => entry.exercise.id))).not.toContain(id);
    await expect(createAssignment(db, otherCourse.id, { exerciseId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findExerciseForCourse(db, otherCourse.id, id)).toBeNull();

    // The student meets it like any exercise and is graded against v1.
    const page = await getExercisePageData(db, student, "ml", id);
    expect(page.title).toBe("Double it");
    const first = await createStudentSubmission(db, { user: student, courseSlug: "ml", exerciseId: id, request: { code: RIGHT, mode: "submit" } });
    await settled();
    const [graded] = await db.select().from(submissions).where(eq(submissions.id, first.id));
    expect(graded).toMatchObject({ status: "graded", score: 1, exerciseVersion: v1.version });
    const names = (await db.select().from(testResults).where(eq(testResults.submissionId, first.id))).map((test) => test.name);
    expect(names.sort()).toEqual(["a negative number", "example: double(2)"]);

    // v2 is published; the assignment stays on v1 until it is moved.
    await saveDraft(db, instructor, "ml", id, doubleFiles(id, { more: true }), sandbox);
    const v2 = await publishDraft(db, instructor, "ml", id, sandbox);
    expect(v2.published).toBe(true);
    expect(v2.version).not.toBe(v1.version);
    expect(await getAssignmentVersion(db, instructor, "ml", assignment.id)).toEqual({ exerciseId: id, version: v1.version, currentVersion: v2.version, newer: true });
    const second = await createStudentSubmission(db, { user: student, courseSlug: "ml", exerciseId: id, request: { code: RIGHT, mode: "submit" } });
    await settled();
    expect((await db.select().from(submissions).where(eq(submissions.id, second.id)))[0]).toMatchObject({ exerciseVersion: v1.version, score: 1 });
    const versions = await listVersions(db, instructor, "ml", id);
    expect(versions.map((v) => [v.version, v.current, v.assignmentCount])).toEqual([
      [v2.version, true, 0],
      [v1.version, false, 1],
    ]);

    await expect(moveAssignmentToVersion(db, instructor, "ml", assignment.id, "no-such-version")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const moved = await moveAssignmentToVersion(db, instructor, "ml", assignment.id, v2.version);
    expect(moved.exerciseVersion).toBe(v2.version);
    // The existing regrade now grades the earlier submissions against v2.
    await requestRegrade(db, instructor, { courseSlug: "ml", assignmentId: assignment.id });
    await settled();
    await waitFor(async () => {
      const rows = await db.select().from(submissions).where(and(eq(submissions.assignmentId, assignment.id), eq(submissions.exerciseVersion, v2.version)));
      return rows.length === 2 ? rows : undefined;
    }, 60_000, "the regrade against v2");
    const regradedNames = (await db.select().from(testResults).where(eq(testResults.submissionId, first.id))).map((test) => test.name);
    expect(regradedNames).toContain("zero");

    const summary = await listCourseExercises(db, instructor, "ml");
    expect(summary).toEqual([expect.objectContaining({ id, kind: "code", title: "Double it", publishedVersion: v2.version, draftChanged: false, assignmentCount: 1 })]);
  }, 240_000);

  it("serves a course quiz to the student and grades it inline", async () => {
    const db = handle.db;
    const { id } = await createCourseExercise(db, instructor, "ml", { kind: "quiz", name: "activations" });
    const check = await saveDraft(db, instructor, "ml", id, (await getCourseExercise(db, instructor, "ml", id)).files, sandbox);
    expect(check.ok, JSON.stringify(check)).toBe(true);
    const { version } = await publishDraft(db, instructor, "ml", id, sandbox);
    await createAssignment(db, course.id, { exerciseId: id });
    const page = await getExercisePageData(db, student, "ml", id);
    expect(page.view.kind).toBe("quiz");
    const attempt = await createStudentSubmission(db, { user: student, courseSlug: "ml", exerciseId: id, request: { answers: { q1: "sigmoid" } } });
    const [row] = await db.select().from(submissions).where(eq(submissions.id, attempt.id));
    expect(row).toMatchObject({ status: "graded", score: 1, exerciseVersion: version });
  }, 120_000);

  it("serves a quiz whose params and answers are checks.ts exports, per student seed, through the sandbox", async () => {
    const db = handle.db;
    const { id } = await createCourseExercise(db, instructor, "ml", { kind: "quiz", name: "bias-quiz" });
    const fixture = readFixture("bias-quiz");
    const files = { ...fixture, "exercise.json": fixture["exercise.json"]!.replace('"id": "bias-quiz"', `"id": "${id}"`) };
    const check = await saveDraft(db, instructor, "ml", id, files, sandbox);
    expect(check.ok, JSON.stringify(check)).toBe(true);
    const { version } = await publishDraft(db, instructor, "ml", id, sandbox);
    await createAssignment(db, course.id, { exerciseId: id });

    const page = await getExercisePageData(db, student, "ml", id);
    expect(JSON.stringify(page.view)).toMatch(/\\beta_1 = 0\.(8|9|95)/);
    const loaded = (await findExerciseForCourse(db, course.id, id))!;
    const seed = quizSeed(student.id, id);
    const pkg = await prepareQuizForSeed(loaded.pkg, seed, sandbox);
    const grading = kindOf(pkg).grading;
    if (grading.mode !== "inline") throw new Error("a quiz grades inline");
    const attempt = await createStudentSubmission(db, { user: student, courseSlug: "ml", exerciseId: id, request: { answers: grading.answerKey(pkg, seed) } });
    const [row] = await db.select().from(submissions).where(eq(submissions.id, attempt.id));
    expect(row).toMatchObject({ status: "graded", score: 1, exerciseVersion: version });

    // Staff read the attempt with its explanations, under the student's own numbers.
    const params = (row!.variant as { questions: Record<string, { params: { beta1: number; t: number } }> }).questions.factor!.params;
    const view = await getSubmissionForViewer(db, attempt.id, instructor);
    expect(view.tests.find((test) => test.name === "factor")?.explanationHtml).toContain(String(params.beta1));
    // A regrade grades the stored answers again on the same variant: still full marks.
    const [quizAssignment] = await db.select().from(assignments).where(eq(assignments.exerciseId, id));
    const { regradeId } = await requestRegrade(db, instructor, { courseSlug: "ml", assignmentId: quizAssignment!.id });
    await waitFor(async () => ((await getRegradeProgress(db, regradeId)).finished ? true : undefined), 60_000, "the quiz regrade");
    expect(await getRegradeProgress(db, regradeId)).toMatchObject({ done: 1, failed: 0 });
    expect((await db.select().from(submissions).where(eq(submissions.id, attempt.id)))[0]).toMatchObject({ score: 1, exerciseVersion: version });
  }, 120_000);

  it("refuses every function to a student, another course's instructor and a TA the course does not allow", async () => {
    const db = handle.db;
    const id = "ml-double";
    const [assignment] = await db.select().from(assignments).where(eq(assignments.exerciseId, id));
    const files = doubleFiles(id);
    const archive = writeArchive("zip", id, files);
    const calls: Array<[string, (user: User, slug: string) => Promise<unknown>]> = [
      ["createCourseExercise", (user, slug) => createCourseExercise(db, user, slug, { kind: "code", name: "nope" })],
      ["copyCatalogueExercise", (user, slug) => copyCatalogueExercise(db, user, slug, { catalogueId: "softmax" })],
      ["getCourseExercise", (user, slug) => getCourseExercise(db, user, slug, id)],
      ["saveDraft", (user, slug) => saveDraft(db, user, slug, id, files, sandbox)],
      ["checkDraft", (user, slug) => checkDraft(db, user, slug, id, files, sandbox)],
      ["tryDraft", (user, slug) => tryDraft(db, user, slug, id, RIGHT, {}, sandbox)],
      ["publishDraft", (user, slug) => publishDraft(db, user, slug, id, sandbox)],
      ["listCourseExercises", (user, slug) => listCourseExercises(db, user, slug)],
      ["listVersions", (user, slug) => listVersions(db, user, slug, id)],
      ["moveAssignmentToVersion", (user, slug) => moveAssignmentToVersion(db, user, slug, assignment!.id, "x")],
      ["exportCourseExercise", (user, slug) => exportCourseExercise(db, user, slug, id, "zip")],
      ["importCourseExercise", (user, slug) => importCourseExercise(db, user, slug, archive, sandbox)],
      ["getAssignmentVersion", (user, slug) => getAssignmentVersion(db, user, slug, assignment!.id)],
      ["setTasMayAuthor", (user, slug) => setTasMayAuthor(db, user, slug, true)],
    ];
    for (const [name, call] of calls) {
      for (const [who, user, slug] of [["student", student, "ml"], ["other instructor", outsider, "ml"], ["other instructor in their course", outsider, "other"], ["ta", ta, "ml"]] as const) {
        // In their own course another course's instructor may list (an empty library) and create, never touch this course's exercise.
        if (who === "other instructor in their course" && ["createCourseExercise", "copyCatalogueExercise", "listCourseExercises", "importCourseExercise", "setTasMayAuthor"].includes(name)) continue;
        // A TA reads the assignment's version like the rest of the dashboard.
        if (who === "ta" && name === "getAssignmentVersion") continue;
        await expect(call(user, slug), `${name} by ${who}`).rejects.toMatchObject({ code: "NOT_FOUND" });
      }
    }
    // The course lets its TAs author: a TA lists and reads; moving an assignment stays the instructors'.
    await expect(setTasMayAuthor(db, ta, "ml", true)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setTasMayAuthor(db, instructor, "ml", true);
    expect((await listCourseExercises(db, ta, "ml")).map((entry) => entry.id)).toContain(id);
    expect((await getCourseExercise(db, ta, "ml", id)).id).toBe(id);
    await expect(moveAssignmentToVersion(db, ta, "ml", assignment!.id, "x")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setTasMayAuthor(db, instructor, "ml", false);
    await expect(listCourseExercises(db, ta, "ml")).rejects.toMatchObject({ code: "NOT_FOUND" });
  }, 240_000);

  it("imports nothing from a bad archive and reports every problem", async () => {
    const db = handle.db;
    const before = await db.select({ id: courseExercises.id }).from(courseExercises);
    const files = { ...doubleFiles("ml-broken"), "notes.txt": "x", "exercise.json": '{ "id": "ml-broken", "kind": "code", "points": -1 }' };
    const result = await importCourseExercise(db, instructor, "ml", writeArchive("tar.gz", "ml-broken", files), sandbox);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.length).toBeGreaterThanOrEqual(4);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: "notes.txt" }),
        expect.objectContaining({ file: "exercise.json", field: "points" }),
        expect.objectContaining({ file: "exercise.json", field: "title" }),
      ]),
    );
    const garbage = await importCourseExercise(db, instructor, "ml", Buffer.from("not an archive at all"), sandbox);
    expect(garbage).toMatchObject({ ok: false, problems: [expect.objectContaining({ severity: "error" })] });
    // Another course's id, and the catalogue's, are refused, with the package's own problems too.
    expect(await importCourseExercise(db, instructor, "ml", writeArchive("zip", "softmax", doubleFiles("softmax")), sandbox)).toMatchObject({ ok: false });
    const both = await importCourseExercise(db, instructor, "ml", writeArchive("zip", "softmax", { ...doubleFiles("softmax"), "notes.txt": "x" }), sandbox);
    expect(both.ok ? [] : both.problems.map((problem) => [problem.file, problem.field])).toEqual(expect.arrayContaining([["notes.txt", ""], ["exercise.json", "id"]]));
    expect(await importCourseExercise(db, outsider, "other", writeArchive("zip", "ml-double", doubleFiles("ml-double")), sandbox)).toMatchObject({ ok: false });
    expect(await db.select({ id: courseExercises.id }).from(courseExercises)).toEqual(before);
  }, 120_000);

  it("exports and imports back to the same version; a new id is created", async () => {
    const db = handle.db;
    const { files } = await getCourseExercise(db, instructor, "ml", "ml-double");
    for (const format of ["zip", "tar.gz"] as const) {
      const exported = await exportCourseExercise(db, instructor, "ml", "ml-double", format);
      expect(exported.filename).toBe(`ml-double.${format}`);
      const imported = await importCourseExercise(db, instructor, "ml", exported.bytes, sandbox);
      expect(imported).toMatchObject({ ok: true, id: "ml-double", created: false });
      if (imported.ok) expect(imported.check.version).toBe(hashPackageFiles(files));
      expect((await getCourseExercise(db, instructor, "ml", "ml-double")).files).toEqual(files);
    }
    const created = await importCourseExercise(db, instructor, "ml", writeArchive("zip", "ml-double-copy", doubleFiles("ml-double-copy")), sandbox);
    expect(created).toMatchObject({ ok: true, id: "ml-double-copy", created: true, check: { ok: true } });
    expect(await importCourseExercise(db, instructor, "ml", writeArchive("zip", "double-copy", doubleFiles("double-copy")), sandbox)).toMatchObject({ ok: false });
  }, 120_000);

  it("copies a catalogue exercise as a data package that passes its check", async () => {
    const db = handle.db;
    const copy = await copyCatalogueExercise(db, instructor, "ml", { catalogueId: "softmax" });
    expect(copy).toEqual({ id: "ml-softmax", warnings: [] });
    const check = await checkDraft(db, instructor, "ml", copy.id, undefined, sandbox);
    expect(check.ok, JSON.stringify(check)).toBe(true);
    // Copying it again is a second copy, not a conflict; a chosen name that is taken is one.
    expect((await copyCatalogueExercise(db, instructor, "ml", { catalogueId: "softmax" })).id).toBe("ml-softmax-2");
    await expect(copyCatalogueExercise(db, instructor, "ml", { catalogueId: "softmax", name: "softmax" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(copyCatalogueExercise(db, instructor, "ml", { catalogueId: "ml-double" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(copyCatalogueExercise(db, instructor, "ml", { catalogueId: "no-such-exercise" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  }, 120_000);

  it("limits an author's sandbox work per minute", async () => {
    const db = handle.db;
    const results: unknown[] = [];
    for (let i = 0; i <= AUTHORING_RATE.limit; i++) results.push(await tryDraft(db, outsider, "other", "ml-double", RIGHT, {}, sandbox).catch((error: unknown) => error));
    // Refused as not found before any budget is spent: another course's exercise costs nothing.
    expect(results.every((result) => (result as { code?: string }).code === "NOT_FOUND")).toBe(true);
    const { id } = await createCourseExercise(db, outsider, "other", { kind: "code", name: "double" });
    const spent: unknown[] = [];
    for (let i = 0; i <= AUTHORING_RATE.limit; i++) spent.push(await tryDraft(db, outsider, "other", id, RIGHT, { examplesOnly: true }, sandbox).catch((error: unknown) => error));
    expect(spent.at(-1)).toMatchObject({ code: "RATE_LIMITED" });
    expect(spent.slice(0, AUTHORING_RATE.limit - 2).every((result) => (result as { status?: string }).status === "graded")).toBe(true);
  }, 240_000);

  it("sync leaves course exercises alone and reports a catalogue id one of them has", async () => {
    const db = handle.db;
    const softmax = (await loadCatalogue(undefined, ["softmax"])).exercises[0]!;
    const impostor: LoadedExercise = { ...softmax, pkg: { ...softmax.pkg, exercise: { ...softmax.pkg.exercise, id: "ml-double" } } as LoadedExercise["pkg"] };
    const lines: string[] = [];
    const report = await syncExercises(db, [softmax, impostor], { log: (line) => lines.push(line) });
    expect(report.taken).toEqual(["ml-double"]);
    expect(lines.join("\n")).toContain("ml-double");
    const [row] = await db.select().from(exercises).where(eq(exercises.id, "ml-double"));
    expect(row).toMatchObject({ courseId: course.id, title: "Double it" });
  }, 120_000);
});
