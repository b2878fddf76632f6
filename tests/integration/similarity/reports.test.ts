import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { createAssignment } from "@/lib/courses/assignments";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { similarityReports, submissions, type Assignment, type Course, type User } from "@/lib/db/schema";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { analyseSimilarity } from "@/lib/similarity/analyse";
import { getAssessmentSimilarity, requestAssessmentSimilarity } from "@/lib/similarity/assessment-similarity";
import { exportSimilarityCsv } from "@/lib/similarity/csv";
import { getSimilarityOverview } from "@/lib/similarity/report-overview";
import { getSimilarityPair } from "@/lib/similarity/report-pair";
import { readStoredResult } from "@/lib/similarity/report-result";
import { failSimilarityReport, runSimilarityReport, SUPERSEDED } from "@/lib/similarity/report-run";
import { listLatestSubmissions } from "@/lib/similarity/report-set";
import { getReportProgress, listReports, loadReportResult, requestSimilarityReport, type SendSimilarityJob } from "@/lib/similarity/reports";
import { createUser } from "@/lib/users/users";
import { testBackends } from "../../helpers/test-database";
import { DISGUISED_COPY, INDEPENDENT_MAP, INDEPENDENT_TFJS, ORIGINAL } from "./code-samples";

describe.each(testBackends())("similarity reports on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let course: Course;
  let instructor: User, ta: User, ann: User, ben: User, cai: User, dee: User, student: User, outsider: User;
  let assignment: Assignment, quizAssignment: Assignment;
  const sent: string[] = [];
  const send: SendSimilarityJob = async (_tx, reportId) => {
    sent.push(reportId);
  };
  let clock = Date.UTC(2026, 0, 1);

  /** A graded attempt written straight to the table (the similarity code reads code and mode only). */
  async function attempt(user: User, code: string, options: { mode?: "run" | "submit"; assignmentId?: string | null } = {}): Promise<string> {
    clock += 60_000;
    const [row] = await handle.db
      .insert(submissions)
      .values({
        userId: user.id,
        assignmentId: options.assignmentId === undefined ? assignment.id : options.assignmentId,
        exerciseId: "adagrad",
        exerciseVersion: "v",
        mode: options.mode ?? "submit",
        code,
        variantSeed: 1,
        status: "graded",
        score: 1,
        createdAt: new Date(clock),
      })
      .returning({ id: submissions.id });
    return row!.id;
  }

  const input = () => ({ courseSlug: course.slug, assignmentId: assignment.id });
  const reportRow = async (id: string) => (await handle.db.select().from(similarityReports).where(eq(similarityReports.id, id)))[0]!;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    const catalogue = await loadCatalogue(undefined, ["adagrad", "steps-per-epoch"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    course = await createCourse(handle.db, { slug: "sim", title: "Similarity" });
    const other = await createCourse(handle.db, { slug: "sim-other", title: "Other" });
    const make = (name: string) => createUser(handle.db, { email: `${name.toLowerCase().replace(/[^a-z]/g, "")}@example.org`, name });
    [instructor, ta, ann, ben, cai, dee, student, outsider] = await Promise.all(["Ines", "Tom", "Ann", "Ben", "Cai", "=HYPERLINK(Dee)", "Sam", "Xan"].map(make)) as [User, User, User, User, User, User, User, User];
    await enrolUser(handle.db, course.id, instructor.id, "instructor");
    await enrolUser(handle.db, course.id, ta.id, "ta");
    for (const member of [ann, ben, cai, dee, student]) await enrolUser(handle.db, course.id, member.id, "student");
    await enrolUser(handle.db, other.id, outsider.id, "instructor");
    assignment = await createAssignment(handle.db, course.id, { exerciseId: "adagrad" });
    quizAssignment = await createAssignment(handle.db, course.id, { exerciseId: "steps-per-epoch" });
  });
  afterAll(async () => {
    await drop?.();
  });

  it("analyses each student's latest Submit only: no runs, no staff attempts, no previews", async () => {
    expect(await requestSimilarityReport(handle.db, instructor, input(), send)).toEqual({ kind: "too-few", reportId: null, submissions: 0 });
    await attempt(ann, INDEPENDENT_MAP);
    const annLatest = await attempt(ann, ORIGINAL);
    await attempt(ann, "export const adagradStep = () => 0;", { mode: "run" });
    const benLatest = await attempt(ben, DISGUISED_COPY);
    const caiLatest = await attempt(cai, INDEPENDENT_TFJS);
    await attempt(dee, INDEPENDENT_MAP, { mode: "run" });
    await attempt(instructor, ORIGINAL);
    await attempt(ta, ORIGINAL, { assignmentId: null });

    const latest = await listLatestSubmissions(handle.db, assignment);
    expect(latest.map((row) => [row.name, row.submissionId])).toEqual([
      ["Ann", annLatest],
      ["Ben", benLatest],
      ["Cai", caiLatest],
    ]);
    expect(sent).toEqual([]);
  });

  it("queues one report per set of submissions and reuses it when asked again", async () => {
    const first = await requestSimilarityReport(handle.db, instructor, input(), send);
    expect(first).toMatchObject({ kind: "queued", submissions: 3 });
    expect(sent).toEqual([first.reportId]);
    const again = await requestSimilarityReport(handle.db, ta, input(), send);
    expect(again).toEqual({ ...first, kind: "reused" });
    expect(sent).toHaveLength(1);
    expect(await handle.db.select({ id: similarityReports.id }).from(similarityReports)).toHaveLength(1);
    const overview = await getSimilarityOverview(handle.db, ta, input());
    expect(overview).toMatchObject({ outOfDate: false, newSubmissions: 0, result: null });
    expect(overview.report).toMatchObject({ id: first.reportId, status: "queued", requestedBy: instructor.id });
  });

  it("runs the job: progress on the row, then the ranked pairs; a second delivery changes nothing", async () => {
    const reportId = sent[0]!;
    const seen: Array<{ status: string; progress: number }> = [];
    const outcome = await runSimilarityReport(
      {
        db: handle.db,
        progressIntervalMs: 0,
        analyse: async (subs, boilerplate, options, onProgress) => {
          onProgress?.(0.4);
          await new Promise((resolve) => setTimeout(resolve, 20));
          const row = await reportRow(reportId);
          seen.push({ status: row.status, progress: row.progress });
          return analyseSimilarity(subs, boilerplate, options, onProgress);
        },
      },
      reportId,
    );
    expect(outcome).toBe("done");
    expect(seen[0]).toEqual({ status: "running", progress: expect.closeTo(0.4, 5) as number });
    const row = await reportRow(reportId);
    expect(row).toMatchObject({ status: "done", progress: 1, error: null });
    expect(row.startedAt).not.toBeNull();
    expect(row.finishedAt).not.toBeNull();
    const result = readStoredResult(row.result)!;
    expect(result.totalPairs).toBe(3);
    const ids = new Set(row.submissionIds);
    expect(result.pairs.every((pair) => ids.has(pair.a) && ids.has(pair.b))).toBe(true);
    // The disguised copy is the most similar pair, flagged; the others are not.
    const latest = await listLatestSubmissions(handle.db, assignment);
    const idOf = (name: string) => latest.find((entry) => entry.name === name)!.submissionId;
    expect(new Set([result.pairs[0]!.a, result.pairs[0]!.b])).toEqual(new Set([idOf("Ann"), idOf("Ben")]));
    expect(result.pairs[0]!.flagged).toBe(true);
    expect(result.flaggedPairs).toBe(result.pairs.filter((pair) => pair.flagged).length);
    expect(result.pairs[1]!.similarity).toBeLessThan(result.pairs[0]!.similarity);

    expect(await runSimilarityReport({ db: handle.db }, reportId)).toBe("skipped");
    expect(await reportRow(reportId)).toEqual(row);
    await failSimilarityReport(handle.db, reportId, "dead letter");
    expect((await reportRow(reportId)).status).toBe("done");
    expect(await getReportProgress(handle.db, ta, { ...input(), reportId })).toEqual({ id: reportId, status: "done", progress: 1, error: null });
  });

  it("shows the pairs with the students, compares a pair as the report did, and exports the same pairs as CSV", async () => {
    const overview = await getSimilarityOverview(handle.db, instructor, input());
    const result = overview.result!;
    expect(overview.pairs.map((pair) => [pair.rank, pair.a.submissionId, pair.b.submissionId])).toEqual(result.pairs.map((pair, index) => [index + 1, pair.a, pair.b]));
    const top = overview.pairs[0]!;
    expect(new Set([top.a.name, top.b.name])).toEqual(new Set(["Ann", "Ben"]));

    const view = await getSimilarityPair(handle.db, ta, { ...input(), a: top.a.submissionId, b: top.b.submissionId });
    expect(view.similarity).toBeCloseTo(top.similarity, 10);
    expect(view.flagged).toBe(true);
    expect(view.fragments.length).toBeGreaterThan(0);
    expect([view.a.code, view.b.code].sort()).toEqual([DISGUISED_COPY, ORIGINAL].sort());

    const { csv } = await exportSimilarityCsv(handle.db, instructor, input());
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("rank,student_a_name,student_a_email,student_b_name,student_b_email,similarity_percent,flagged,longest_fragment_tokens,submission_a,submission_b");
    expect(lines).toHaveLength(1 + result.pairs.length);
    expect(lines[1]).toBe(
      [1, top.a.name, top.a.email, top.b.name, top.b.email, Math.round(top.similarity * 1000) / 10, "yes", top.longestFragment, top.a.submissionId, top.b.submissionId].join(","),
    );
  });

  it("says the report is out of date after a new submission, and analyses the new set on request", async () => {
    const before = (await getSimilarityOverview(handle.db, instructor, input())).report!;
    await attempt(dee, `export function adagradStep(w: number[]) { return { w, accumulator: w.map(() => 0) }; }`);
    const overview = await getSimilarityOverview(handle.db, instructor, input());
    expect(overview.report!.id).toBe(before.id);
    expect(overview).toMatchObject({ outOfDate: true, newSubmissions: 1 });
    const started = await requestSimilarityReport(handle.db, instructor, input(), send);
    expect(started).toMatchObject({ kind: "queued", submissions: 4 });
    expect(started.reportId).not.toBe(before.id);
    expect(sent.at(-1)).toBe(started.reportId);
    const now = await getSimilarityOverview(handle.db, instructor, input());
    expect(now).toMatchObject({ outOfDate: false, newSubmissions: 0 });
    expect(now.report!.id).toBe(started.reportId);
  });

  it("ends a report failed with the reason when the analysis throws, and queues it again when asked", async () => {
    const reportId = sent.at(-1)!;
    const outcome = await runSimilarityReport({ db: handle.db, log: () => {}, analyse: () => Promise.reject(new Error("tokenizer exploded")) }, reportId);
    expect(outcome).toBe("failed");
    expect(await reportRow(reportId)).toMatchObject({ status: "failed", error: "The analysis failed: tokenizer exploded", result: null });
    const overview = await getSimilarityOverview(handle.db, instructor, input());
    expect(overview.report).toMatchObject({ id: reportId, status: "failed" });
    expect(overview.outOfDate).toBe(false);

    const sentBefore = sent.length;
    const retried = await requestSimilarityReport(handle.db, instructor, input(), send);
    expect(retried).toMatchObject({ kind: "queued", reportId });
    expect(sent).toHaveLength(sentBefore + 1);
    expect(await reportRow(reportId)).toMatchObject({ status: "queued", error: null, progress: 0 });
    // A dead letter (every delivery failed) ends it failed; once final it stays so.
    await failSimilarityReport(handle.db, reportId, "The analysis stopped on every one of its 3 tries; ask for it again.");
    expect(await reportRow(reportId)).toMatchObject({ status: "failed", error: "The analysis stopped on every one of its 3 tries; ask for it again." });
    expect(await runSimilarityReport({ db: handle.db }, reportId)).toBe("skipped");
  });

  it("the assessment page lists its code exercises, and Analyse all queues what is missing", async () => {
    const view = await getAssessmentSimilarity(handle.db, instructor, { courseSlug: course.slug, assessmentId: assignment.assessmentId });
    expect(view.rows).toEqual([expect.objectContaining({ assignmentId: assignment.id, submissions: 4, status: "failed" })]);
    const sentBefore = sent.length;
    expect(await requestAssessmentSimilarity(handle.db, ta, { courseSlug: course.slug, assessmentId: assignment.assessmentId }, send)).toEqual({ queued: 1, reused: 0, tooFew: 0 });
    expect(sent).toHaveLength(sentBefore + 1);
    await runSimilarityReport({ db: handle.db }, sent.at(-1)!);
    const after = await getAssessmentSimilarity(handle.db, instructor, { courseSlug: course.slug, assessmentId: assignment.assessmentId });
    expect(after.rows[0]).toMatchObject({ status: "done", outOfDate: false });
    expect(after.rows[0]!.flaggedPairs).toBeGreaterThanOrEqual(1);
    expect(await requestAssessmentSimilarity(handle.db, ta, { courseSlug: course.slug, assessmentId: assignment.assessmentId }, send)).toEqual({ queued: 0, reused: 1, tooFew: 0 });
  });

  it("defuses student names in the CSV", async () => {
    const { csv } = await exportSimilarityCsv(handle.db, instructor, input());
    expect(csv).toContain("'=HYPERLINK(Dee)");
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it("answers not-found to a student, another course's instructor, and for a quiz, at every entry point", async () => {
    const { report, result: shown } = await getSimilarityOverview(handle.db, instructor, input());
    const result = shown!;
    const pair = { a: result.pairs[0]!.a, b: result.pairs[0]!.b };
    const calls = (user: User, assignmentId: string): Array<() => Promise<unknown>> => [
      () => getSimilarityOverview(handle.db, user, { courseSlug: course.slug, assignmentId }),
      () => requestSimilarityReport(handle.db, user, { courseSlug: course.slug, assignmentId }, send),
      () => getReportProgress(handle.db, user, { courseSlug: course.slug, assignmentId, reportId: report!.id }),
      () => exportSimilarityCsv(handle.db, user, { courseSlug: course.slug, assignmentId }),
      () => getSimilarityPair(handle.db, user, { courseSlug: course.slug, assignmentId, ...pair }),
      () => getAssessmentSimilarity(handle.db, user, { courseSlug: course.slug, assessmentId: assignment.assessmentId }),
      () => requestAssessmentSimilarity(handle.db, user, { courseSlug: course.slug, assessmentId: assignment.assessmentId }, send),
    ];
    const sentBefore = sent.length;
    for (const [user, assignmentId] of [
      [student, assignment.id],
      [ann, assignment.id],
      [outsider, assignment.id],
      [instructor, quizAssignment.id],
    ] as const) {
      const all = calls(user, assignmentId);
      // The assessment entry points take no assignment: the instructor may open the quiz's assessment.
      const checked = user === instructor ? all.slice(0, 5) : all;
      for (const call of checked) await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(getSimilarityPair(handle.db, instructor, { ...input(), a: pair.a, b: pair.a })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getReportProgress(handle.db, instructor, { ...input(), reportId: "not-a-uuid" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // 36 characters of hex digits and hyphens that are no uuid: not-found, not the database's cast error.
    const hyphens = "-".repeat(36);
    await expect(getReportProgress(handle.db, instructor, { ...input(), reportId: hyphens })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exportSimilarityCsv(handle.db, instructor, { ...input(), reportId: "abcdef".repeat(6) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getSimilarityOverview(handle.db, instructor, { courseSlug: course.slug, assignmentId: hyphens })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAssessmentSimilarity(handle.db, instructor, { courseSlug: course.slug, assessmentId: hyphens })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(sent).toHaveLength(sentBefore);
  });

  /** A report row of the assignment written straight to the table, `minutesAgo` old. */
  async function insertReport(key: string, minutesAgo: number, values: Partial<typeof similarityReports.$inferInsert> = {}): Promise<string> {
    const latest = await listLatestSubmissions(handle.db, assignment);
    const [row] = await handle.db
      .insert(similarityReports)
      .values({
        courseId: course.id,
        assignmentId: assignment.id,
        exerciseId: "adagrad",
        exerciseVersion: "v",
        submissionsKey: key,
        submissionIds: latest.map((entry) => entry.submissionId),
        createdAt: new Date(Date.now() - minutesAgo * 60_000),
        ...values,
      })
      .returning({ id: similarityReports.id });
    return row!.id;
  }

  it("lists reports without their results, and loads the one result a page shows", async () => {
    const reports = await listReports(handle.db, assignment.id);
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) expect(report).not.toHaveProperty("result");
    const done = reports.find((report) => report.status === "done")!;
    expect((await loadReportResult(handle.db, done.id))!.totalPairs).toBe(6);
  });

  it("skips a report that a newer one of its assignment superseded, and a finished report deletes the older finished ones", async () => {
    const exerciseVersion = (await listReports(handle.db, assignment.id))[0]!.exerciseVersion;
    const oldDone = await insertReport("old-done", 300, { exerciseVersion, status: "done", result: null });
    const oldFailed = await insertReport("old-failed", 200, { exerciseVersion, status: "failed", error: "x" });
    const older = await insertReport("older-queued", 100, { exerciseVersion });
    const newer = await insertReport("newer-queued", 50, { exerciseVersion });
    const newest = await insertReport("newest-queued", -5, { exerciseVersion });

    expect(await runSimilarityReport({ db: handle.db, log: () => {} }, older)).toBe("superseded");
    expect(await reportRow(older)).toMatchObject({ status: "failed", error: SUPERSEDED, result: null });

    // The newest queued one is newer still: `newer` is superseded too. Run the newest: it prunes.
    expect(await runSimilarityReport({ db: handle.db, log: () => {} }, newest)).toBe("done");
    const left = await listReports(handle.db, assignment.id);
    const ids = left.map((report) => report.id);
    expect(ids).toContain(newest);
    // Queued `newer` stays (its job will skip it); finished older ones are gone.
    expect(ids).toContain(newer);
    for (const gone of [oldDone, oldFailed, older]) expect(ids).not.toContain(gone);
    expect(left.filter((report) => report.status === "done").map((report) => report.id)).toEqual([newest]);
    expect(await runSimilarityReport({ db: handle.db, log: () => {} }, newer)).toBe("superseded");
  });

  it("leaves a report for another delivery when loading its submissions fails in the database", async () => {
    const exerciseVersion = (await listReports(handle.db, assignment.id))[0]!.exerciseVersion;
    // A submission id the uuid column cannot cast: the load's query throws, as a lost connection would.
    const broken = await insertReport("broken-load", -10, { exerciseVersion, submissionIds: ["not-a-uuid", "neither"] });
    await expect(runSimilarityReport({ db: handle.db, log: () => {} }, broken)).rejects.toThrow();
    expect((await reportRow(broken)).status).toBe("running");
  });
});
