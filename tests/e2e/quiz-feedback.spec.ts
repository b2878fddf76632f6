import { expect, test, type Page } from "@playwright/test";
import { saveScreenshot, signedInPage } from "./support";

/** Ticks each choice question's first option and types `numeric` into each number field; returns the first options' text. */
async function answerAll(page: Page, numeric = "0.25"): Promise<string[]> {
  const firstChoices: string[] = [];
  const questions = page.locator(".quiz .question");
  for (let i = 0; i < (await questions.count()); i++) {
    const question = questions.nth(i);
    const choice = question.locator("label.choice").first();
    if ((await choice.count()) > 0) {
      await choice.locator("input").check();
      firstChoices.push((await choice.innerText()).trim());
    } else {
      await question.getByLabel("Your answer").fill(numeric);
    }
  }
  return firstChoices;
}

test("a quiz shows explanations, keeps answers and feedback across a reload, and its history names the options", async ({ browser }, testInfo) => {
  const page = await signedInPage(browser, "student1@demo.local");
  await page.goto("/courses/keras/exercises/output-activation");
  const questions = await page.locator(".quiz .question").count();
  expect(questions).toBeGreaterThan(2);

  await page.getByRole("button", { name: "Submit answers" }).click();
  const refusal = page.locator(".quiz").getByRole("alert");
  await expect(refusal).toContainText("no attempt was used");
  const numbers = Array.from({ length: questions }, (_, i) => i + 1);
  await expect(refusal).toContainText(`Answer questions ${numbers.slice(0, -1).join(", ")} and ${questions} too.`);
  await page.reload();
  await expect(page.getByTestId("deadline")).toContainText("0 attempts");
  await expect(page.getByRole("heading", { name: "Your attempts" })).toHaveCount(0);

  const firstChoices = await answerAll(page);
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByTestId("score")).toBeVisible();
  await expect(page.locator(".quiz .feedback")).toHaveCount(questions);
  await expect(page.getByTestId("explanation")).toHaveCount(questions);
  await expect(page.getByTestId("question-regression").getByTestId("explanation")).toContainText("unbounded real number");

  await page.reload();
  await expect(page.locator(".quiz .feedback")).toHaveCount(questions);
  await expect(page.getByTestId("explanation")).toHaveCount(questions);
  await expect(page.getByTestId("score")).toContainText("last attempt");
  const boxes = page.locator(".quiz .question");
  for (let i = 0; i < questions; i++) await expect(boxes.nth(i).locator("label.choice input").first()).toBeChecked();

  const history = page.locator("section.history");
  await history.locator("summary").first().click();
  const sent = history.locator("details").first();
  for (const text of firstChoices) await expect(sent).toContainText(text);
  await expect(sent).not.toContainText('"regression"');
  await expect(sent).not.toContainText("{");
  await saveScreenshot(page, testInfo, "quiz after reload 1280");
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, testInfo, "quiz after reload 390");
});

test("unreadable numbers are refused with a message naming the question, and no attempt is spent", async ({ browser }, testInfo) => {
  const page = await signedInPage(browser, "student1@demo.local");
  await page.goto("/courses/keras/exercises/steps-per-epoch");
  await answerAll(page, "3");
  const fields = page.getByLabel("Your answer");
  await fields.nth(0).fill("115,056");
  await fields.nth(1).fill("35 epochs");
  await page.getByRole("button", { name: "Submit answers" }).click();
  const refusal = page.locator(".quiz").getByRole("alert");
  await expect(refusal).toContainText('Question 1: "115,056" has a comma, which could mean 115056 or 115.056');
  await expect(refusal).toContainText('Question 2: Write only the number, without a unit: 35 rather than "35 epochs"');
  await expect(page.getByTestId("score")).toHaveCount(0);
  await saveScreenshot(page, testInfo, "quiz refused");
  await page.reload();
  await expect(page.getByTestId("deadline")).toContainText("0 attempts");

  await answerAll(page, "3");
  await fields.nth(0).fill("115 056");
  await fields.nth(1).fill("1.15e5");
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByTestId("score")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("deadline")).toContainText(/1 attempts? so far/);
  await expect(fields.nth(0)).toHaveValue("115 056");
  await expect(fields.nth(1)).toHaveValue("1.15e5");
});

test("with limited attempts explanations wait until the student is done, unless the instructor releases them", async ({ browser }) => {
  const instructor = await signedInPage(browser, "instructor@demo.local");
  await instructor.goto("/courses/keras/manage/assignments");
  await instructor.getByRole("link", { name: "Activations in hidden layers" }).click();
  const release = instructor.getByLabel("Quiz explanations");
  await expect(release).toHaveValue("default");
  await instructor.getByLabel("Attempt limit").fill("3");
  await instructor.getByRole("button", { name: "Save assignment" }).click();
  await expect(instructor.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  const student = await signedInPage(browser, "student1@demo.local");
  await student.goto("/courses/keras/exercises/hidden-activation");
  await answerAll(student);
  // A limited attempt is confirmed first; dismissing the question sends nothing.
  const questions: string[] = [];
  student.once("dialog", (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await student.getByRole("button", { name: "Submit answers" }).click();
  await expect.poll(() => questions).toEqual(["This is attempt 1 of 3. Submit it for grading?"]);
  await expect(student.getByTestId("deadline")).toContainText("0 of 3 attempts used");
  student.once("dialog", (dialog) => {
    questions.push(dialog.message());
    void dialog.accept();
  });
  const [created] = await Promise.all([
    student.waitForResponse((r) => r.url().endsWith("/exercises/hidden-activation/submissions") && r.request().method() === "POST"),
    student.getByRole("button", { name: "Submit answers" }).click(),
  ]);
  const { id } = (await created.json()) as { id: string };
  expect(questions).toHaveLength(2);
  await expect(student.locator(".quiz .feedback").first()).toBeVisible();
  // The header and the history follow the graded attempt without a reload.
  await expect(student.getByTestId("deadline")).toContainText("1 of 3 attempts used");
  await expect(student.locator("section.history tbody tr")).toHaveCount(1);
  await expect(student.getByTestId("explanation")).toHaveCount(0);
  await expect(student.getByText("The explanations appear once you can no longer submit")).toBeVisible();
  const hidden = await (await student.request.get(`/api/submissions/${id}`)).text();
  expect(hidden).toContain('"passed"');
  expect(hidden).not.toContain("explanationHtml");
  await student.reload();
  await expect(student.locator(".quiz .feedback").first()).toBeVisible();
  // The whole document, including the data handed to client components, is free of the explanations.
  expect(await student.content()).not.toContain("barely learn");

  await expect(release).toHaveValue("default");
  await release.selectOption("after_attempt");
  await instructor.getByRole("button", { name: "Save assignment" }).click();
  await expect(instructor.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await expect(release).toHaveValue("after_attempt");
  await instructor.reload();
  await expect(instructor.getByLabel("Quiz explanations")).toHaveValue("after_attempt");
  await expect(instructor.getByLabel("Attempt limit")).toHaveValue("3");

  await student.reload();
  await expect(student.getByTestId("question-why-not-sigmoid").getByTestId("explanation")).toContainText("barely learn");
  expect(await (await student.request.get(`/api/submissions/${id}`)).text()).toContain("explanationHtml");
});
