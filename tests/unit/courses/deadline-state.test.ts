import { describe, expect, it } from "vitest";
import type { AssignmentProgress } from "@/lib/progress/student-progress";
import { dueNext, overdue, type AssessmentView } from "@/lib/progress/course-overview";
import { deadlineState } from "@/lib/courses/deadline-state";
import { checkSubmissionWindow, type AssignmentPolicy } from "@/lib/courses/deadlines";

const now = new Date("2026-12-04T12:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const policy = (over: Partial<AssignmentPolicy>): AssignmentPolicy => ({
  opensAt: null,
  dueAt: null,
  attemptLimit: null,
  latePolicy: "none",
  latePenaltyPerDay: 0,
  lateCutoffAt: null,
  lateWaived: false,
  ...over,
});

describe("deadlineState", () => {
  it("tells upcoming, late (still taking work with a penalty) and closed apart", () => {
    expect(deadlineState(policy({}), now)).toBe("none");
    expect(deadlineState(policy({ dueAt: days(1) }), now)).toBe("upcoming");
    expect(deadlineState(policy({ dueAt: now }), now)).toBe("upcoming");
    expect(deadlineState(policy({ dueAt: days(-1) }), now)).toBe("closed");
    expect(deadlineState(policy({ dueAt: days(-1), latePolicy: "penalty", latePenaltyPerDay: 20 }), now)).toBe("late");
    expect(deadlineState(policy({ dueAt: days(-1), latePolicy: "penalty", latePenaltyPerDay: 20, lateCutoffAt: days(2) }), now)).toBe("late");
    expect(deadlineState(policy({ dueAt: days(-3), latePolicy: "penalty", latePenaltyPerDay: 20, lateCutoffAt: days(-1) }), now)).toBe("closed");
  });
});

describe("checkSubmissionWindow's message", () => {
  it("names the opening time in the course's zone, not as an ISO string", () => {
    const window = checkSubmissionWindow(policy({ opensAt: new Date("2026-12-07T08:00:00.000Z") }), now, 0, "Europe/Berlin");
    expect(window).toMatchObject({ open: false, reason: "not_open_yet", message: "Opens Mon, 7 Dec 2026, 09:00 CET." });
  });

  it("says 'one attempt' when the limit is one", () => {
    expect(checkSubmissionWindow(policy({ attemptLimit: 1 }), now, 1)).toMatchObject({ message: "Your one attempt is used." });
    expect(checkSubmissionWindow(policy({ attemptLimit: 3 }), now, 3)).toMatchObject({ message: "All 3 attempts are used." });
  });
});

/** An assessment of one exercise with the given rules and the student's status on it. */
function view(title: string, p: AssignmentPolicy, status: AssignmentProgress["status"] = "not_started"): AssessmentView {
  return {
    id: title,
    title,
    category: null,
    opensAt: p.opensAt,
    dueAt: p.dueAt,
    courseDueAt: p.dueAt,
    extended: false,
    attemptLimit: p.attemptLimit,
    latePolicy: p.latePolicy,
    latePenaltyPerDay: p.latePenaltyPerDay,
    lateCutoffAt: p.lateCutoffAt,
    lateWaived: p.lateWaived,
    timeLimitMinutes: null,
    releasePolicy: "immediately",
    scoresHeld: null,
    allowRun: true,
    accessCodeRequired: false,
    accommodation: null,
    state: p.opensAt && now < p.opensAt ? "not_open" : deadlineState(p, now),
    exercises: [
      {
        assignmentId: title,
        exerciseId: title,
        title,
        kind: "code",
        difficulty: "core",
        points: 10,
        href: `/courses/c/exercises/${title}`,
        progress: { attemptsUsed: 0, score: null, status },
        earned: null,
        window: checkSubmissionWindow(p, now, 0),
      },
    ],
    progress: { solved: status === "solved" ? 1 : 0, attempted: status === "attempted" ? 1 : 0, total: 1, earned: 0, possible: 10 },
  };
}

describe("the home page's due lists", () => {
  const late = policy({ dueAt: days(-2), latePolicy: "penalty", latePenaltyPerDay: 20, lateCutoffAt: days(5) });
  const assignments = [
    view("past-late", late),
    view("past-closed", policy({ dueAt: days(-1) })),
    view("in-5-days", policy({ dueAt: days(5) })),
    view("in-1-day", policy({ dueAt: days(1) })),
    view("solved-soon", policy({ dueAt: days(2) }), "solved"),
    view("not-open", policy({ opensAt: days(1), dueAt: days(3) })),
    view("no-deadline", policy({})),
    view("in-9-days", policy({ dueAt: days(9) })),
    view("in-7-days", policy({ dueAt: days(7) }), "attempted"),
  ];

  it("'Due next' holds only deadlines still ahead, open and unsolved, soonest first, three at most", () => {
    expect(dueNext(assignments).map((a) => a.title)).toEqual(["in-1-day", "in-5-days", "in-7-days"]);
    expect(dueNext(assignments).every((a) => a.dueAt! >= now)).toBe(true);
  });

  it("past-due work that still counts (late, with a penalty) is listed as overdue; closed work is not", () => {
    expect(overdue(assignments).map((a) => a.title)).toEqual(["past-late"]);
    expect(overdue([view("late-but-solved", late, "solved")])).toEqual([]);
    // A waived penalty keeps late work open even where the assessment takes none.
    expect(overdue([view("waived", policy({ dueAt: days(-1), lateWaived: true }))]).map((a) => a.title)).toEqual(["waived"]);
  });
});
