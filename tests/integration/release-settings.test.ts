import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { assessments, type User } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { getCourseAssessment } from "@/lib/courses/assessments";
import { assessmentFormValues } from "@/lib/courses/assessment-form";
import { createUser } from "@/lib/users/users";
import { createAssessmentHandlers } from "@/app/courses/[slug]/manage/assessments/handlers";
import { testBackends } from "../helpers/test-database";

// The handlers read the process-wide database (as guards do in the app); point it at the test database.
const processDb = globalThis as typeof globalThis & { __tensorgradeDb?: Promise<DatabaseHandle> };

const as = (user: User) => createAssessmentHandlers({ requireUser: async () => user, logError: vi.fn() });

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const entry of [value].flat()) data.append(key, entry);
  return data;
}

/** The form as the page posts it: the Run checkbox comes after its hidden "false". */
const NEW_FORM = {
  slug: "exam",
  title: "Midterm",
  categoryId: "",
  opensAt: "",
  dueAt: "2031-01-10T17:00",
  attemptLimit: "",
  latePolicy: "none",
  latePenaltyPerDay: "0",
  lateCutoffAt: "",
  timeLimitMinutes: "20",
  explanationRelease: "default",
  releasePolicy: "manual",
  hiddenTestDetail: "names_only",
  allowRun: "false",
  accessCode: "  owl-42  ",
};

describe.each(testBackends())("an assessment's release and exam settings on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let instructor: User, ta: User, student: User, outsider: User;
  let courseId: string;
  let examId: string;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    processDb.__tensorgradeDb = Promise.resolve(handle);
    const db = handle.db;
    const course = await createCourse(db, { slug: "exam", title: "Exams", timeZone: "Europe/Berlin" });
    courseId = course.id;
    const other = await createCourse(db, { slug: "other", title: "Other" });
    instructor = await createUser(db, { email: "teach@example.org", name: "Teach" });
    ta = await createUser(db, { email: "ta@example.org", name: "Assistant" });
    student = await createUser(db, { email: "learn@example.org", name: "Learn" });
    outsider = await createUser(db, { email: "elsewhere@example.org", name: "Elsewhere" });
    await enrolUser(db, course.id, instructor.id, "instructor");
    await enrolUser(db, course.id, ta.id, "ta");
    await enrolUser(db, course.id, student.id, "student");
    await enrolUser(db, other.id, outsider.id, "instructor");
  });
  afterAll(async () => {
    processDb.__tensorgradeDb = undefined;
    await drop?.();
  });

  it("creates an assessment with the four settings; a reload shows them, the access code trimmed", async () => {
    const result = await as(instructor).createAssessment(form(NEW_FORM));
    expect(result).toMatchObject({ ok: true });
    examId = (result as { data: { assessmentId: string } }).data.assessmentId;
    const saved = await getCourseAssessment(handle.db, courseId, examId);
    expect(saved).toMatchObject({ releasePolicy: "manual", hiddenTestDetail: "names_only", allowRun: false, accessCode: "owl-42", releasedAt: null });
    expect(assessmentFormValues(saved, "Europe/Berlin")).toMatchObject({ releasePolicy: "manual", hiddenTestDetail: "names_only", allowRun: "false", accessCode: "owl-42" });
  });

  it("saves a change of each setting (the Run box ticked again, the code cleared) and only those", async () => {
    const shown = assessmentFormValues(await getCourseAssessment(handle.db, courseId, examId), "Europe/Berlin");
    const typed = { ...shown, releasePolicy: "after_due", hiddenTestDetail: "nothing", accessCode: "   " };
    const result = await as(instructor).updateAssessment(
      form({ slug: "exam", assessmentId: examId, shown: JSON.stringify(shown), ...typed, allowRun: ["false", "true"] }),
    );
    expect(result).toEqual({
      ok: true,
      data: { message: "Saved Scores and feedback, Hidden tests shown to students, Students may Run during the assessment, Access code." },
    });
    const reloaded = assessmentFormValues(await getCourseAssessment(handle.db, courseId, examId), "Europe/Berlin");
    expect(reloaded).toEqual({ ...typed, allowRun: "true", accessCode: "" });

    // Unticking the box sends only the hidden "false": a change.
    const untick = await as(instructor).updateAssessment(form({ slug: "exam", assessmentId: examId, shown: JSON.stringify(reloaded), ...reloaded, allowRun: "false" }));
    expect(untick).toEqual({ ok: true, data: { message: "Saved Students may Run during the assessment." } });
    expect((await getCourseAssessment(handle.db, courseId, examId)).allowRun).toBe(false);
  });

  it("refuses an unknown policy, an unknown detail and a code over 64 characters, naming each field and saving nothing", async () => {
    const before = await getCourseAssessment(handle.db, courseId, examId);
    const shown = assessmentFormValues(before, "Europe/Berlin");
    const result = await as(instructor).updateAssessment(
      form({ slug: "exam", assessmentId: examId, shown: JSON.stringify(shown), ...shown, releasePolicy: "never", hiddenTestDetail: "all", accessCode: "x".repeat(65) }),
    );
    expect(result).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      fieldErrors: {
        releasePolicy: ["must be as soon as graded, after the due date or when you release them"],
        hiddenTestDetail: ["must be names and hints, names only or nothing until release"],
        accessCode: ["must be at most 64 characters"],
      },
    });
    expect(await getCourseAssessment(handle.db, courseId, examId)).toEqual(before);
  });

  it("releases and holds back under the manual policy only, and says when", async () => {
    const db = handle.db;
    const refused = await as(instructor).setRelease(form({ slug: "exam", assessmentId: examId, release: "release" }));
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await getCourseAssessment(db, courseId, examId)).releasedAt).toBeNull();

    const shown = assessmentFormValues(await getCourseAssessment(db, courseId, examId), "Europe/Berlin");
    await as(instructor).updateAssessment(form({ slug: "exam", assessmentId: examId, shown: JSON.stringify(shown), ...shown, releasePolicy: "manual" }));
    const before = Date.now();
    const released = await as(instructor).setRelease(form({ slug: "exam", assessmentId: examId, release: "release" }));
    expect(released).toMatchObject({ ok: true, data: { message: expect.stringMatching(/^Scores and feedback of Midterm released on .+: students see them now\.$/) } });
    const at = (await getCourseAssessment(db, courseId, examId)).releasedAt;
    expect(at!.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const held = await as(instructor).setRelease(form({ slug: "exam", assessmentId: examId, release: "hold" }));
    expect(held).toMatchObject({ ok: true, data: { message: "Scores and feedback of Midterm held back: students see \u201cSubmitted\u201d until you release them." } });
    expect((await getCourseAssessment(db, courseId, examId)).releasedAt).toBeNull();
  });

  it("refuses release to a student, a TA and another course's instructor (not found), changing nothing", async () => {
    const db = handle.db;
    const before = await db.select().from(assessments);
    for (const user of [student, ta, outsider]) {
      const result = await as(user).setRelease(form({ slug: "exam", assessmentId: examId, release: "release" }));
      expect(result, user.email).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    const elsewhere = await createCourse(db, { slug: "third", title: "Third" });
    await enrolUser(db, elsewhere.id, instructor.id, "instructor");
    expect(await as(instructor).setRelease(form({ slug: "third", assessmentId: examId, release: "release" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db.select().from(assessments)).toEqual(before);
  });
});
