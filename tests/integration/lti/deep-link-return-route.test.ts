import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import type { User } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { createAssessment } from "@/lib/courses/assessments";
import { addExerciseToAssessment } from "@/lib/courses/assessment-items";
import { createUser } from "@/lib/users/users";
import { publicJwks } from "@/lib/lti/keys";
import { savePlatform } from "@/lib/lti/platforms";
import { startDeepLinking } from "@/lib/lti/deep-linking/start";
import { completeDeepLinking } from "@/lib/lti/deep-linking/complete";
import { startFakeLms, type FakeLms } from "../../helpers/fake-lms";
import { testBackends } from "../../helpers/test-database";

/** The route as the browser reaches it; only the session is replaced. */
const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/lib/auth/guards", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/guards")>()),
  findSessionUser: async () => session.user,
}));

const processDb = globalThis as typeof globalThis & { __tensorgradeDb?: Promise<DatabaseHandle> };
const APP = "http://tool.example";

function post(fields: Record<string, string> | string, origin: string | null = APP, type = "application/x-www-form-urlencoded") {
  const headers: Record<string, string> = { host: new URL(APP).host, "content-type": type };
  if (origin) headers.origin = origin;
  return new Request(`${APP}/lti/deep-link-return`, { method: "POST", headers, body: typeof fields === "string" ? fields : new URLSearchParams(fields).toString() });
}

describe.each(testBackends())("POST /lti/deep-link-return on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let lms: FakeLms;
  let owner: User;
  let other: User;
  let requestId: string;
  let jwt: string;
  let route: typeof import("@/app/lti/deep-link-return/route");

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    processDb.__tensorgradeDb = Promise.resolve(handle);
    const db = handle.db;
    lms = await startFakeLms();
    lms.tool.localJwks = await publicJwks(db);
    const platformId = await savePlatform(
      db,
      { issuer: lms.issuer, clientId: lms.clientId, authLoginUrl: lms.urls.auth, authTokenUrl: lms.urls.token, jwksUrl: lms.urls.jwks, deploymentIds: [lms.deploymentId] },
      "manual",
    );
    await db.insert(schema.exercises).values({ id: "adam", title: "Adam", topic: "Optimizers", kind: "code", points: 12, difficulty: "medium", currentVersion: "a" });
    owner = await createUser(db, { email: "ida@example.org", name: "Ida", password: "long-enough-password" });
    other = await createUser(db, { email: "olaf@example.org", name: "Olaf", password: "long-enough-password" });
    const course = await createCourse(db, { slug: "nn", title: "Neural networks" });
    await enrolUser(db, course.id, owner.id, "instructor");
    await enrolUser(db, course.id, other.id, "instructor");
    const { id: assessmentId } = await createAssessment(db, course.id, { title: "Set 1" });
    await addExerciseToAssessment(db, course.id, assessmentId, { exerciseId: "adam" });
    requestId = await startDeepLinking(db, {
      platformId,
      deploymentId: lms.deploymentId,
      userId: owner.id,
      contextRowId: null,
      returnUrl: lms.urls.deepLinkReturn,
      data: null,
      acceptTypes: ["ltiResourceLink"],
      acceptMultiple: true,
    });
    ({ jwt } = await completeDeepLinking(db, { requestId, userId: owner.id, choice: { courseId: course.id, assessmentIds: [assessmentId], assignmentIds: [] }, origin: APP, now: new Date() }));
    route = await import("@/app/lti/deep-link-return/route");
    // The route's first import (next-auth and the app's guards) is slow on a busy machine.
  }, 180_000);
  afterAll(async () => {
    processDb.__tensorgradeDb = undefined;
    session.user = null;
    await lms.close();
    await drop();
  });

  it("refuses another origin or none, the signed out, a body that is not the form, and another user's request", async () => {
    session.user = owner;
    expect((await route.POST(post({ requestId, JWT: jwt }, "http://evil.example"))).status).toBe(403);
    expect((await route.POST(post({ requestId, JWT: jwt }, null))).status).toBe(403);
    expect((await route.POST(post(JSON.stringify({ requestId, JWT: jwt }), APP, "application/json"))).status).toBe(422);
    session.user = null;
    expect((await route.POST(post({ requestId, JWT: jwt }))).status).toBe(401);
    session.user = other;
    expect((await route.POST(post({ requestId, JWT: jwt }))).status).toBe(404);
  });

  it("gives the owner a page, under a CSP naming the LMS's origin, whose form the LMS accepts", async () => {
    session.user = owner;
    const response = await route.POST(post({ requestId, JWT: jwt }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain(`form-action ${new URL(lms.urls.deepLinkReturn).origin};`);
    const html = await response.text();
    expect(/action="([^"]+)"/.exec(html)?.[1]).toBe(lms.urls.deepLinkReturn);
    const posted = /name="JWT" value="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(posted).toBe(jwt);
    // As the browser submits it.
    const answer = await fetch(lms.urls.deepLinkReturn, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ JWT: posted }).toString() });
    expect(answer.status).toBe(200);
    expect(lms.lineItems.map((item) => [item.label, item.scoreMaximum])).toEqual([["Set 1", 12]]);
  });
});
