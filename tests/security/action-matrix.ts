/**
 * Who may call each server action (every export of every app/**\/actions.ts). tests/integration/action-matrix.test.ts
 * calls each action as every role not listed in `allowed` (anonymous too) and checks that it is refused and
 * that no row of the database changed; then as each allowed role, to show that the form is one the action
 * accepts (so the refusals come from the role check, not from a malformed form). An action without an entry
 * fails that test.
 *
 * Adding an action: one entry, keyed "app/<folder>/actions.ts#<exportName>", with the roles that may call
 * it and a valid form for it (fields named as on the page's form).
 */

/** Who calls: nobody signed in, a member of the course in one of its roles, another course's instructor, or a site admin who is no member. */
export type Role = "anonymous" | "student" | "ta" | "otherInstructor" | "instructor" | "admin";
export const ROLES: readonly Role[] = ["anonymous", "student", "ta", "otherInstructor", "instructor", "admin"];

/** Ids of the test database's course, made by the test before any call. */
export interface ActionFixture {
  slug: string;
  /** The course's id. */
  courseId: string;
  /** An assignment of the course that stays. */
  assignmentId: string;
  /** An assignment of the course that the allowed removal may delete. */
  removableAssignmentId: string;
  /** A student of the course whom role changes and removals are aimed at. */
  bystanderId: string;
  /** The slug of the other instructor's course. */
  otherSlug: string;
  /** A course exercise of the course (a draft made from the code template). */
  courseExerciseId: string;
  /**
   * An assignment of a course exercise pinned to its first published version, with a second version
   * published (made on first call, then the same): what "Move to it" moves.
   */
  movableAssignment(): Promise<{ assignmentId: string; version: string }>;
  /** A valid exported package (.zip) of a new course exercise, as the import form uploads it. */
  packageArchive(): Promise<File>;
  /** The assessment of `assignmentId`. */
  assessmentId: string;
  /** An assessment with two exercises (made on first call), for the builder's item actions, with its items' ids as they are now. */
  scratchAssessment(): Promise<{ assessmentId: string; itemIds: string[] }>;
  /** An assessment that the allowed deletion may delete (made on first call). */
  removableAssessmentId(): Promise<string>;
  /** An assessment whose scores wait for the instructor's release (made on first call, then the same). */
  manualReleaseAssessment(): Promise<string>;
  /** The ids of every assessment of the course, in their order now. */
  assessmentOrder(): Promise<string[]>;
  /** A new join code for the course, made when asked (the join code may have been turned off by an earlier call). */
  freshJoinCode(): Promise<string>;
  /** A student of the course whom no other entry changes or removes: accommodations are granted to them. */
  accommodationStudentId: string;
  /** Their email, as the CSV and the group member form name them. */
  accommodationStudentEmail: string;
  /** A new accommodation group of the course (with the accommodation student in it when asked). */
  freshGroup(withMember?: boolean): Promise<string>;
  /** An accommodation of the accommodation student (on all assessments), made when there is none. */
  freshAccommodation(): Promise<string>;
  /** A graded Submit of the accommodation student, on an assignment of its own (made on first call, then the same): what score overrides change. */
  gradedSubmitId(): Promise<string>;
  /** A grade category of the course that stays (made on first call, then the same). */
  gradeCategory(): Promise<string>;
  /** A grade category of the course that the allowed removal may delete (made on first call, then the same). */
  removableGradeCategory(): Promise<string>;
  /** A new graded Submit of the matrix's student (made on each call, on an assignment of its own): what a regrade request asks about. */
  gradedSubmissionId(): Promise<string>;
  /** A new open regrade request of a student of the course (made on each call, no other entry touches it). */
  openRegradeRequestId(): Promise<string>;
  /** A new open LTI deep linking request of the course's instructor (made on each call), from an LMS course not yet linked. */
  deepLinkRequestId(): Promise<string>;
  /** An LMS course (lti_contexts row) linked to the course, without a memberships URL: a sync of it records why it cannot run (made on first call, then the same). */
  lmsContextRowId(): Promise<string>;
  /** A new pending LMS account link (made on each call) onto an account of its own whose password is MATRIX_PASSWORD, as a first launch leaves it. */
  pendingLinkId(): Promise<string>;
}

/** A form's fields; a list is sent as the field repeated (as a page sends several ids). */
export type FormFields = Record<string, string | File | string[]>;

export interface ActionEntry {
  /** The roles that may call it; every other role must get a refusal and change nothing. */
  allowed: readonly Role[];
  /** A valid form for the action: a refusal must come from who calls, not from what is sent. */
  form(fixture: ActionFixture): FormFields | Promise<FormFields>;
}

/** Every test user's password, so that an allowed change-password call can name the current one. */
export const MATRIX_PASSWORD = "matrix-current-password";

const COURSE_INSTRUCTOR: readonly Role[] = ["instructor"];
const COURSE_STAFF: readonly Role[] = ["ta", "instructor"];
const COURSE_STUDENT: readonly Role[] = ["student"];
const SITE_ADMIN: readonly Role[] = ["admin"];
const SIGNED_IN: readonly Role[] = ["student", "ta", "otherInstructor", "instructor", "admin"];

/** A small code package that passes its check: what the matrix saves, publishes and imports. */
export function matrixPackage(id: string): Record<string, string> {
  return {
    "exercise.json": `${JSON.stringify({ id, title: "Matrix", topic: "Matrix", points: 1, difficulty: "easy", kind: "code", exports: ["f"], examples: [{ name: "example", call: "f", args: [2] }], tests: [{ name: "one", call: "f", args: [1] }] }, null, 2)}\n`,
    "prompt.md": "Return the argument.\n",
    "starter.ts": "export function f(x: number) { return 0; }\n",
    "solution.ts": "export function f(x: number) { return x; }\n",
  };
}
/** The files as the editor sends them (JSON of name → text). */
const draftFor = (id: string) => JSON.stringify(matrixPackage(id));

/** The assessment form's fields, filled (no dates: nothing the other entries rely on changes). */
const ASSESSMENT_FORM = {
  categoryId: "",
  opensAt: "",
  dueAt: "",
  attemptLimit: "",
  latePolicy: "none",
  latePenaltyPerDay: "0",
  lateCutoffAt: "",
  timeLimitMinutes: "",
  explanationRelease: "default",
  releasePolicy: "immediately",
  hiddenTestDetail: "names_and_hints",
  allowRun: ["false", "true"],
  accessCode: "",
};

const csv = (text: string) => new File([text], "roster.csv", { type: "text/csv" });

/** A new manual LMS registration (made on each call, through the process's database), for the per-registration admin actions. */
async function matrixPlatformId(): Promise<string> {
  // Imported here: the Playwright specs that share this file never call it and must not load the database.
  const [{ getDatabase }, { savePlatform }] = await Promise.all([import("@/lib/db"), import("@/lib/lti/platforms")]);
  const { db } = await getDatabase();
  const issuer = `https://lms-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.example.edu`;
  return savePlatform(db, { issuer, clientId: "matrix", authLoginUrl: `${issuer}/auth`, authTokenUrl: `${issuer}/token`, jwksUrl: `${issuer}/jwks`, deploymentIds: ["1"] }, "manual");
}

export const ACTION_MATRIX: Record<string, ActionEntry> = {
  "app/admin/lti/actions.ts#saveRegistrationAction": {
    allowed: SITE_ADMIN,
    form: () => {
      const issuer = `https://saved-${Date.now().toString(36)}.example.edu`;
      return { name: "Matrix LMS", issuer, clientId: "matrix-client", deploymentIds: "1\n2", authLoginUrl: `${issuer}/auth`, authTokenUrl: `${issuer}/token`, jwksUrl: `${issuer}/jwks`, tokenAudience: "" };
    },
  },
  "app/admin/lti/actions.ts#deleteRegistrationAction": {
    allowed: SITE_ADMIN,
    form: async () => ({ platformId: await matrixPlatformId(), confirm: "yes" }),
  },
  "app/admin/lti/actions.ts#addDeploymentAction": {
    allowed: SITE_ADMIN,
    form: async () => ({ platformId: await matrixPlatformId(), deploymentId: "matrix-deployment" }),
  },
  "app/admin/lti/actions.ts#createRegistrationUrlAction": {
    allowed: SITE_ADMIN,
    form: () => ({ hours: "24" }),
  },
  "app/admin/lti/actions.ts#rotateKeyAction": {
    allowed: SITE_ADMIN,
    form: () => ({ confirm: "yes" }),
  },
  "app/admin/actions.ts#createCourseAction": {
    allowed: SITE_ADMIN,
    form: () => ({ slug: `made-${Date.now().toString(36)}`, title: "Made by the matrix", timeZone: "UTC", description: "" }),
  },
  "app/admin/actions.ts#grantInstructorAction": {
    allowed: SITE_ADMIN,
    form: ({ otherSlug }) => ({ courseSlug: otherSlug, email: `granted-${Date.now().toString(36)}@example.org`, name: "Granted" }),
  },
  "app/admin/actions.ts#setAccountDisabledAction": {
    allowed: SITE_ADMIN,
    // Disabling: a refused call would show as a changed row (the allowed admin's call runs after every refusal).
    form: ({ bystanderId }) => ({ userId: bystanderId, change: "disable" }),
  },
  "app/admin/actions.ts#signOutEverywhereAction": {
    allowed: SITE_ADMIN,
    form: ({ bystanderId }) => ({ userId: bystanderId }),
  },
  "app/admin/actions.ts#resetAccountPasswordAction": {
    allowed: SITE_ADMIN,
    form: ({ bystanderId }) => ({ userId: bystanderId }),
  },
  "app/account/actions.ts#changePasswordAction": {
    allowed: SIGNED_IN,
    // Each role's user changes its own password once (the refusal is only for the anonymous).
    form: () => ({ currentPassword: MATRIX_PASSWORD, newPassword: `matrix-new-${Date.now().toString(36)}-Pw` }),
  },
  "app/courses/[slug]/manage/roster/actions.ts#resetStudentPasswordAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug, bystanderId }) => ({ slug, userId: bystanderId }),
  },
  "app/courses/[slug]/manage/assignments/[assignmentId]/actions.ts#updateAssignmentAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug, assignmentId }) => ({
      slug,
      assignmentId,
      opensAt: "",
      dueAt: "2030-01-01T00:00",
      lateCutoffAt: "",
      attemptLimit: "",
      points: "1",
      latePolicy: "none",
      latePenaltyPerDay: "0",
    }),
  },
  "app/courses/[slug]/manage/assignments/[assignmentId]/actions.ts#removeAssignmentAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug, removableAssignmentId }) => ({ slug, assignmentId: removableAssignmentId, confirm: "yes" }),
  },
  "app/courses/[slug]/manage/assignments/[assignmentId]/regrade/actions.ts#startRegradeAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug, assignmentId }) => ({ slug, assignmentId }),
  },
  // Similarity reports: TAs and instructors ("check-similarity"). The matrix's assignment has fewer than two
  // students' Submits, so the allowed call answers that and writes nothing (tests/integration/similarity/ queues real ones).
  "app/courses/[slug]/manage/assignments/[assignmentId]/similarity/actions.ts#analyseSimilarityAction": {
    allowed: COURSE_STAFF,
    form: ({ slug, assignmentId }) => ({ slug, assignmentId }),
  },
  "app/courses/[slug]/manage/assessments/[assessmentId]/similarity/actions.ts#analyseAssessmentSimilarityAction": {
    allowed: COURSE_STAFF,
    form: ({ slug, assessmentId }) => ({ slug, assessmentId }),
  },
  "app/courses/[slug]/manage/assignments/[assignmentId]/actions.ts#moveAssignmentToVersionAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ slug, movableAssignment }) => ({ slug, ...(await movableAssignment()) }),
  },
  "app/courses/[slug]/manage/exercises/actions.ts#createCourseExerciseAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug }) => ({ slug, kind: "code", name: `matrix-${Date.now().toString(36)}` }),
  },
  "app/courses/[slug]/manage/exercises/actions.ts#copyCatalogueExerciseAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug }) => ({ slug, exerciseId: "softmax", name: `copy-${Date.now().toString(36)}` }),
  },
  "app/courses/[slug]/manage/exercises/actions.ts#importCourseExerciseAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ slug, packageArchive }) => ({ slug, archive: await packageArchive() }),
  },
  "app/courses/[slug]/manage/exercises/actions.ts#setTasMayAuthorAction": {
    allowed: COURSE_INSTRUCTOR,
    // "false" is the default: the allowed call leaves the TAs' rights as the other entries expect them.
    form: ({ slug }) => ({ slug, allowed: "false" }),
  },
  "app/courses/[slug]/manage/exercises/[exerciseId]/edit/actions.ts#saveDraftAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug, courseExerciseId }) => ({ slug, exerciseId: courseExerciseId, files: draftFor(courseExerciseId) }),
  },
  "app/courses/[slug]/manage/exercises/[exerciseId]/edit/actions.ts#tryDraftAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug, courseExerciseId }) => ({ slug, exerciseId: courseExerciseId, code: "export function f(x: number) { return x; }", mode: "submit" }),
  },
  "app/courses/[slug]/manage/exercises/[exerciseId]/edit/actions.ts#publishDraftAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug, courseExerciseId }) => ({ slug, exerciseId: courseExerciseId }),
  },
  "app/courses/[slug]/manage/exercises/[exerciseId]/edit/actions.ts#previewPromptAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug, courseExerciseId }) => ({ slug, exerciseId: courseExerciseId, markdown: "# Title\n\nSome $x^2$." }),
  },
  "app/courses/[slug]/manage/assignments/new/actions.ts#assignExerciseAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug }) => ({ slug, exerciseId: "softmax" }),
  },
  "app/courses/[slug]/manage/roster/actions.ts#importRosterAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug }) => ({ slug, roster: csv(`email,name\nsneaky-${Date.now().toString(36)}@example.org,Sneaky\n`) }),
  },
  "app/courses/[slug]/manage/roster/actions.ts#changeRoleAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug, bystanderId }) => ({ slug, userId: bystanderId, role: "ta" }),
  },
  "app/courses/[slug]/manage/roster/actions.ts#removeMemberAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug, bystanderId }) => ({ slug, userId: bystanderId }),
  },
  "app/courses/[slug]/manage/roster/actions.ts#rotateJoinCodeAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug }) => ({ slug }),
  },
  "app/courses/[slug]/manage/roster/actions.ts#disableJoinCodeAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug }) => ({ slug }),
  },
  "app/courses/[slug]/manage/accommodations/actions.ts#grantAccommodationAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug, accommodationStudentId }) => ({ slug, target: `user:${accommodationStudentId}`, assessmentId: "all", dueAt: "", extraAttempts: "3", timeMultiplier: "1.5", note: "matrix" }),
  },
  "app/courses/[slug]/manage/accommodations/actions.ts#revokeAccommodationAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ slug, freshAccommodation }) => ({ slug, accommodationId: await freshAccommodation() }),
  },
  "app/courses/[slug]/manage/accommodations/actions.ts#createGroupAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug }) => ({ slug, label: `matrix-made-${Date.now().toString(36)}` }),
  },
  "app/courses/[slug]/manage/accommodations/actions.ts#renameGroupAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ slug, freshGroup }) => ({ slug, groupId: await freshGroup(), label: `matrix-renamed-${Date.now().toString(36)}` }),
  },
  "app/courses/[slug]/manage/accommodations/actions.ts#deleteGroupAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ slug, freshGroup }) => ({ slug, groupId: await freshGroup(true) }),
  },
  "app/courses/[slug]/manage/accommodations/actions.ts#addGroupMemberAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ slug, freshGroup, accommodationStudentEmail }) => ({ slug, groupId: await freshGroup(), email: accommodationStudentEmail }),
  },
  "app/courses/[slug]/manage/accommodations/actions.ts#removeGroupMemberAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ slug, freshGroup, accommodationStudentId }) => ({ slug, groupId: await freshGroup(true), userId: accommodationStudentId }),
  },
  "app/courses/[slug]/manage/accommodations/actions.ts#importAccommodationsAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug, accommodationStudentEmail }) => ({
      slug,
      accommodations: new File([`email,assessment,extra_attempts,waive_late\n${accommodationStudentEmail},*,2,yes\n`], "accommodations.csv", { type: "text/csv" }),
    }),
  },
  "app/courses/[slug]/manage/grading/actions.ts#createCategoryAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug }) => ({ slug, name: `Matrix ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, weight: "12.5", dropLowest: "1" }),
  },
  "app/courses/[slug]/manage/grading/actions.ts#updateCategoryAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ slug, gradeCategory }) => ({ slug, categoryId: await gradeCategory(), name: "Homework", weight: "40", dropLowest: "2" }),
  },
  "app/courses/[slug]/manage/grading/actions.ts#moveCategoryAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ slug, gradeCategory }) => ({ slug, categoryId: await gradeCategory(), direction: "down" }),
  },
  "app/courses/[slug]/manage/grading/actions.ts#deleteCategoryAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ slug, removableGradeCategory }) => ({ slug, categoryId: await removableGradeCategory() }),
  },
  "app/courses/[slug]/manage/grading/actions.ts#setAssessmentCategoryAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ slug, assessmentId, gradeCategory }) => ({ slug, assessmentId, categoryId: await gradeCategory() }),
  },
  "app/courses/[slug]/manage/students/[userId]/actions.ts#adjustSubmissionScoreAction": {
    allowed: ["ta", "instructor"],
    form: async ({ slug, gradedSubmitId }) => ({ slug, submissionId: await gradedSubmitId(), change: "set", score: "75", unit: "percent", comment: "matrix" }),
  },
  "app/courses/[slug]/manage/students/[userId]/actions.ts#setAssessmentScoreAction": {
    allowed: ["ta", "instructor"],
    form: ({ slug, assessmentId, accommodationStudentId }) => ({ slug, assessmentId, userId: accommodationStudentId, change: "set", score: "80", unit: "percent", comment: "matrix" }),
  },
  "app/join/actions.ts#joinCourseAction": {
    allowed: SIGNED_IN,
    form: async ({ freshJoinCode }) => ({ code: await freshJoinCode() }),
  },
  "app/courses/[slug]/manage/assessments/actions.ts#reorderAssessmentsAction": {
    allowed: COURSE_INSTRUCTOR,
    // Every assessment in its present order: the allowed call changes nothing other entries rely on.
    form: async ({ slug, assessmentOrder }) => ({ slug, ids: await assessmentOrder() }),
  },
  "app/courses/[slug]/manage/assessments/new/actions.ts#createAssessmentAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug }) => ({ slug, ...ASSESSMENT_FORM, title: `Matrix set ${Date.now().toString(36)}` }),
  },
  "app/courses/[slug]/manage/assessments/[assessmentId]/actions.ts#updateAssessmentAction": {
    allowed: COURSE_INSTRUCTOR,
    form: ({ slug, assessmentId }) => ({ slug, assessmentId, ...ASSESSMENT_FORM, title: "Adam" }),
  },
  "app/courses/[slug]/manage/assessments/[assessmentId]/actions.ts#deleteAssessmentAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ slug, removableAssessmentId }) => ({ slug, assessmentId: await removableAssessmentId(), confirm: "yes" }),
  },
  "app/courses/[slug]/manage/assessments/[assessmentId]/actions.ts#addExerciseAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ slug, scratchAssessment }) => ({ slug, assessmentId: (await scratchAssessment()).assessmentId, exerciseId: "momentum" }),
  },
  "app/courses/[slug]/manage/assessments/[assessmentId]/actions.ts#reorderItemsAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ slug, scratchAssessment }) => {
      const { assessmentId, itemIds } = await scratchAssessment();
      return { slug, assessmentId, ids: [...itemIds].reverse() };
    },
  },
  "app/courses/[slug]/manage/assessments/[assessmentId]/actions.ts#setReleaseAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ slug, manualReleaseAssessment }) => ({ slug, assessmentId: await manualReleaseAssessment(), release: "release" }),
  },
  "app/courses/[slug]/manage/assessments/[assessmentId]/actions.ts#removeItemAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ slug, scratchAssessment }) => {
      const { assessmentId, itemIds } = await scratchAssessment();
      return { slug, assessmentId, assignmentId: itemIds.at(-1)!, confirm: "yes" };
    },
  },
  "app/courses/[slug]/exercises/[exerciseId]/actions.ts#requestRegradeAction": {
    allowed: COURSE_STUDENT,
    form: async ({ slug, gradedSubmissionId }) => ({ slug, submissionId: await gradedSubmissionId(), message: "Matrix: please review test 2." }),
  },
  "app/courses/[slug]/manage/regrade-requests/[requestId]/actions.ts#resolveRegradeRequestAction": {
    allowed: COURSE_STAFF,
    // With a new score: the allowed call writes an override and its audit, a refused one must write neither.
    form: async ({ slug, openRegradeRequestId }) => ({ slug, requestId: await openRegradeRequestId(), response: "Matrix: reviewed.", newScore: "80" }),
  },
  // A deep linking request is its own user's (the instructor who launched it): everyone else is told it is not found.
  "app/lti/deep-link/[requestId]/actions.ts#addToLmsAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ assessmentId, deepLinkRequestId, courseId }) => ({ requestId: await deepLinkRequestId(), courseId, assessmentIds: [assessmentId] }),
  },
  "app/lti/deep-link/[requestId]/actions.ts#cancelDeepLinkAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ deepLinkRequestId }) => ({ requestId: await deepLinkRequestId() }),
  },
  // Resending queues passbacks of the course's own placements only; the matrix course has none, so the
  // allowed call answers that there is nothing to resend and a refused one must not get that far.
  "app/courses/[slug]/manage/lms/actions.ts#resendPassbackAction": {
    allowed: COURSE_STAFF,
    form: ({ slug, bystanderId }) => ({ slug, resourceLinkRowId: "00000000-0000-4000-8000-000000000001", userId: bystanderId }),
  },
  "app/courses/[slug]/manage/lms/actions.ts#resendFailedPassbacksAction": {
    allowed: COURSE_STAFF,
    form: ({ slug }) => ({ slug }),
  },
  // Public: the person is not signed in yet. What lets them in is the pending link their own launch made and
  // the existing account's password, whoever calls (anonymous or signed in as anyone): every role is allowed
  // and each call links one fresh pending link. Its refusals (wrong password, used, expired, unknown) are
  // tested in tests/integration/lti/link-account.test.ts.
  "app/lti/link-account/[id]/actions.ts#linkAccountAction": {
    allowed: ROLES,
    form: async ({ pendingLinkId }) => ({ pendingId: await pendingLinkId(), password: MATRIX_PASSWORD }),
  },
  "app/courses/[slug]/manage/lms/roster/actions.ts#syncLmsRosterAction": {
    allowed: COURSE_INSTRUCTOR,
    form: async ({ slug, lmsContextRowId }) => ({ slug, contextRowId: await lmsContextRowId() }),
  },
};
