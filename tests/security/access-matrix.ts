/**
 * What every page and every route handler method answers to each role, driven over HTTP against the started
 * app by tests/security/access-matrix.spec.ts. The spec fails when a page, a route or an exported method
 * found under app/ has no entry here (and when an entry names one that is gone). Server actions have their
 * own matrix: tests/security/action-matrix.ts.
 *
 * Adding a page or a route: one entry, keyed "GET /pattern" (pages: "PAGE /pattern"), made by one of the
 * helpers below with the roles that get in and what they get; everyone else gets the helper's refusal.
 * Dynamic segments are filled from SEGMENTS by name (real ids of the demo course).
 */

/** Who asks: nobody signed in, a member of the course in one of its roles, another course's instructor, a site admin (no member). */
export type Role = "anonymous" | "student" | "ta" | "otherInstructor" | "instructor" | "admin";
export const ROLES: readonly Role[] = ["anonymous", "student", "ta", "otherInstructor", "instructor", "admin"];

/**
 * An HTTP status, "signin" (a redirect to the sign-in page that comes back to the page asked for, or to the
 * area whose layout asked) or "home" (a redirect to the home page).
 */
export type Answer = number | "signin" | "home";

export interface MatrixEntry {
  /** Each role's answer. */
  answers: Record<Role, Answer>;
  /**
   * State-changing methods: the JSON body a refused role sends, one that would change something if the
   * role check let it through (the spec then checks that nothing changed).
   */
  refusedBody?: unknown;
  /**
   * State-changing methods: the body an allowed role sends, malformed so that it is refused only after the
   * role check (a 4xx that is not 401/403/404) and changes nothing other specs rely on.
   */
  allowedBody?: unknown;
  /** For pages: what a role that gets in must see in the HTML (e.g. the instructor area's navigation). */
  shows?: RegExp;
}

/** The ids the spec fills dynamic segments with, by segment name. */
export interface SegmentValues {
  slug: string;
  exerciseId: string;
  assignmentId: string;
  /** An assessment of the course (the one holding `exerciseId`). */
  assessmentId: string;
  /** A student of the course (the matrix's own). */
  userId: string;
  /** A submission of another student of the course (a classmate of the matrix's student). */
  id: string;
  /** A regrade request of that classmate's, on a graded Submit of theirs. */
  requestId: string;
  /** Two submission ids of a similarity pair (the classmate's submission twice: no report holds such a pair). */
  a: string;
  b: string;
  nextauth: string;
}

type Granted = Partial<Record<Role, Answer>>;

/** A page behind sign-in: the anonymous are sent to sign in, every signed-in role not granted gets not-found. */
function page(granted: Granted, shows?: RegExp): MatrixEntry {
  return { answers: { anonymous: "signin", student: 404, ta: 404, otherInstructor: 404, instructor: 404, admin: 404, ...granted }, shows };
}

/** A page anyone may open, signed in or not. */
function openPage(): MatrixEntry {
  return { answers: { anonymous: 200, student: 200, ta: 200, otherInstructor: 200, instructor: 200, admin: 200 } };
}

/** The sign-in page: the anonymous get the form, the signed in are sent home. */
function signInPage(): MatrixEntry {
  return { answers: { anonymous: 200, student: "home", ta: "home", otherInstructor: "home", instructor: "home", admin: "home" } };
}

/** A JSON route: 401 to the anonymous, not-found to every signed-in role not granted. */
function route(granted: Granted, bodies: Pick<MatrixEntry, "refusedBody" | "allowedBody"> = {}): MatrixEntry {
  return { answers: { anonymous: 401, student: 404, ta: 404, otherInstructor: 404, instructor: 404, admin: 404, ...granted }, ...bodies };
}

/** The instructor area's navigation, as server-rendered HTML (aria-label="Instructor area") or in the streamed payload. */
export const INSTRUCTOR_AREA = /aria-label[^A-Za-z]{1,8}Instructor area/;
const staffPage = () => page({ ta: 200, instructor: 200 }, INSTRUCTOR_AREA);
const memberPage = () => page({ student: 200, ta: 200, instructor: 200 });
const signedInPage = () => page({ student: 200, ta: 200, otherInstructor: 200, instructor: 200, admin: 200 });
const staffRead = () => route({ ta: 200, instructor: 200 });

/** Valid code for a Submit or a draft: accepted, it would add a row. */
const CODE = { code: "export function adam() { return 'access matrix'; }" };
/** Refused by the request schema (an unknown field), after the role check. */
const MALFORMED = { unexpected: true };

export const ROUTE_MATRIX: Record<string, MatrixEntry> = {
  // Pages.
  "PAGE /": signedInPage(),
  "PAGE /account": signedInPage(),
  "PAGE /admin": page({ admin: 200 }),
  "PAGE /admin/lti": page({ admin: 200 }),
  // The LMS opens it without a session: everyone gets the page (without a valid token, the refusal).
  "PAGE /lti/register": openPage(),
  "PAGE /join": signedInPage(),
  "PAGE /signin": signInPage(),
  "PAGE /signout": openPage(),
  "PAGE /courses/[slug]": memberPage(),
  "PAGE /courses/[slug]/exercises/[exerciseId]": memberPage(),
  "PAGE /courses/[slug]/assessments/[assessmentId]": memberPage(),
  // Students see their own course grade; staff, who have none, a link to the gradebook.
  "PAGE /courses/[slug]/grades": memberPage(),
  "PAGE /courses/[slug]/manage": staffPage(),
  "PAGE /courses/[slug]/manage/assessments": staffPage(),
  // TAs read assessments but do not make them.
  "PAGE /courses/[slug]/manage/assessments/new": page({ instructor: 200 }, INSTRUCTOR_AREA),
  "PAGE /courses/[slug]/manage/assessments/[assessmentId]": staffPage(),
  // The exam monitor and one student's exam log (the matrix's assessment is untimed: the page says so).
  "PAGE /courses/[slug]/manage/assessments/[assessmentId]/exam": staffPage(),
  "PAGE /courses/[slug]/manage/assessments/[assessmentId]/exam/[userId]": staffPage(),
  "PAGE /courses/[slug]/manage/assignments": staffPage(),
  "PAGE /courses/[slug]/manage/assignments/new": staffPage(),
  "PAGE /courses/[slug]/manage/assignments/[assignmentId]": staffPage(),
  "PAGE /courses/[slug]/manage/assignments/[assignmentId]/regrade": staffPage(),
  // Similarity reports ("check-similarity": TAs and instructors); the matrix's assignment is a code exercise.
  "PAGE /courses/[slug]/manage/assignments/[assignmentId]/similarity": staffPage(),
  "PAGE /courses/[slug]/manage/assessments/[assessmentId]/similarity": staffPage(),
  // A pair of one submission with itself is in no report: every role gets not-found alike (tests/e2e/similarity.spec.ts opens a real pair).
  "PAGE /courses/[slug]/manage/assignments/[assignmentId]/similarity/compare/[a]/[b]": page({}),
  "PAGE /courses/[slug]/manage/dashboard": staffPage(),
  "PAGE /courses/[slug]/manage/exercises": staffPage(),
  "PAGE /courses/[slug]/manage/gradebook": staffPage(),
  // TAs read the categories; only instructors get the forms (the action matrix checks the actions).
  "PAGE /courses/[slug]/manage/grading": staffPage(),
  "PAGE /courses/[slug]/manage/exercises/[exerciseId]": staffPage(),
  // The editor is for the course's own exercises only: the matrix's exercise is a repository one, so every
  // role gets not-found (tests/e2e/authoring.spec.ts opens it for a course exercise, and as another course's instructor).
  "PAGE /courses/[slug]/manage/exercises/[exerciseId]/edit": page({}),
  "PAGE /courses/[slug]/manage/roster": staffPage(),
  "PAGE /courses/[slug]/manage/accommodations": staffPage(),
  "PAGE /courses/[slug]/manage/students/[userId]": staffPage(),
  // TAs answer regrade requests too (the action matrix checks the Resolve action).
  "PAGE /courses/[slug]/manage/regrade-requests": staffPage(),
  "PAGE /courses/[slug]/manage/regrade-requests/[requestId]": staffPage(),
  // An LTI deep linking picker is only its own instructor's (the one the LMS launched); the matrix's
  // requestId is no deep linking request, so every signed-in role gets not-found alike.
  "PAGE /lti/deep-link/[requestId]": page({}),
  // Where a first launch onto an existing account with a password asks for that password: public (the person
  // is not signed in yet), so nobody is sent to sign in; the matrix's id names no pending link, so everyone,
  // the anonymous too, gets not-found alike (tests/integration/lti/link-account.test.ts opens a real one).
  "PAGE /lti/link-account/[id]": { answers: { anonymous: 404, student: 404, ta: 404, otherInstructor: 404, instructor: 404, admin: 404 } },
  // LMS placements and grade passback ("resend-grade-passback": TAs and instructors).
  "PAGE /courses/[slug]/manage/lms": staffPage(),
  // TAs read the LMS courses and their last sync; only instructors get "Sync roster now" (the action matrix checks it).
  "PAGE /courses/[slug]/manage/lms/roster": staffPage(),

  // Route handlers.
  "GET /api/health": { answers: { anonymous: 200, student: 200, ta: 200, otherInstructor: 200, instructor: 200, admin: 200 } },
  // next-auth's own endpoints (filled as /api/auth/session): public by design, the same answer to everyone.
  "GET /api/auth/[...nextauth]": { answers: { anonymous: 200, student: 200, ta: 200, otherInstructor: 200, instructor: 200, admin: 200 } },
  // A POST that is not next-auth's url-encoded form (the matrix sends no body) is refused alike for everyone.
  "POST /api/auth/[...nextauth]": { answers: { anonymous: 415, student: 415, ta: 415, otherInstructor: 415, instructor: 415, admin: 415 } },
  // One's own draft: the matrix's student has saved one; nobody else has, so theirs is not found.
  "GET /api/courses/[slug]/exercises/[exerciseId]/draft": route({ student: 200 }),
  "PUT /api/courses/[slug]/exercises/[exerciseId]/draft": route({ student: 422, ta: 422, instructor: 422 }, { refusedBody: CODE, allowedBody: MALFORMED }),
  "POST /api/courses/[slug]/exercises/[exerciseId]/submissions": route({ student: 422, ta: 422, instructor: 422 }, { refusedBody: CODE, allowedBody: MALFORMED }),
  // A student's own clock on a timed assessment (the matrix's assessment is untimed: its state says so). Staff
  // have no clock of their own: not found.
  "GET /api/courses/[slug]/assessments/[assessmentId]/exam": route({ student: 200 }),
  // Start (with the access code), finish, time up: students only.
  "POST /api/courses/[slug]/assessments/[assessmentId]/exam": route({ student: 422 }, { refusedBody: { action: "start", accessCode: "" }, allowedBody: MALFORMED }),
  // Focus reports of one's own timed work in progress: students only (staff take no exams); the body is
  // checked before whether the student is taking the assessment (the matrix's student is not: 403).
  "POST /api/courses/[slug]/assessments/[assessmentId]/exam-events": route({ student: 422 }, { refusedBody: { kind: "focus_lost" }, allowedBody: MALFORMED }),
  // A course exercise's package: a repository exercise (the matrix's) has none to export, for anyone.
  "GET /api/courses/[slug]/exercises/[exerciseId]/export": route({}),
  "GET /api/courses/[slug]/export/gradebook": staffRead(),
  "GET /api/courses/[slug]/export/submissions": staffRead(),
  // A classmate's submission: the course's staff see it, another student does not.
  "GET /api/submissions/[id]": staffRead(),
  // Its states as Server-Sent Events: the same people. The matrix's submission is graded, so the stream ends at once.
  "GET /api/submissions/[id]/events": staffRead(),
  "GET /courses/[slug]/manage/assignments/[assignmentId]/regrade/progress": staffRead(),
  // The newest similarity report's progress (null: none yet) and its pairs as CSV (the header alone: none yet).
  "GET /courses/[slug]/manage/assignments/[assignmentId]/similarity/progress": staffRead(),
  "GET /courses/[slug]/manage/assignments/[assignmentId]/similarity/export": staffRead(),
  // The picker's signed answer on its way to the LMS (a form post, not JSON): any signed-in user gets past
  // the sign-in check to the form's check; only a response the tool signed for the user's own request goes on.
  "POST /lti/deep-link-return": route(
    { student: 422, ta: 422, otherInstructor: 422, instructor: 422, admin: 422 },
    { refusedBody: { requestId: "00000000-0000-4000-8000-000000000000", JWT: "x" }, allowedBody: MALFORMED },
  ),
  // The preview keeps no drafts on the server: staff get a conflict, whatever they send.
  // LTI endpoints the LMS calls without a session (public): the same answer to everyone. Without the
  // platform's parameters, the login initiation and the launch refuse with their page (400) and store nothing.
  "GET /lti/login": { answers: { anonymous: 400, student: 400, ta: 400, otherInstructor: 400, instructor: 400, admin: 400 } },
  "POST /lti/login": { answers: { anonymous: 400, student: 400, ta: 400, otherInstructor: 400, instructor: 400, admin: 400 }, refusedBody: MALFORMED, allowedBody: MALFORMED },
  "POST /lti/launch": { answers: { anonymous: 400, student: 400, ta: 400, otherInstructor: 400, instructor: 400, admin: 400 }, refusedBody: MALFORMED, allowedBody: MALFORMED },
  "GET /lti/jwks": { answers: { anonymous: 200, student: 200, ta: 200, otherInstructor: 200, instructor: 200, admin: 200 } },
  "PUT /courses/[slug]/manage/exercises/[exerciseId]/draft": route({ ta: 409, instructor: 409 }, { refusedBody: CODE, allowedBody: CODE }),
  "POST /courses/[slug]/manage/exercises/[exerciseId]/runs": route({ ta: 422, instructor: 422 }, { refusedBody: { source: "solution" }, allowedBody: MALFORMED }),
};

/** The URL of a pattern with its dynamic segments ([name], [...name]) filled from `values`. */
export function urlOf(pattern: string, values: SegmentValues): string {
  return pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`No value for the segment [${name}] of ${pattern}: add one to SegmentValues`);
    return encodeURIComponent(values[name as keyof SegmentValues]);
  });
}
