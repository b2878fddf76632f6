import { describe, expect, it } from "vitest";
import { heldTextOf, redactSubmission, releaseStateOf, SEES_EVERYTHING } from "@/lib/submissions/release-view";
import type { SubmissionView } from "@/lib/submissions/submission-view";

const NOW = new Date("2026-12-06T12:00:00Z");
const DUE = new Date("2026-12-07T17:00:00Z");

const submit: SubmissionView = {
  id: "s",
  exerciseId: "batching",
  mode: "submit",
  status: "graded",
  verdict: "graded",
  score: 0.5,
  message: "a message",
  console: "printed",
  code: "export {}",
  answers: null,
  createdAt: NOW.toISOString(),
  gradedAt: NOW.toISOString(),
  tests: [
    { name: "example", passed: true, message: "", hidden: false, shown: { expected: 1, actual: 1 } },
    { name: "hidden one", passed: false, message: "check the last batch", hidden: true },
  ],
  explanationsPending: "later",
};

describe("the release rules of an assessment for one student", () => {
  it("releases at once, after the student's own due date, or once staff released", () => {
    const rules = { hiddenTestDetail: "names_and_hints" as const, releasedAt: null };
    expect(releaseStateOf({ ...rules, releasePolicy: "immediately" }, DUE, "UTC", NOW)).toEqual(SEES_EVERYTHING);
    expect(releaseStateOf({ ...rules, releasePolicy: "after_due" }, DUE, "UTC", NOW)).toEqual({
      released: false,
      detail: "names_and_hints",
      heldText: "Your score and feedback will be released after the due date, Mon, 7 Dec 2026, 17:00 UTC.",
    });
    expect(releaseStateOf({ ...rules, releasePolicy: "after_due" }, DUE, "UTC", DUE).released).toBe(true);
    expect(releaseStateOf({ ...rules, releasePolicy: "after_due" }, null, "UTC", NOW).released).toBe(true);
    expect(releaseStateOf({ ...rules, releasePolicy: "manual" }, DUE, "UTC", NOW)).toMatchObject({ released: false, heldText: "Your score and feedback will be released by your instructor." });
    expect(releaseStateOf({ ...rules, releasePolicy: "manual", releasedAt: NOW }, DUE, "UTC", NOW).released).toBe(true);
  });

  it("words when results come in the course's zone", () => {
    expect(heldTextOf("after_due", DUE, "Europe/Berlin")).toBe("Your score and feedback will be released after the due date, Mon, 7 Dec 2026, 18:00 CET.");
    expect(heldTextOf("manual", DUE, "UTC")).toBe("Your score and feedback will be released by your instructor.");
  });
});

describe("a Submit as the student sees it", () => {
  const held = releaseStateOf({ releasePolicy: "manual", releasedAt: null, hiddenTestDetail: "names_and_hints" }, null, "UTC", NOW);

  it("before release: 'Submitted' with when results come; no score, verdict, message, console, tests or explanations", () => {
    const view = redactSubmission(submit, held);
    expect(view).toEqual({
      ...submit,
      verdict: null,
      score: null,
      message: null,
      console: null,
      tests: [],
      explanationsPending: undefined,
      held: "Your score and feedback will be released by your instructor.",
    } satisfies SubmissionView);
    expect("explanationsPending" in view).toBe(false);
    expect(JSON.stringify(view)).not.toMatch(/hidden one|check the last batch|0\.5/);
  });

  it("a Run is never held back", () => {
    const run = { ...submit, mode: "run" as const };
    expect(redactSubmission(run, held)).toBe(run);
  });

  it("after release: names and hints as stored; names only keeps a hidden test's name and pass or fail, not its hint", () => {
    expect(redactSubmission(submit, SEES_EVERYTHING)).toBe(submit);
    const namesOnly = redactSubmission(submit, { released: true, detail: "names_only", heldText: null });
    expect(namesOnly.tests).toEqual([submit.tests[0], { name: "hidden one", passed: false, message: "", hidden: true }]);
    expect(namesOnly.score).toBe(0.5);
    const nothing = redactSubmission(submit, { released: true, detail: "nothing", heldText: null });
    expect(nothing.tests).toEqual([submit.tests[0]]);
  });
});
