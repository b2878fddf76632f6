/** Shared setup of the ags*.test.ts files (not a test file itself): a course linked to a fake LMS. */
import type { Db } from "@/lib/db";
import { addExerciseToAssessment } from "@/lib/courses/assessment-items";
import { createAssessment } from "@/lib/courses/assessments";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { ltiContexts, ltiResourceLinks, ltiUserLinks, type Assignment, type Course, type User } from "@/lib/db/schema";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { publicJwks } from "@/lib/lti/keys";
import { savePlatform } from "@/lib/lti/platforms";
import type { JobQueue, JobType, SendOptions } from "@/lib/queue/port";
import { claimSubmission, recordGradeOutcome } from "@/lib/submissions/lifecycle";
import { createUser } from "@/lib/users/users";
import { createSubmission } from "../../helpers/queued-submission";
import type { FakeLms } from "../../helpers/fake-lms";

/** A queue that records what is sent (the tests run the handler themselves). */
export class RecordingQueue {
  sent: { name: string; payload: unknown; options?: SendOptions }[] = [];
  readonly queue: JobQueue = {
    send: async <P>(_tx: unknown, type: JobType<P>, payload: P, options?: SendOptions) => {
      this.sent.push({ name: type.name, payload, options });
    },
    sendBatch: async <P>(_tx: unknown, type: JobType<P>, payloads: readonly P[]) => {
      for (const payload of payloads) this.sent.push({ name: type.name, payload });
    },
    consume: async () => {},
    inspect: async () => null,
    findOrphanedSubmissions: async () => [],
    stop: async () => {},
  };
  take() {
    const sent = this.sent;
    this.sent = [];
    return sent;
  }
}

export interface AgsWorld {
  course: Course;
  ann: User;
  bob: User;
  /** Problem set: batching (10 points) + optimizer-concepts (6 points), released at once. */
  setBatching: Assignment;
  setQuiz: Assignment;
  setId: string;
  /** Midterm (manual release): batching for 20 points. */
  midtermId: string;
  midtermBatching: Assignment;
  links: { set: string; exercise: string; noLineItem: string; midterm: string };
  lineItems: { set: string; exercise: string; midterm: string };
}

/** The course, its assessments, the LMS platform and course, four placements, Ann linked to the LMS, Bob not. */
export async function createAgsWorld(db: Db, lms: FakeLms): Promise<AgsWorld> {
  lms.tool.localJwks = await publicJwks(db);
  const catalogue = await loadCatalogue(undefined, ["batching", "optimizer-concepts"]);
  setCatalogue(catalogue);
  await syncExercises(db, catalogue.exercises);
  const course = await createCourse(db, { slug: "ags", title: "AGS course" });
  const ann = await createUser(db, { email: "ann@example.org", name: "Ann" });
  const bob = await createUser(db, { email: "bob@example.org", name: "Bob" });
  for (const student of [ann, bob]) await enrolUser(db, course.id, student.id, "student");
  const set = await createAssessment(db, course.id, { title: "Problem set" });
  const setBatching = await addExerciseToAssessment(db, course.id, set.id, { exerciseId: "batching", points: 10 });
  const setQuiz = await addExerciseToAssessment(db, course.id, set.id, { exerciseId: "optimizer-concepts", points: 6 });
  const midterm = await createAssessment(db, course.id, { title: "Midterm", releasePolicy: "manual" });
  const midtermBatching = await addExerciseToAssessment(db, course.id, midterm.id, { exerciseId: "batching", points: 20 });

  const platformId = await savePlatform(
    db,
    { issuer: lms.issuer, clientId: lms.clientId, authLoginUrl: lms.urls.auth, authTokenUrl: lms.urls.token, jwksUrl: lms.urls.jwks, deploymentIds: [lms.deploymentId] },
    "manual",
  );
  const [context] = await db.insert(ltiContexts).values({ platformId, deploymentId: lms.deploymentId, contextId: "c1", title: "LMS 101", courseId: course.id }).returning();
  const lineItems = {
    // Moodle-style: a query string the score post must keep after /scores.
    set: `${lms.issuer}/contexts/c1/lineitems/set?type_id=7`,
    exercise: `${lms.issuer}/contexts/c1/lineitems/exercise`,
    midterm: `${lms.issuer}/contexts/c1/lineitems/midterm`,
  };
  const link = async (values: Omit<typeof ltiResourceLinks.$inferInsert, "contextRowId">) => (await db.insert(ltiResourceLinks).values({ contextRowId: context!.id, ...values }).returning())[0]!.id;
  const links = {
    set: await link({ resourceLinkId: "rl-set", title: "Problem set (LMS)", assessmentId: set.id, lineItemUrl: lineItems.set }),
    exercise: await link({ resourceLinkId: "rl-ex", title: "Batching (LMS)", assignmentId: setBatching.id, lineItemUrl: lineItems.exercise }),
    noLineItem: await link({ resourceLinkId: "rl-plain", title: "Problem set, ungraded", assessmentId: set.id }),
    midterm: await link({ resourceLinkId: "rl-mid", title: "Midterm (LMS)", assessmentId: midterm.id, lineItemUrl: lineItems.midterm }),
  };
  await db.insert(ltiUserLinks).values({ platformId, sub: "lms-ann", userId: ann.id });
  return { course, ann, bob, setBatching, setQuiz, setId: set.id, midtermId: midterm.id, midtermBatching, links, lineItems };
}

/** A graded Submit of `user` on `assignment` with `score` (0..1), through the real result write (scoreChanged). */
export async function gradeSubmit(db: Db, user: User, assignment: Assignment, score: number): Promise<void> {
  const row = await createSubmission(db, { userId: user.id, assignmentId: assignment.id, exerciseId: assignment.exerciseId, exerciseVersion: "v1", mode: "submit", code: "x", variantSeed: 1 });
  const attempt = (await claimSubmission(db, row.id))!;
  if (!(await recordGradeOutcome(db, row.id, attempt, { status: "graded", score, tests: [] }))) throw new Error("the grade was not recorded");
}
