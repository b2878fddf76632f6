import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import type { JWT } from "next-auth/jwt";
import type { DatabaseHandle } from "@/lib/db/client";
import { assessmentStarts, examEvents } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { createAssessment } from "@/lib/courses/assessments";
import { createUser, findUserById } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

/** next-auth's real options: the credentials sign-in records the session, the token and session carry its id. */
const fake = vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "a-test-secret-that-is-long-enough-to-pass";
  return { db: null as unknown };
});
vi.mock("@/lib/db", () => ({ getDb: async () => fake.db }));

const { getAuthOptions } = await import("@/lib/auth/options");

type Authorize = (credentials: Record<string, string>, request: { headers: Record<string, string> }) => Promise<Record<string, unknown> | null>;

describe.each(testBackends())("sign-in and the session id on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  const options = getAuthOptions();
  const provider = options.providers[0] as unknown as { options: { authorize: Authorize } };
  const signIn = (email: string, password: string) => provider.options.authorize({ email, password }, { headers: { "x-forwarded-for": "203.0.113.9" } });

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    fake.db = handle.db;
  });
  afterAll(async () => {
    await drop?.();
  });

  it("each sign-in gets a session id, stored as the account's current one and carried by the token and the session", async () => {
    const course = await createCourse(handle.db, { slug: "sign-in", title: "Sign-in", timeZone: "UTC" });
    const user = await createUser(handle.db, { email: "taker@sign-in.test", name: "Taker", password: "a long enough password" });
    await enrolUser(handle.db, course.id, user.id, "student");
    const exam = await createAssessment(handle.db, course.id, { title: "Exam", timeLimitMinutes: 30 });

    const first = await signIn(user.email, "a long enough password");
    expect(first?.sessionId).toEqual(expect.any(String));
    expect((await findUserById(handle.db, user.id))?.currentSessionId).toBe(first?.sessionId);
    expect(await signIn(user.email, "wrong password")).toBeNull();
    expect((await findUserById(handle.db, user.id))?.currentSessionId).toBe(first?.sessionId);

    const token = (await options.callbacks!.jwt!({ token: {} as JWT, user: first as never, account: null })) as JWT;
    expect(token).toMatchObject({ sub: user.id, sv: 0, sid: first?.sessionId });
    // Later requests keep the token as it is.
    expect(await options.callbacks!.jwt!({ token, user: undefined as never, account: null })).toBe(token);
    const session = await options.callbacks!.session!({ session: { expires: "" }, token, user: undefined as never, newSession: undefined, trigger: "update" } as never);
    expect((session as { user: Record<string, unknown> }).user).toMatchObject({ id: user.id, sessionVersion: 0, sessionId: first?.sessionId });

    // A second sign-in during the exam is logged on it.
    await handle.db.insert(assessmentStarts).values({ assessmentId: exam.id, userId: user.id, startedAt: new Date() });
    const second = await signIn(user.email, "a long enough password");
    expect(second?.sessionId).not.toBe(first?.sessionId);
    const logged = await handle.db.select().from(examEvents).where(and(eq(examEvents.userId, user.id), eq(examEvents.kind, "second_sign_in")));
    expect(logged.map((event) => event.assessmentId)).toEqual([exam.id]);
  });
});
