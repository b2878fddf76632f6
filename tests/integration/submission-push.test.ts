import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { exerciseVersions, exercises, submissions, type User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createAssignment } from "@/lib/courses/assignments";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { closeSubmissionEventHub } from "@/lib/events/hub";
import { FOLLOW_RETRY_AFTER_SECONDS, MAX_FOLLOWS_PER_USER } from "@/lib/submissions/follow-limit";
import { claimSubmission, recordGradeOutcome, type StoredGrade } from "@/lib/submissions/lifecycle";
import { createUser } from "@/lib/users/users";
import { createSubmission } from "../helpers/queued-submission";
import { testBackends } from "../helpers/test-database";

// The route handlers run for real, on the process's event hub; only "who is signed in" and "which database" are supplied here.
const session = vi.hoisted(() => ({ user: null as User | null, handle: null as unknown as DatabaseHandle }));
vi.mock("@/lib/auth/guards", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/guards")>()),
  requireUser: async () => {
    if (!session.user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
    return session.user;
  },
}));
vi.mock("@/lib/db", () => ({ getDb: async () => session.handle.db, getDatabase: async () => session.handle }));

const { GET: events } = await import("@/app/api/submissions/[id]/events/route");
const { GET: read } = await import("@/app/api/submissions/[id]/route");

const HOST = "tensorgrade.test";
const graded: StoredGrade = { status: "graded", score: 1, tests: [{ name: "works", passed: true, message: "" }], console: "" };

/** The Server-Sent Events of a response, one at a time: `next()` is the next event, or null once the stream ended. */
function eventReader(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return {
    async next(): Promise<{ event: string; data: string } | null> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split("\n").filter((line) => !line.startsWith(":"));
          if (lines.length === 0 || lines.includes("event: ping")) continue; // a heartbeat
          const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2) ?? "";
          return { event: field("event") || "message", data: field("data") };
        }
        const { value, done } = await reader.read();
        if (done) return null;
        buffer += value;
      }
    },
  };
}

async function nextSubmission(stream: ReturnType<typeof eventReader>) {
  const event = await stream.next();
  expect(event?.event).toBe("submission");
  return JSON.parse(event!.data) as { id: string; status: string; score: number | null };
}

function follow(as: User, id: string, signal?: AbortSignal) {
  session.user = as;
  return events(new Request(`http://${HOST}/api/submissions/${id}/events`, { headers: { host: HOST }, signal }), { params: Promise.resolve({ id }) });
}

function get(as: User, id: string, query = "", signal?: AbortSignal) {
  session.user = as;
  return read(new Request(`http://${HOST}/api/submissions/${id}${query}`, { headers: { host: HOST }, signal }), { params: Promise.resolve({ id }) });
}

describe.each(testBackends())("push of a submission's states on $name", (backend) => {
  let drop: () => Promise<void>;
  let owner: User, classmate: User, ta: User;
  let assignmentId: string;

  const newSubmission = () =>
    createSubmission(session.handle.db, { userId: owner.id, assignmentId, exerciseId: "push", exerciseVersion: "h1", code: "export {}", variantSeed: 1 });
  const firstSeenAt = async (id: string) =>
    (await session.handle.db.select({ at: submissions.firstSeenAt }).from(submissions).where(eq(submissions.id, id)))[0]!.at;

  beforeAll(async () => {
    let handle: DatabaseHandle;
    ({ handle, drop } = await backend.create());
    session.handle = handle;
    await handle.db.insert(exercises).values({ id: "push", title: "Push", topic: "events", kind: "code", points: 10, difficulty: "easy", currentVersion: "h1" });
    await handle.db.insert(exerciseVersions).values({ exerciseId: "push", contentHash: "h1", package: {} });
    const course = await createCourse(handle.db, { slug: "push", title: "Push" });
    owner = await createUser(handle.db, { email: "owner@example.org", name: "Owner" });
    classmate = await createUser(handle.db, { email: "classmate@example.org", name: "Classmate" });
    ta = await createUser(handle.db, { email: "ta@example.org", name: "TA" });
    await enrolUser(handle.db, course.id, owner.id, "student");
    await enrolUser(handle.db, course.id, classmate.id, "student");
    await enrolUser(handle.db, course.id, ta.id, "ta");
    assignmentId = (await createAssignment(handle.db, course.id, { exerciseId: "push" })).id;
  });
  afterAll(async () => {
    await closeSubmissionEventHub();
    await drop?.();
  });

  it("streams the owner the current state at once, then each change, and ends after the final one", async () => {
    const submission = await newSubmission();
    const response = await follow(owner, submission.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    const stream = eventReader(response);
    expect((await stream.next())?.event).toBe("ready");
    expect(await nextSubmission(stream)).toMatchObject({ id: submission.id, status: "queued" });

    const attempt = (await claimSubmission(session.handle.db, submission.id))!;
    expect(await nextSubmission(stream)).toMatchObject({ status: "running" });
    await recordGradeOutcome(session.handle.db, submission.id, attempt, graded);
    expect(await nextSubmission(stream)).toMatchObject({ status: "graded", score: 1 });
    expect(await stream.next()).toBeNull();
    // The owner's page was served the final state: that is when it was first seen.
    expect(await firstSeenAt(submission.id)).toBeInstanceOf(Date);
  });

  it("answers another student 404 and lets the course's staff follow, without marking the result seen", async () => {
    const submission = await newSubmission();
    expect((await follow(classmate, submission.id)).status).toBe(404);

    const response = await follow(ta, submission.id);
    expect(response.status).toBe(200);
    const stream = eventReader(response);
    expect((await stream.next())?.event).toBe("ready");
    expect(await nextSubmission(stream)).toMatchObject({ status: "queued" });
    const attempt = (await claimSubmission(session.handle.db, submission.id))!;
    await recordGradeOutcome(session.handle.db, submission.id, attempt, graded);
    // running, then graded (or graded at once if both committed before the re-read): the stream ends on it.
    let view = await nextSubmission(stream);
    if (view.status === "running") view = await nextSubmission(stream);
    expect(view.status).toBe("graded");
    expect(await stream.next()).toBeNull();
    expect(await firstSeenAt(submission.id)).toBeNull();
    expect((await get(ta, submission.id)).status).toBe(200);
    expect(await firstSeenAt(submission.id)).toBeNull();
  });

  it("stops streaming when the client leaves", async () => {
    const submission = await newSubmission();
    const controller = new AbortController();
    const stream = eventReader(await follow(owner, submission.id, controller.signal));
    expect((await stream.next())?.event).toBe("ready");
    expect(await nextSubmission(stream)).toMatchObject({ status: "queued" });
    controller.abort();
    expect(await stream.next()).toBeNull();
    const attempt = (await claimSubmission(session.handle.db, submission.id))!;
    await recordGradeOutcome(session.handle.db, submission.id, attempt, graded);
  });

  it("long-polls with ?after=<status>: answers once the status differs, at once when it already does", async () => {
    const submission = await newSubmission();
    const polling = get(owner, submission.id, "?after=queued");
    let answered = false;
    void polling.then(() => (answered = true));
    // The long-poll is waiting: it subscribed, read `queued`, and holds the answer back.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);
    const attempt = (await claimSubmission(session.handle.db, submission.id))!;
    const response = await polling;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: submission.id, status: "running" });

    expect(await (await get(owner, submission.id, "?after=queued")).json()).toMatchObject({ status: "running" });
    expect((await get(owner, submission.id, "?after=finished")).status).toBe(422);
    expect((await get(classmate, submission.id, "?after=running")).status).toBe(404);
    await recordGradeOutcome(session.handle.db, submission.id, attempt, graded);
  });

  it("sets first_seen_at once, when the owner is first served the final state, and never for staff", async () => {
    const submission = await newSubmission();
    await get(owner, submission.id);
    expect(await firstSeenAt(submission.id)).toBeNull(); // not final yet
    const attempt = (await claimSubmission(session.handle.db, submission.id))!;
    await recordGradeOutcome(session.handle.db, submission.id, attempt, graded);
    await get(ta, submission.id);
    expect(await firstSeenAt(submission.id)).toBeNull();

    expect(await (await get(owner, submission.id, "?after=running")).json()).toMatchObject({ status: "graded" });
    const first = await firstSeenAt(submission.id);
    expect(first).toBeInstanceOf(Date);
    await get(owner, submission.id);
    expect(await firstSeenAt(submission.id)).toEqual(first);
  });

  it("answers ?after=<final status> on a final submission at once, without holding the request", async () => {
    const submission = await newSubmission();
    const attempt = (await claimSubmission(session.handle.db, submission.id))!;
    await recordGradeOutcome(session.handle.db, submission.id, attempt, graded);
    // Without the check this waits the long-poll's 20 s (beyond the test's timeout): a final state changes no more.
    expect(await (await get(owner, submission.id, "?after=graded")).json()).toMatchObject({ status: "graded" });
    expect(await (await get(ta, submission.id, "?after=graded")).json()).toMatchObject({ status: "graded" });
  });

  it("refuses a user more follows at once than the cap, 429 with Retry-After, and frees a slot when one ends", async () => {
    const submission = await newSubmission();
    const leaving = Array.from({ length: MAX_FOLLOWS_PER_USER }, () => new AbortController());
    const streams = [];
    for (const controller of leaving) {
      const response = await follow(owner, submission.id, controller.signal);
      expect(response.status).toBe(200);
      const stream = eventReader(response);
      expect((await stream.next())?.event).toBe("ready");
      streams.push(stream);
    }
    for (const refused of [await follow(owner, submission.id), await get(owner, submission.id, "?after=queued")]) {
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe(String(FOLLOW_RETRY_AFTER_SECONDS));
    }
    // Another user is not counted against the owner; a plain read is not a follow.
    expect((await get(owner, submission.id)).status).toBe(200);
    const taLeaving = new AbortController();
    expect((await follow(ta, submission.id, taLeaving.signal)).status).toBe(200);
    taLeaving.abort();

    leaving[0]!.abort();
    await nextSubmission(streams[0]!);
    expect(await streams[0]!.next()).toBeNull();
    const again = new AbortController();
    expect((await follow(owner, submission.id, again.signal)).status).toBe(200);
    again.abort();
    for (const controller of leaving) controller.abort();
  });
});
