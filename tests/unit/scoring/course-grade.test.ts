import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { courseGrade, roundPercent, type CourseGradeInput, type GradeAssessmentInput, type GradeCategoryInput } from "@/lib/scoring/course-grade";
import { COUNTING_RULE, formatPercent, formatPoints } from "@/lib/scoring/course-grade-explanation";

const NOW = new Date("2026-03-10T12:00:00Z");
const PAST = new Date("2026-03-01T12:00:00Z");
const FUTURE = new Date("2026-03-20T12:00:00Z");

/** An assessment of one exercise (assignment id = "<id>-1"), or of several when `points` lists them. */
function assessment(id: string, options: { category?: string | null; position?: number; dueAt?: Date | null; points?: number[]; title?: string } = {}): GradeAssessmentInput {
  const points = options.points ?? [10];
  return {
    id,
    title: options.title ?? `Assessment ${id}`,
    categoryId: options.category ?? null,
    position: options.position ?? 0,
    dueAt: options.dueAt === undefined ? PAST : options.dueAt,
    items: points.map((p, i) => ({ assignmentId: `${id}-${i + 1}`, points: p })),
  };
}

const category = (id: string, weight: number, dropLowest = 0, position = 0): GradeCategoryInput => ({ id, name: `Category ${id}`, weight, dropLowest, position });

function grade(categories: GradeCategoryInput[], assessments: GradeAssessmentInput[], scores: Record<string, number | null>, now = NOW) {
  return courseGrade({ categories, assessments, scores: new Map(Object.entries(scores)), now });
}

const byId = (result: ReturnType<typeof grade>, id: string) => result.assessments.find((a) => a.assessmentId === id)!;
const categoryOf = (result: ReturnType<typeof grade>, id: string) => result.categories.find((c) => c.categoryId === id)!;

describe("an assessment's score", () => {
  it("is Σ counted points of its exercises (each to the cent) over Σ points, missing work counting 0", () => {
    const result = grade([], [assessment("a", { points: [10, 10, 5] })], { "a-1": 2 / 3, "a-2": 1, "a-3": null });
    expect(byId(result, "a")).toMatchObject({ earned: 16.67, possible: 25, percent: 66.68, status: "counted", dropped: false });
  });

  it("counts once the student has a graded Submit on any of its exercises, even before the due date", () => {
    const result = grade([], [assessment("a", { dueAt: FUTURE, points: [10, 10] })], { "a-1": 0.5 });
    expect(byId(result, "a")).toMatchObject({ status: "counted", earned: 5, possible: 20, percent: 25 });
    expect(result.percent).toBe(25);
  });

  it("counts 0 once its due date has passed without any graded Submit", () => {
    const result = grade([], [assessment("a", { dueAt: PAST })], {});
    expect(byId(result, "a")).toMatchObject({ status: "counted", earned: 0, percent: 0 });
    expect(result.percent).toBe(0);
  });

  it("is not yet counted before its due date (at the due instant too) and without a due date, while nothing is graded", () => {
    const result = grade([], [assessment("future", { dueAt: FUTURE }), assessment("now", { dueAt: NOW }), assessment("undated", { dueAt: null })], {});
    for (const id of ["future", "now", "undated"]) expect(byId(result, id)).toMatchObject({ status: "not_yet_counted", percent: null, earned: 0 });
    expect(result.percent).toBeNull();
  });

  it("uses the student's effective due date (an extension keeps it from counting 0)", () => {
    const extended = grade([], [assessment("a", { dueAt: FUTURE })], {}, PAST);
    const lapsed = grade([], [assessment("a", { dueAt: PAST })], {}, NOW);
    expect(byId(extended, "a").status).toBe("not_yet_counted");
    expect(byId(lapsed, "a").status).toBe("counted");
  });

  it("worth 0 points is not part of the grade", () => {
    const result = grade([], [assessment("empty", { points: [] }), assessment("a")], { "a-1": 1 });
    expect(byId(result, "empty")).toMatchObject({ status: "not_in_grade", percent: null, possible: 0 });
    expect(result.percent).toBe(100);
    expect(result.explanation.join(" ")).toContain("Worth no points, so not part of the grade: Assessment empty.");
  });
});

describe("a course without categories", () => {
  it("grades by points: Σ earned / Σ possible over the counted assessments, nothing dropped", () => {
    const result = grade(
      [],
      [assessment("a", { points: [10], position: 1 }), assessment("b", { points: [30], position: 2 }), assessment("c", { dueAt: FUTURE, points: [60], position: 3 })],
      { "a-1": 1, "b-1": 0.5 },
    );
    expect(result.method).toBe("points");
    expect(result.categories).toEqual([]);
    expect(result).toMatchObject({ earned: 25, possible: 40, percent: 62.5 });
    expect(byId(result, "c").status).toBe("not_yet_counted");
    expect(result.explanation[0]).toBe("Your course grade is 62.50 %: your points over the points possible of the assessments that count, 25 ÷ 40.");
    expect(result.explanation.at(-1)).toBe(COUNTING_RULE);
  });

  it("has no grade while nothing counts", () => {
    const result = grade([], [], {});
    expect(result).toMatchObject({ percent: null, method: "points", earned: 0, possible: 0, assessments: [] });
    expect(result.explanation[0]).toMatch(/no course grade yet/);
  });

  it("lists assessments in course order", () => {
    const result = grade([], [assessment("z", { position: 2 }), assessment("y", { position: 0 }), assessment("x", { position: 1 })], {});
    expect(result.assessments.map((a) => a.assessmentId)).toEqual(["y", "x", "z"]);
  });
});

describe("a course with categories", () => {
  const categories = [category("hw", 40, 0, 0), category("quiz", 20, 0, 1)];

  it("weighs the category percentages: Σ weight·cat% / Σ weight", () => {
    const result = grade(categories, [assessment("h1", { category: "hw" }), assessment("h2", { category: "hw", points: [30] }), assessment("q1", { category: "quiz" })], {
      "h1-1": 1,
      "h2-1": 0.5,
      "q1-1": 0.7,
    });
    expect(result.method).toBe("weighted");
    expect(categoryOf(result, "hw")).toMatchObject({ earned: 25, possible: 40, percent: 62.5, counted: 2, dropped: [], weight: 40 });
    expect(categoryOf(result, "quiz")).toMatchObject({ earned: 7, possible: 10, percent: 70 });
    expect(result.percent).toBe(65); // (40 × 62.5 + 20 × 70) / 60
    expect(result.explanation[0]).toBe(
      "Your course grade is 65.00 %: the average of your category percentages, each weighted by its category's weight, over the categories where something counts: (40 × 62.50 % + 20 × 70.00 %) ÷ (40 + 20).",
    );
    expect(result.explanation).toContain("Category hw (weight 40): 25 of 40 points over 2 assessments = 62.50 %.");
  });

  it("computes from exact ratios, rounding only the result", () => {
    const result = grade([category("a", 1), category("b", 2)], [assessment("x", { category: "a", points: [3] }), assessment("y", { category: "b", points: [3] })], {
      "x-1": 1 / 3,
      "y-1": 2 / 3,
    });
    // 1 of 3 and 2 of 3 points: (1 × 1/3 + 2 × 2/3) / 3 = 5/9 = 55.555… %
    expect(categoryOf(result, "a").percent).toBe(33.33);
    expect(result.percent).toBe(55.56);
  });

  it("leaves out a category where nothing counts yet, and an empty one", () => {
    const result = grade(
      [...categories, category("exam", 40, 0, 2)],
      [assessment("h1", { category: "hw" }), assessment("q1", { category: "quiz", dueAt: FUTURE })],
      { "h1-1": 0.8 },
    );
    expect(categoryOf(result, "quiz")).toMatchObject({ percent: null, counted: 0, earned: 0, possible: 0 });
    expect(categoryOf(result, "exam")).toMatchObject({ percent: null, counted: 0 });
    expect(result.percent).toBe(80);
    expect(result.explanation).toContain("Category quiz (weight 20): nothing counts yet, so it is left out.");
  });

  it("keeps a zero-weight category out of the grade's value but shows its percentage", () => {
    const result = grade([category("hw", 40), category("practice", 0, 0, 1)], [assessment("h", { category: "hw" }), assessment("p", { category: "practice" })], { "h-1": 0.9, "p-1": 0.1 });
    expect(categoryOf(result, "practice").percent).toBe(10);
    expect(byId(result, "p").status).toBe("counted");
    expect(result.percent).toBe(90);
    expect(result.explanation.find((line) => line.startsWith("Category practice"))).toMatch(/its weight is 0, so it does not change the grade\.$/);
  });

  it("has no grade when every category with counted work weighs 0", () => {
    const result = grade([category("a", 0), category("b", 0)], [assessment("x", { category: "a" })], { "x-1": 1 });
    expect(result.percent).toBeNull();
    expect(result.explanation[0]).toBe("There is no course grade: every category where something counts has weight 0.");
  });

  it("does not count assessments without a category (or with one that is not the course's)", () => {
    const result = grade(categories, [assessment("h", { category: "hw" }), assessment("loose", { category: null, title: "Warm-up" }), assessment("stray", { category: "gone", title: "Stray" })], {
      "h-1": 0.5,
      "loose-1": 1,
      "stray-1": 1,
    });
    expect(byId(result, "loose")).toMatchObject({ status: "not_in_grade", categoryId: null, percent: 100, earned: 10 });
    expect(byId(result, "stray")).toMatchObject({ status: "not_in_grade", categoryId: null });
    expect(result.percent).toBe(50);
    expect(result).toMatchObject({ earned: 5, possible: 10 });
    expect(result.explanation).toContain("In no category, so not part of the grade: Warm-up, Stray.");
  });

  it("lists categories in position order", () => {
    const result = grade([category("c", 1, 0, 2), category("a", 1, 0, 0), category("b", 1, 0, 1)], [], {});
    expect(result.categories.map((c) => c.categoryId)).toEqual(["a", "b", "c"]);
  });
});

describe("dropping the lowest", () => {
  const hw = (drop: number) => [category("hw", 100, drop)];
  const four = [1, 2, 3, 4].map((i) => assessment(`h${i}`, { category: "hw", position: i }));

  it("drops the N lowest counted assessments by percentage", () => {
    const result = grade(hw(2), four, { "h1-1": 0.9, "h2-1": 0.3, "h3-1": 0.6, "h4-1": 0.2 });
    expect(categoryOf(result, "hw")).toMatchObject({ dropped: ["h4", "h2"], earned: 15, possible: 20, percent: 75, counted: 4 });
    expect(result.assessments.filter((a) => a.dropped).map((a) => a.assessmentId)).toEqual(["h2", "h4"]);
    expect(byId(result, "h2")).toMatchObject({ status: "counted", dropped: true, percent: 30 });
    expect(result.percent).toBe(75);
    expect(result).toMatchObject({ earned: 15, possible: 20 });
    expect(result.explanation).toContain(
      "Category hw (weight 100): 15 of 20 points over 2 assessments = 75.00 %; the 2 lowest are dropped: Assessment h4 (20.00 %), Assessment h2 (30.00 %).",
    );
  });

  it("compares percentages, not points", () => {
    const result = grade(hw(1), [assessment("big", { category: "hw", points: [100], position: 1 }), assessment("small", { category: "hw", points: [10], position: 2 })], {
      "big-1": 0.5, // 50 points, 50 %
      "small-1": 0.6, // 6 points, 60 %
    });
    expect(categoryOf(result, "hw").dropped).toEqual(["big"]);
    expect(result.percent).toBe(60);
  });

  it("never drops every counted assessment", () => {
    const result = grade(hw(5), four.slice(0, 3), { "h1-1": 0.9, "h2-1": 0.3, "h3-1": 0.6 });
    expect(categoryOf(result, "hw")).toMatchObject({ dropped: ["h2", "h3"], percent: 90 });
    expect(result.explanation.find((line) => line.startsWith("Category hw"))).toContain("it drops the lowest 5, but never every assessment that counts");
    const single = grade(hw(1), four.slice(0, 1), { "h1-1": 0.4 });
    expect(categoryOf(single, "hw")).toMatchObject({ dropped: [], percent: 40 });
  });

  it("drops only among counted assessments: one not yet counted is neither dropped nor in the grade", () => {
    const assessments = [...four.slice(0, 2), assessment("later", { category: "hw", position: 9, dueAt: FUTURE })];
    const result = grade(hw(1), assessments, { "h1-1": 0.9, "h2-1": 0.3 });
    expect(categoryOf(result, "hw")).toMatchObject({ dropped: ["h2"], counted: 2, percent: 90 });
    expect(byId(result, "later")).toMatchObject({ status: "not_yet_counted", dropped: false });
  });

  it("drops the later position first on a tie, decided on exact shares", () => {
    const ties = grade(hw(1), [assessment("first", { category: "hw", position: 1, points: [10] }), assessment("second", { category: "hw", position: 2, points: [20] }), assessment("best", { category: "hw", position: 3 })], {
      "first-1": 0.5, // 5 of 10
      "second-1": 0.5, // 10 of 20: the same share
      "best-1": 1,
    });
    expect(categoryOf(ties, "hw").dropped).toEqual(["second"]);
    const reversed = grade(hw(2), [assessment("p3", { category: "hw", position: 3 }), assessment("p1", { category: "hw", position: 1 }), assessment("p2", { category: "hw", position: 2 })], {
      "p1-1": 0.4,
      "p2-1": 0.4,
      "p3-1": 0.4,
    });
    expect(categoryOf(reversed, "hw").dropped).toEqual(["p3", "p2"]);
  });

  it("counts a missed, past-due assessment as 0, so it is the first dropped", () => {
    const result = grade(hw(1), [...four.slice(0, 2), assessment("missed", { category: "hw", position: 0 })], { "h1-1": 0.5, "h2-1": 0.7 });
    expect(categoryOf(result, "hw")).toMatchObject({ dropped: ["missed"], percent: 60 });
  });

  it("drops per category", () => {
    const result = grade([category("a", 1, 1), category("b", 1, 0, 1)], [assessment("a1", { category: "a" }), assessment("a2", { category: "a" }), assessment("b1", { category: "b" }), assessment("b2", { category: "b" })], {
      "a1-1": 0.2,
      "a2-1": 0.8,
      "b1-1": 0.2,
      "b2-1": 0.8,
    });
    expect(categoryOf(result, "a")).toMatchObject({ dropped: ["a1"], percent: 80 });
    expect(categoryOf(result, "b")).toMatchObject({ dropped: [], percent: 50 });
    expect(result.percent).toBe(65);
  });
});

describe("rounding and wording", () => {
  it("rounds percentages half up to 0.01, as the decimal reads", () => {
    expect(roundPercent(1.005)).toBe(1.01);
    expect(roundPercent(66.666666)).toBe(66.67);
    expect(roundPercent(100)).toBe(100);
    expect(roundPercent(0)).toBe(0);
  });

  it("formats percentages and points for people", () => {
    expect(formatPercent(81.2)).toBe("81.20 %");
    expect(formatPercent(null)).toBe("—");
    expect(formatPoints(6.67)).toBe("6.67");
    expect(formatPoints(10)).toBe("10");
    expect(formatPoints(0.1 + 0.2)).toBe("0.3");
  });
});

/** An independent, float-based reading of the rules, to compare the module with on generated classes. */
function referenceGrade(input: CourseGradeInput): number | null {
  const pointsOf = (a: GradeAssessmentInput) => a.items.reduce((s, i) => s + i.points, 0);
  const earnedOf = (a: GradeAssessmentInput) => a.items.reduce((s, i) => s + Math.round((input.scores.get(i.assignmentId) ?? 0) * i.points * 100) / 100, 0);
  const counts = (a: GradeAssessmentInput) => pointsOf(a) > 0 && (a.items.some((i) => (input.scores.get(i.assignmentId) ?? null) !== null) || (a.dueAt !== null && a.dueAt < input.now));
  if (input.categories.length === 0) {
    const counted = input.assessments.filter(counts);
    const possible = counted.reduce((s, a) => s + pointsOf(a), 0);
    return possible === 0 ? null : (100 * counted.reduce((s, a) => s + earnedOf(a), 0)) / possible;
  }
  let numerator = 0;
  let denominator = 0;
  for (const c of input.categories) {
    const counted = input.assessments.filter((a) => a.categoryId === c.id && counts(a));
    if (counted.length === 0) continue;
    const sorted = counted
      .map((a) => ({ a, share: earnedOf(a) / pointsOf(a) }))
      .sort((x, y) => (Math.abs(x.share - y.share) > 1e-12 ? x.share - y.share : y.a.position - x.a.position || y.a.id.localeCompare(x.a.id)));
    const kept = sorted.slice(Math.min(c.dropLowest, counted.length - 1));
    const share = kept.reduce((s, k) => s + earnedOf(k.a), 0) / kept.reduce((s, k) => s + pointsOf(k.a), 0);
    numerator += c.weight * share;
    denominator += c.weight;
  }
  return denominator === 0 ? null : (100 * numerator) / denominator;
}

const generatedCourse = fc
  .record({
    categoryCount: fc.integer({ min: 0, max: 4 }),
    weights: fc.array(fc.integer({ min: 0, max: 100_000 }).map((cents) => cents / 100), { minLength: 4, maxLength: 4 }),
    drops: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }),
    assessments: fc.array(
      fc.record({
        category: fc.integer({ min: -1, max: 4 }),
        position: fc.integer({ min: 0, max: 6 }),
        due: fc.constantFrom("past", "future", "none"),
        items: fc.array(
          fc.record({ points: fc.integer({ min: 0, max: 120 }), score: fc.option(fc.oneof(fc.constantFrom(0, 0.5, 1 / 3, 2 / 3, 1), fc.double({ min: 0, max: 1, noNaN: true })), { nil: null }) }),
          { maxLength: 4 },
        ),
      }),
      { maxLength: 10 },
    ),
  })
  .map(({ categoryCount, weights, drops, assessments }): CourseGradeInput => {
    const categories = Array.from({ length: categoryCount }, (_, i) => ({ id: `c${i}`, name: `C${i}`, weight: weights[i]!, dropLowest: drops[i]!, position: i }));
    const scores = new Map<string, number | null>();
    const list = assessments.map((a, i): GradeAssessmentInput => {
      a.items.forEach((item, j) => scores.set(`a${i}-${j}`, item.score));
      return {
        id: `a${i}`,
        title: `A${i}`,
        categoryId: a.category < 0 ? null : `c${a.category}`,
        position: a.position,
        dueAt: a.due === "past" ? PAST : a.due === "future" ? FUTURE : null,
        items: a.items.map((item, j) => ({ assignmentId: `a${i}-${j}`, points: item.points })),
      };
    });
    return { categories, assessments: list, scores, now: NOW };
  });

describe("generated classes", () => {
  it("agree with an independent reading of the rules, and the course % recomputed from the categories", () => {
    fc.assert(
      fc.property(generatedCourse, (input) => {
        const result = courseGrade(input);
        const reference = referenceGrade(input);
        if (reference === null) expect(result.percent).toBeNull();
        else expect(Math.abs(result.percent! - reference)).toBeLessThanOrEqual(0.005 + 1e-9);

        if (result.method === "weighted") {
          // Σ weight·(earned/possible) / Σ weight over the categories in play, from the module's own category figures.
          const inPlay = result.categories.filter((c) => c.possible > 0);
          const weights = inPlay.reduce((s, c) => s + c.weight, 0);
          const recomputed = weights === 0 ? null : (100 * inPlay.reduce((s, c) => s + c.weight * (c.earned / c.possible), 0)) / weights;
          expect(result.percent).toBe(recomputed === null ? null : roundPercent(recomputed));
          for (const c of result.categories) {
            const members = result.assessments.filter((a) => a.categoryId === c.categoryId && a.status === "counted");
            const kept = members.filter((a) => !a.dropped);
            expect(c.dropped.length).toBe(members.length === 0 ? 0 : Math.min(c.dropLowest, members.length - 1));
            expect(c.earned).toBeCloseTo(kept.reduce((s, a) => s + a.earned, 0), 9);
            expect(c.possible).toBe(kept.reduce((s, a) => s + a.possible, 0));
            // Nothing dropped scores above anything kept.
            for (const d of members.filter((a) => a.dropped)) for (const k of kept) expect(d.earned / d.possible).toBeLessThanOrEqual(k.earned / k.possible + 1e-12);
          }
        } else {
          expect(result.percent).toBe(result.possible === 0 ? null : roundPercent((100 * result.earned) / result.possible));
        }
        expect(result.assessments).toHaveLength(input.assessments.length);
        expect(result.explanation.at(-1)).toBe(COUNTING_RULE);
        expect(formatPoints(result.earned)).not.toMatch(/e|\.\d{3}/);
      }),
      { numRuns: 500 },
    );
  });
});

describe("an assessment whose scores are not released to the student", () => {
  it("does not count: no share, no points, named in the explanation; released, it counts as usual", () => {
    const input = [category("c", 100)];
    const held = grade(input, [{ ...assessment("a", { category: "c" }), released: false }, assessment("b", { category: "c", position: 1 })], { "a-1": 1, "b-1": 0.5 });
    expect(byId(held, "a")).toMatchObject({ status: "not_released", earned: 0, percent: null, dropped: false });
    expect(held.percent).toBe(50);
    expect(held.explanation).toContain("Scores not released yet, so not part of the grade until they are: Assessment a.");
    const released = grade(input, [{ ...assessment("a", { category: "c" }), released: true }, assessment("b", { category: "c", position: 1 })], { "a-1": 1, "b-1": 0.5 });
    expect(byId(released, "a")).toMatchObject({ status: "counted", percent: 100 });
    expect(released.percent).toBe(75);
  });

  it("does not count staff's score either while held back", () => {
    const held = courseGrade({ categories: [], assessments: [{ ...assessment("a"), released: false }], scores: new Map([["a-1", 0.5]]), overrides: new Map([["a", 0.9]]), now: NOW });
    expect(byId(held, "a")).toMatchObject({ status: "not_released", earned: 0, overridden: false });
    expect(held.explanation.some((line) => line.startsWith("Set by staff"))).toBe(false);
  });
});

describe("an assessment score set by staff", () => {
  const withOverrides = (categories: GradeCategoryInput[], assessments: GradeAssessmentInput[], scores: Record<string, number | null>, overrides: Record<string, number>, now = NOW) =>
    courseGrade({ categories, assessments, scores: new Map(Object.entries(scores)), overrides: new Map(Object.entries(overrides)), now });

  it("replaces the sum of its exercises (to the cent) and the grade follows", () => {
    // Σ exercises 5 of 20 (25 %); staff set 0.9: 18 of 20.
    const result = withOverrides([], [assessment("mid", { points: [10, 10], title: "Midterm" }), assessment("hw", { title: "Homework" })], { "mid-1": 0.5, "hw-1": 1 }, { mid: 0.9 });
    expect(byId(result, "mid")).toMatchObject({ earned: 18, possible: 20, percent: 90, status: "counted", overridden: true });
    expect(byId(result, "hw")).toMatchObject({ earned: 10, overridden: false });
    expect(result.percent).toBe(roundPercent((100 * 28) / 30));
    expect(result.explanation).toContain("Set by staff, in place of the sum of their exercises: Midterm (18 of 20).");
    expect(result.explanation.at(-1)).toBe(COUNTING_RULE);
  });

  it("counts at once, before the due date and with nothing graded, and takes part in dropping", () => {
    const result = withOverrides([category("hw", 1, 1)], [assessment("a", { category: "hw", dueAt: FUTURE }), assessment("b", { category: "hw", position: 1 })], { "b-1": 0.6 }, { a: 0.2 });
    expect(byId(result, "a")).toMatchObject({ status: "counted", earned: 2, percent: 20, dropped: true, overridden: true });
    expect(categoryOf(result, "hw")).toMatchObject({ percent: 60, dropped: ["a"] });
  });

  it("is never more than the assessment's points nor an explanation without one", () => {
    const none = withOverrides([], [assessment("a")], { "a-1": 0.5 }, {});
    expect(none.explanation.some((line) => line.startsWith("Set by staff"))).toBe(false);
    const full = withOverrides([], [assessment("a", { points: [3, 4] })], {}, { a: 1 });
    expect(byId(full, "a")).toMatchObject({ earned: 7, possible: 7, percent: 100 });
  });
});
