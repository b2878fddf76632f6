import { expect, test, type Browser, type Page } from "@playwright/test";
import { signedInPage } from "../e2e/support";

/**
 * Issue 13's hostile input, driven over HTTP against the started app: each request here answered 500
 * (or was accepted) before the fix. A refusal is 422 (unreadable input), 413 (too large) or 415 (not
 * JSON), and nothing of a refused request is stored.
 */

const QUIZ = "steps-per-epoch";
const CODE = "softmax";

function nested(levels: number): string {
  return `${"[".repeat(levels)}${"]".repeat(levels)}`;
}

let origin: string;
test.beforeAll(({}, testInfo) => {
  origin = new URL(String(testInfo.project.use.baseURL)).origin;
});

async function session(browser: Browser, email: string): Promise<Page> {
  return signedInPage(browser, email, { waitFor: "left-signin" });
}

test.describe("quiz answers of any shape (finding 1)", () => {
  test("a staff preview refuses answers nested 5000 deep or to unknown questions, and any body deeper than 20 levels", async ({ browser }) => {
    const instructor = await session(browser, "instructor@demo.local");
    const runs = `/courses/keras/manage/exercises/${QUIZ}/runs`;
    const post = (body: string) => instructor.request.post(runs, { headers: { origin, "content-type": "application/json" }, data: body });

    const deep = await post(`{"answers":{"steps":${nested(5000)}}}`);
    expect(deep.status()).toBe(422);
    expect((await deep.json()).error).toBe("The request is nested 5002 levels deep; at most 20 are accepted.");

    // 18 levels pass the depth cap; the quiz's own answer schema refuses them (a number is expected).
    const shaped = await post(`{"answers":{"steps":${nested(18)}}}`);
    expect(shaped.status()).toBe(422);
    expect((await shaped.json()).error).toContain("Question 1: Enter a number.");

    const unknown = await post(`{"answers":{"zzz":${nested(18)}}}`);
    expect(unknown.status()).toBe(422);
    expect((await unknown.json()).error).toContain("This quiz has changed since you opened it");

    const honest = await post(JSON.stringify({ answers: { steps: "469" } }));
    expect(honest.status(), await honest.text()).toBe(202);
    await instructor.context().close();
  });

  test("a student's quiz answer of the wrong shape or depth is refused with 422", async ({ browser }) => {
    const student = await session(browser, "student3@demo.local");
    const url = `/api/courses/keras/exercises/${QUIZ}/submissions`;
    const refused = await student.request.post(url, {
      headers: { origin },
      data: { answers: { steps: { value: 469 }, remainder: ["a"], "more-steps": "a" } },
    });
    expect(refused.status()).toBe(422);
    const message = (await refused.json()).error as string;
    expect(message).toContain("Question 1: Enter a number.");
    expect(message).toContain("Pick one choice.");
    expect(message).toContain("Send the chosen choices as a list.");
    const deep = await student.request.post(url, { headers: { origin, "content-type": "application/json" }, data: `{"answers":{"steps":${nested(3000)}}}` });
    expect(deep.status()).toBe(422);
    expect((await deep.json()).error).toBe("The request is nested 3002 levels deep; at most 20 are accepted.");
    await student.context().close();
  });
});

test.describe("NUL and control characters (finding 5)", () => {
  test("code, drafts, answers and path parameters with NUL are refused with 422, tab, CR and LF kept", async ({ browser }) => {
    const student = await session(browser, "student2@demo.local");
    const json = { origin, "content-type": "application/json" };
    const draft = `/api/courses/keras/exercises/${CODE}/draft`;

    const nulDraft = await student.request.put(draft, { headers: json, data: { code: "const a = 1;\u0000" } });
    expect(nulDraft.status()).toBe(422);
    expect((await nulDraft.json()).fieldErrors.code[0]).toContain("control character");
    const escape = await student.request.put(draft, { headers: json, data: { code: "x\u001b[31m" } });
    expect(escape.status()).toBe(422);
    const kept = await student.request.put(draft, { headers: json, data: { code: "\tconst a = 1;\r\nconst b = 2;\n" } });
    expect(kept.status()).toBe(204);
    expect((await (await student.request.get(draft)).json()).code).toBe("\tconst a = 1;\r\nconst b = 2;\n");

    const nulCode = await student.request.post(`/api/courses/keras/exercises/${CODE}/submissions`, { headers: json, data: { code: "\u0000", mode: "run" } });
    expect(nulCode.status()).toBe(422);
    const nulAnswer = await student.request.post(`/api/courses/keras/exercises/${QUIZ}/submissions`, { headers: json, data: { answers: { remainder: "a\u0000" } } });
    expect(nulAnswer.status()).toBe(422);

    for (const path of [`/api/courses/keras/exercises/soft%00max/draft`, `/api/courses/ke%00ras/exercises/${CODE}/draft`]) {
      const response = await student.request.put(path, { headers: json, data: { code: "x" } });
      expect(response.status(), path).toBe(422);
    }
    expect((await student.request.get(`/api/submissions/a%00b`)).status()).toBe(422);
    for (const path of [`/courses/keras/exercises/soft%00max`, `/courses/ke%00ras`]) {
      expect((await student.request.get(path)).status(), path).toBe(422);
    }
    await student.context().close();
  });
});

test.describe("roster import (finding 6)", () => {
  test("a bad row after good new rows is listed, and every created account's password is shown and works", async ({ browser }) => {
    const instructor = await session(browser, "instructor@demo.local");
    const suffix = Date.now().toString(36);
    const first = { email: `strand-a-${suffix}@demo.local`, name: "Strand A" };
    const second = { email: `strand-b-${suffix}@demo.local`, name: "Strand B" };
    await instructor.goto("/courses/keras/manage/roster");
    // Line 3 passes an email check but its name holds NUL, which the database refuses: it used to fail
    // after line 2's account was created, and that account's password was never shown.
    await instructor.getByLabel("Roster CSV").setInputFiles({
      name: "roster.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`email,name\n${first.email},${first.name}\nstrand-bad-${suffix}@demo.local,Bad\u0000Name\n${second.email},${second.name}\n`),
    });
    await instructor.getByRole("button", { name: "Import roster" }).click();
    const report = instructor.getByTestId("import-report");
    await expect(report).toBeVisible({ timeout: 30_000 });
    await expect(report.getByTestId("row-errors").locator("li")).toHaveText(["Line 3: name: contains a control character"]);
    const passwords = report.getByTestId("initial-passwords");
    for (const { email } of [first, second]) {
      const password = (await passwords.locator("tr").filter({ hasText: email }).locator(".secret").innerText()).trim();
      expect(password.length).toBeGreaterThan(8);
      const student = await signedInPage(browser, email, { password, waitFor: "left-signin" });
      await expect(student).not.toHaveURL(/\/signin/);
      await student.context().close();
    }
    await instructor.context().close();
  });
});

test.describe("server actions, sign-in redirects and content types (finding 7)", () => {
  test("a server action over 1 MB is answered 413", async ({ browser }) => {
    const instructor = await session(browser, "instructor@demo.local");
    await instructor.goto("/courses/keras/manage/roster");
    await instructor.getByLabel("Roster CSV").setInputFiles({ name: "r.csv", mimeType: "text/csv", buffer: Buffer.from("email,name\n") });
    const [action] = await Promise.all([
      instructor.waitForRequest((request) => request.method() === "POST" && request.headers()["next-action"] !== undefined),
      instructor.getByRole("button", { name: "Import roster" }).click(),
    ]);
    const big = await instructor.request.post("/courses/keras/manage/roster", {
      headers: { origin, "next-action": action.headers()["next-action"]!, accept: "text/x-component" },
      multipart: { "1_slug": "keras", "1_roster": { name: "r.csv", mimeType: "text/csv", buffer: Buffer.alloc(1024 * 1024 + 1024, "a") }, "0": '["$K1"]' },
    });
    expect(big.status()).toBe(413);
    expect(await big.text()).toBe("The request is larger than 1 MB.");

    // In the browser, a file over the roster's own limit is not sent: the form says why.
    let sent = 0;
    instructor.on("request", (request) => {
      if (request.method() === "POST" && request.headers()["next-action"] !== undefined) sent++;
    });
    const size = 1536 * 1024;
    await instructor.getByLabel("Roster CSV").setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.alloc(size, "a") });
    await instructor.getByRole("button", { name: "Import roster" }).click();
    await expect(instructor.locator("form").getByRole("alert")).toHaveText(`The roster file is ${size / 1024} KB; the limit is 512 KB. Split it and import each part.`);
    expect(sent).toBe(0);
    await instructor.context().close();
  });

  test("next-auth sends a callbackUrl that is no URL of this site to a safe default instead of answering 500", async ({ browser, request }) => {
    const evil = encodeURIComponent(`${origin}.evil.example/`);
    for (const path of [`/api/auth/session?callbackUrl=${evil}`, `/api/auth/csrf?callbackUrl=${evil}`, `/api/auth/providers?callbackUrl=${evil}`]) {
      expect((await request.get(path)).status(), path).toBe(200);
    }
    const signin = await request.get(`/api/auth/signin?callbackUrl=${evil}`, { maxRedirects: 0 });
    expect(signin.status()).toBe(302);
    expect(signin.headers().location).not.toContain("error=");
    expect(signin.headers().location).not.toContain("evil.example");

    // Signing in with that callbackUrl lands on the home page.
    const csrf = (await (await request.get("/api/auth/csrf")).json()).csrfToken as string;
    const signedIn = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken: csrf, email: "student1@demo.local", password: "tensorgrade", callbackUrl: `${origin}.evil.example/` },
      maxRedirects: 0,
    });
    expect(signedIn.status()).toBe(302);
    expect(signedIn.headers().location).toBe(`${origin}/`);

    const student = await session(browser, "student1@demo.local");
    const wide = await student.request.get("/signin?callbackUrl=/%E3%80%80/x", { maxRedirects: 0 });
    expect(wide.status()).toBe(307);
    expect(wide.headers().location).toBe("/%E3%80%80/x");
    await student.context().close();
  });

  test("next-auth's endpoints refuse a POST that is not a url-encoded form with 415 instead of answering 500", async ({ request }) => {
    for (const path of ["/api/auth/callback/credentials", "/api/auth/signout", "/api/auth/anything"]) {
      for (const [type, data] of [["application/json", ""], ["application/json", "{not json"], ["text/plain", "email=x"]] as const) {
        const response = await request.post(path, { headers: { origin, "content-type": type }, data, maxRedirects: 0 });
        expect(response.status(), `${path} as ${type}`).toBe(415);
      }
    }
  });

  test("a JSON route refuses a state change that is not application/json with 415", async ({ browser }) => {
    const student = await session(browser, "student2@demo.local");
    const draft = `/api/courses/keras/exercises/${CODE}/draft`;
    for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
      const response = await student.request.put(draft, { headers: { origin, "content-type": type }, data: JSON.stringify({ code: "sent as text" }) });
      expect(response.status(), type).toBe(415);
    }
    const code = (await (await student.request.get(draft)).json().catch(() => ({}))) as { code?: string };
    expect(code.code).not.toBe("sent as text");
    await student.context().close();
  });
});
