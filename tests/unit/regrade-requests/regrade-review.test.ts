import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RegradeReview } from "@/app/courses/[slug]/exercises/[exerciseId]/RegradeReview";
import type { OwnRegradeRequest } from "@/lib/regrade-requests";

const answered: OwnRegradeRequest = {
  id: "r1",
  status: "resolved",
  message: "Test 3 should pass.",
  createdAt: "2026-12-01T10:00:00.000Z",
  response: "Test 3 was wrong; fixed.",
  resolverName: "Teach",
  resolvedAt: "2026-12-02T10:00:00.000Z",
  answerHeld: false,
  previousScore: 0.6,
  newScore: 0.9,
  newScoreCounted: null,
};

// graded: false leaves out "Ask for a review" (a client form): only the answer is rendered.
const render = (request: OwnRegradeRequest) =>
  renderToStaticMarkup(createElement(RegradeReview, { slug: "nn", submissionId: "s1", graded: false, mayAsk: true, requests: [request], timeZone: "UTC" }))
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ");

describe("a regrade answer on the exercise page", () => {
  it("gives the response and the score change", () => {
    expect(render(answered)).toContain("Reviewed by Teach on Wed, 2 Dec 2026, 10:00 UTC: Test 3 was wrong; fixed. Score 60 % → 90 %.");
  });

  it("says what the new score counts as after the late penalty when that differs", () => {
    expect(render({ ...answered, newScoreCounted: 0.72 })).toContain("Score 60 % → 90 % (counts as 72 % after the late penalty).");
    expect(render({ ...answered, previousScore: 0.9, newScoreCounted: 0.72 })).toContain("Score kept at 90 % (counts as 72 % after the late penalty).");
  });

  it("says only that it was answered while scores are held back", () => {
    const html = render({ ...answered, answerHeld: true, response: null, previousScore: null, newScore: null });
    expect(html).toContain("Reviewed by Teach on Wed, 2 Dec 2026, 10:00 UTC: answered; the answer is shown when your scores are released.");
    expect(html).not.toMatch(/%|fixed/);
  });
});
