import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { is } from "drizzle-orm";
import { PgTable, getTableConfig } from "drizzle-orm/pg-core";
import type { DatabaseHandle } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import type { User } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { createAssignment } from "@/lib/courses/assignments";
import { createAssessment, listCourseAssessments } from "@/lib/courses/assessments";
import { addExerciseToAssessment } from "@/lib/courses/assessment-items";
import { getAssessmentBuilder } from "@/lib/courses/assessment-builder";
import { createCourseExercise, publishDraft, saveDraft, setAuthoringSandbox } from "@/lib/authoring";
import { writeArchive } from "@/lib/exercises/archive";
import { inProcessAuthoringSandbox } from "./authoring/in-process-sandbox";
import { formatJoinCode, rotateJoinCode } from "@/lib/courses/join-code";
import { createGradeCategory } from "@/lib/courses/grade-categories";
import { createUser } from "@/lib/users/users";
import { addGroupMember, createAccommodationGroup, grantAccommodation } from "@/lib/accommodations";
import { ACTION_MATRIX, MATRIX_PASSWORD, ROLES, matrixPackage, type ActionFixture, type FormFields, type Role } from "../security/action-matrix";
import { compareWithMatrix, discoverActions } from "../security/app-surface";
import { testBackends } from "../helpers/test-database";
import { savePlatform } from "@/lib/lti/platforms";
import { startDeepLinking } from "@/lib/lti/deep-linking/start";

/**
 * The real exported server actions, called as each role: only the session (requireUser), Next's cache
 * revalidation and its redirect are replaced, so the role checks under test are the app's own.
 */
const session = vi.hoisted(() => {
  // The LMS account link signs in (mints a session token), which needs the app's secret.
  process.env.AUTH_SECRET ??= "action-matrix-test-secret-0123456789abcdefghij";
  return { user: null as User | null, redirectedTo: null as string | null };
});

vi.mock("@/lib/auth/guards", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/guards")>();
  const { AppError } = await import("@/lib/errors");
  return {
    ...original,
    requireUser: async () => {
      if (!session.user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
      return session.user;
    },
    requireUserAllowingPasswordChange: async () => {
      if (!session.user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
      return session.user;
    },
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// Outside a request: no headers, and a cookie jar that keeps nothing (the LMS account link signs in through it).
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    session.redirectedTo = url;
  },
  notFound: () => {
    throw new Error("notFound() in a server action");
  },
}));

const processDb = globalThis as typeof globalThis & { __tensorgradeDb?: Promise<DatabaseHandle> };

type ServerAction = (previous: unknown, form: FormData) => Promise<unknown>;

async function loadAction(key: string): Promise<ServerAction> {
  const [file, name] = key.split("#") as [string, string];
  const exports = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, ServerAction>;
  return exports[name]!;
}

function formData(fields: FormFields): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const entry of Array.isArray(value) ? value : [value]) data.append(key, entry);
  return data;
}

/** Every row of every table, in a stable order: a refused call must leave all of it as it was. */
async function snapshot(handle: DatabaseHandle): Promise<Record<string, string[]>> {
  const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
  const result: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = (await handle.db.select().from(table)) as unknown[];
    result[getTableConfig(table).name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return result;
}

describe("the server action matrix", () => {
  it("has an entry for every exported server action, and none for an action that no longer exists", () => {
    const found = discoverActions();
    expect(found.length, "server actions found under app/").toBeGreaterThan(5);
    const { missing, stale } = compareWithMatrix(found, Object.keys(ACTION_MATRIX));
    expect(missing, `server actions without an entry in tests/security/action-matrix.ts: ${missing.join(", ")}`).toEqual([]);
    expect(stale, `entries in tests/security/action-matrix.ts for actions that are gone: ${stale.join(", ")}`).toEqual([]);
  });
});

describe.each(testBackends())("every server action as every role on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  const users = {} as Record<Exclude<Role, "anonymous">, User>;
  let fixture: ActionFixture;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    processDb.__tensorgradeDb = Promise.resolve(handle);
    const db = handle.db;
    const course = await createCourse(db, { slug: "nn", title: "Neural networks", timeZone: "Europe/Berlin" });
    const other = await createCourse(db, { slug: "other", title: "Other course" });
    users.instructor = await createUser(db, { email: "teach@example.org", name: "Teach", password: MATRIX_PASSWORD });
    users.ta = await createUser(db, { email: "ta@example.org", name: "Assistant", password: MATRIX_PASSWORD });
    users.student = await createUser(db, { email: "learn@example.org", name: "Learn", password: MATRIX_PASSWORD });
    users.otherInstructor = await createUser(db, { email: "elsewhere@example.org", name: "Elsewhere", password: MATRIX_PASSWORD });
    users.admin = await createUser(db, { email: "root@example.org", name: "Root", password: MATRIX_PASSWORD, isAdmin: true });
    const bystander = await createUser(db, { email: "bystander@example.org", name: "Bystander", password: MATRIX_PASSWORD });
    await enrolUser(db, course.id, users.instructor.id, "instructor");
    await enrolUser(db, course.id, users.ta.id, "ta");
    await enrolUser(db, course.id, users.student.id, "student");
    await enrolUser(db, course.id, bystander.id, "student");
    await enrolUser(db, other.id, users.otherInstructor.id, "instructor");
    await db.insert(schema.exercises).values([
      { id: "adam", title: "Adam", topic: "Optimizers", kind: "code", points: 10, difficulty: "medium", currentVersion: "a" },
      { id: "softmax", title: "Softmax", topic: "Activation functions", kind: "code", points: 7, difficulty: "easy", currentVersion: "b" },
      { id: "relu", title: "ReLU", topic: "Activation functions", kind: "code", points: 5, difficulty: "easy", currentVersion: "c" },
      { id: "momentum", title: "Momentum", topic: "Optimizers", kind: "code", points: 8, difficulty: "easy", currentVersion: "d" },
    ]);
    const assignment = await createAssignment(db, course.id, { exerciseId: "adam" });
    const removable = await createAssignment(db, course.id, { exerciseId: "relu" });
    // A course exercise (a draft made from the code template) for the editor's actions; checks and tries
    // run in this process's sandbox.
    setAuthoringSandbox(inProcessAuthoringSandbox());
    const { id: courseExerciseId } = await createCourseExercise(db, users.instructor, course.slug, { kind: "code", name: "matrix" });
    let movable: Promise<{ assignmentId: string; version: string }> | undefined;
    let gradeCategory: Promise<string> | undefined;
    let removableCategory: Promise<string> | undefined;
    let overriddenSubmit: Promise<string> | undefined;
    const publishVersion = async (id: string, files: Record<string, string>) => {
      await saveDraft(db, users.instructor, course.slug, id, files);
      return (await publishDraft(db, users.instructor, course.slug, id)).version;
    };
    const movableAssignment = () =>
      (movable ??= (async () => {
        const { id } = await createCourseExercise(db, users.instructor, course.slug, { kind: "code", name: "movable" });
        const first = await publishVersion(id, matrixPackage(id));
        const assignment = await createAssignment(db, course.id, { exerciseId: id });
        const second = await publishVersion(id, { ...matrixPackage(id), "prompt.md": "Return the argument, unchanged.\n" });
        expect(second).not.toBe(first);
        return { assignmentId: assignment.id, version: second };
      })());
    const packageArchive = async () => {
      const id = `${course.slug}-imported-${Date.now().toString(36)}`;
      return new File([new Uint8Array(writeArchive("zip", id, matrixPackage(id)))], `${id}.zip`, { type: "application/zip" });
    };
    // Regrade requests: graded Submits stored as the grader leaves them; the requests the resolve entry answers
    // are a student's of their own, so that no other entry's removals or role changes reach them.
    // On an exercise of their own: the grade-again entry regrades `assignmentId`'s Submits for real.
    const regradeStudent = await createUser(db, { email: "regrade@example.org", name: "Regrade Student", password: MATRIX_PASSWORD });
    await enrolUser(db, course.id, regradeStudent.id, "student");
    await db.insert(schema.exercises).values({ id: "reviewed", title: "Reviewed", topic: "Optimizers", kind: "code", points: 3, difficulty: "easy", currentVersion: "r" });
    const reviewed = await createAssignment(db, course.id, { exerciseId: "reviewed" });
    const gradedSubmit = async (userId: string) => {
      const [row] = await db
        .insert(schema.submissions)
        .values({ userId, assignmentId: reviewed.id, exerciseId: "reviewed", exerciseVersion: "r", variantSeed: 1, mode: "submit", code: "// matrix", status: "graded", verdict: "graded", score: 0.5, gradedAt: new Date() })
        .returning();
      return row!.id;
    };
    const openRegradeRequestId = async () => {
      const submissionId = await gradedSubmit(regradeStudent.id);
      const [row] = await db
        .insert(schema.regradeRequests)
        .values({ submissionId, userId: regradeStudent.id, assignmentId: reviewed.id, courseId: course.id, message: "Matrix request." })
        .returning();
      return row!.id;
    };
    const accommodationStudent = await createUser(db, { email: "extra-time@example.org", name: "Extra Time", password: MATRIX_PASSWORD });
    await enrolUser(db, course.id, accommodationStudent.id, "student");
    const accommodationScope = { courseId: course.id, actorId: users.instructor.id };
    let groups = 0;
    let scratch: Promise<string> | undefined;
    let removableAssessment: Promise<string> | undefined;
    let manualAssessment: Promise<string> | undefined;
    const scratchAssessment = async () => {
      const assessmentId = await (scratch ??= (async () => {
        const { id } = await createAssessment(db, course.id, { title: "Matrix scratch" });
        for (const exerciseId of ["adam", "relu"]) await addExerciseToAssessment(db, course.id, id, { exerciseId });
        return id;
      })());
      const { items } = await getAssessmentBuilder(db, course.id, assessmentId);
      return { assessmentId, itemIds: items.map((item) => item.assignment.id) };
    };
    // An LMS whose deep linking requests the instructor answers (nothing is sent to it: the browser posts the answer).
    const lmsPlatformId = await savePlatform(
      db,
      { issuer: "https://lms.example", clientId: "matrix-client", authLoginUrl: "https://lms.example/auth", authTokenUrl: "https://lms.example/token", jwksUrl: "https://lms.example/jwks", deploymentIds: ["matrix-deployment"] },
      "manual",
    );
    const deepLinkRequestId = () =>
      startDeepLinking(db, {
        platformId: lmsPlatformId,
        deploymentId: "matrix-deployment",
        userId: users.instructor.id,
        contextRowId: null,
        returnUrl: "https://lms.example/deep-link-return",
        data: null,
        acceptTypes: ["ltiResourceLink"],
        acceptMultiple: true,
      });
    let lmsContext: Promise<string> | undefined;
    const lmsContextRowId = () =>
      (lmsContext ??= (async () => {
        const platformId = await savePlatform(
          db,
          { issuer: "https://lms.matrix.example", clientId: "matrix", authLoginUrl: "https://lms.matrix.example/auth", authTokenUrl: "https://lms.matrix.example/token", jwksUrl: "https://lms.matrix.example/jwks", deploymentIds: ["d1"] },
          "manual",
        );
        const [row] = await db.insert(schema.ltiContexts).values({ platformId, deploymentId: "d1", contextId: "matrix-lms-course", courseId: course.id }).returning({ id: schema.ltiContexts.id });
        return row!.id;
      })());
    const linkedAccount = await createUser(db, { email: "lms-linked@example.org", name: "LMS Linked", password: MATRIX_PASSWORD });
    let pendingLinks = 0;
    const pendingLinkId = async () => {
      const [row] = await db
        .insert(schema.ltiPendingLinks)
        .values({ platformId: lmsPlatformId, sub: `matrix-sub-${++pendingLinks}`, userId: linkedAccount.id, redirectPath: "/", expiresAt: new Date(Date.now() + 15 * 60 * 1000) })
        .returning({ id: schema.ltiPendingLinks.id });
      return row!.id;
    };
    fixture = {
      pendingLinkId,
      courseId: course.id,
      deepLinkRequestId,
      lmsContextRowId,
      gradedSubmissionId: () => gradedSubmit(users.student.id),
      openRegradeRequestId,
      accommodationStudentId: accommodationStudent.id,
      accommodationStudentEmail: accommodationStudent.email,
      freshGroup: async (withMember = false) => {
        const group = await createAccommodationGroup(db, accommodationScope, `matrix group ${++groups}`);
        if (withMember) await addGroupMember(db, accommodationScope, group.id, { userId: accommodationStudent.id });
        return group.id;
      },
      freshAccommodation: async () => (await grantAccommodation(db, accommodationScope, { target: { userId: accommodationStudent.id }, assessmentId: null, extraAttempts: 1 })).id,
      slug: course.slug,
      assignmentId: assignment.id,
      assessmentId: assignment.assessmentId,
      scratchAssessment,
      removableAssessmentId: () => (removableAssessment ??= createAssessment(db, course.id, { title: "Matrix removable" }).then((row) => row.id)),
      manualReleaseAssessment: () => (manualAssessment ??= createAssessment(db, course.id, { title: "Matrix held back", releasePolicy: "manual" }).then((row) => row.id)),
      assessmentOrder: async () => (await listCourseAssessments(db, course.id)).map(({ assessment }) => assessment.id),
      removableAssignmentId: removable.id,
      bystanderId: bystander.id,
      otherSlug: other.slug,
      courseExerciseId,
      movableAssignment,
      packageArchive,
      freshJoinCode: async () => formatJoinCode(await rotateJoinCode(db, course.id)),
      // On an assignment of its own: a Submit on `assignmentId` would give the regrade entry jobs to queue.
      gradedSubmitId: () =>
        (overriddenSubmit ??= (async () => {
          const own = await createAssignment(db, course.id, { exerciseId: "momentum" });
          const [row] = await db
            .insert(schema.submissions)
            .values({ userId: accommodationStudent.id, assignmentId: own.id, exerciseId: "momentum", exerciseVersion: "d", variantSeed: 1, mode: "submit", code: "// matrix", status: "graded", verdict: "graded", score: 0.5, gradedAt: new Date() })
            .returning({ id: schema.submissions.id });
          return row!.id;
        })()),
      gradeCategory: () => (gradeCategory ??= createGradeCategory(db, course.id, { name: "Matrix homework", weight: 40 }).then((row) => row.id)),
      removableGradeCategory: () => (removableCategory ??= createGradeCategory(db, course.id, { name: "Matrix removable", weight: 5 }).then((row) => row.id)),
    };
  });
  afterAll(async () => {
    processDb.__tensorgradeDb = undefined;
    setAuthoringSandbox(undefined);
    session.user = null;
    await drop?.();
  });

  const entries = Object.entries(ACTION_MATRIX);

  it.each(entries)("%s refuses every role it does not allow and changes nothing", async (key, entry) => {
    const act = await loadAction(key);
    expect(act, `${key} is exported`).toBeTypeOf("function");
    for (const role of ROLES.filter((r) => !entry.allowed.includes(r))) {
      const form = formData(await entry.form(fixture));
      const before = await snapshot(handle);
      session.user = role === "anonymous" ? null : users[role];
      session.redirectedTo = null;
      const result = await act(undefined, form);
      session.user = null;
      // Not-found to the signed in, so that a course or admin area one has no part in looks absent.
      expect(result, `${key} as ${role}`).toMatchObject({ ok: false, code: role === "anonymous" ? "UNAUTHENTICATED" : "NOT_FOUND" });
      expect(session.redirectedTo, `${key} as ${role} redirects nowhere`).toBeNull();
      expect(await snapshot(handle), `${key} as ${role} changed the database`).toEqual(before);
    }
  });

  it.each(entries)("%s accepts the matrix's form from every role it allows", async (key, entry) => {
    const act = await loadAction(key);
    for (const role of entry.allowed) {
      const form = formData(await entry.form(fixture));
      session.user = role === "anonymous" ? null : users[role as Exclude<Role, "anonymous">];
      session.redirectedTo = null;
      const result = await act(undefined, form);
      session.user = null;
      // Actions that redirect on success return nothing once redirect() has been called.
      if (session.redirectedTo === null) expect(result, `${key} as ${role}`).toMatchObject({ ok: true });
    }
  });
});
