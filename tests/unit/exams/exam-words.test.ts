import { describe, expect, it } from "vitest";
import { describeExamEvent } from "@/lib/exams/describe-event";
import { EXAM_EVENT_KINDS } from "@/lib/exams/events";
import { examStatusOf } from "@/lib/exams/exam-status";
import { FocusEventSchema } from "@/lib/exams/focus-events";
import { formatClock, formatLogTime, formatSpan } from "@/lib/exams/format";

const T = new Date("2026-12-07T09:00:00Z");
const later = (ms: number) => new Date(T.getTime() + ms);

describe("exam status", () => {
  it("reads not started, in progress, finished and time up from the start row and the deadline", () => {
    const deadline = later(20 * 60_000);
    expect(examStatusOf(null, null, T)).toBe("not_started");
    expect(examStatusOf({ finishedAt: null, finishReason: null }, deadline, T)).toBe("in_progress");
    expect(examStatusOf({ finishedAt: null, finishReason: null }, deadline, later(20 * 60_000 - 1))).toBe("in_progress");
    // At the deadline, before the server has closed the start: already time up.
    expect(examStatusOf({ finishedAt: null, finishReason: null }, deadline, deadline)).toBe("time_up");
    expect(examStatusOf({ finishedAt: T, finishReason: "finished" }, deadline, T)).toBe("finished");
    expect(examStatusOf({ finishedAt: deadline, finishReason: "time_up" }, deadline, deadline)).toBe("time_up");
    // Untimed work that was started has no deadline to pass.
    expect(examStatusOf({ finishedAt: null, finishReason: null }, null, later(1e9))).toBe("in_progress");
  });
});

describe("exam times in words", () => {
  it("shows time left as a clock, rounded down to the second", () => {
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(-5000)).toBe("0:00");
    expect(formatClock(59_999)).toBe("0:59");
    expect(formatClock(30 * 60_000)).toBe("30:00");
    expect(formatClock(3_723_000)).toBe("1:02:03");
  });

  it("says how long focus was away", () => {
    expect(formatSpan(400)).toBe("0 s");
    expect(formatSpan(42_400)).toBe("42 s");
    expect(formatSpan(125_000)).toBe("2 min 5 s");
    expect(formatSpan(180_000)).toBe("3 min");
    expect(formatSpan(7_800_000)).toBe("2 h 10 min");
    expect(formatSpan(7_200_000)).toBe("2 h");
  });

  it("gives log times to the second in the course's zone", () => {
    expect(formatLogTime(new Date("2026-12-07T09:02:03Z"), "UTC")).toBe("Mon 7 Dec, 09:02:03 UTC");
    expect(formatLogTime(new Date("2026-07-07T09:02:03Z"), "Europe/Berlin")).toBe("Tue 7 Jul, 11:02:03 CEST");
  });
});

describe("exam events in words", () => {
  const titles = new Map([["adam", "Adam"]]);

  it("has words for every kind, naming the exercise by its title", () => {
    for (const kind of EXAM_EVENT_KINDS) expect(describeExamEvent({ kind, detail: null }), kind).not.toMatch(/Event “/);
    expect(describeExamEvent({ kind: "save", detail: { exerciseId: "adam" } }, titles)).toBe("Saved a draft of “Adam”");
    expect(describeExamEvent({ kind: "submit", detail: { exerciseId: "gone" } }, titles)).toBe("Submitted “gone”");
    expect(describeExamEvent({ kind: "auto_submit", detail: { exerciseId: "adam" } }, titles)).toBe("The draft of “Adam” was submitted automatically");
    expect(describeExamEvent({ kind: "focus_back", detail: { awayMs: 61_000 } })).toBe("Came back to the exam after 1 min 1 s");
    expect(describeExamEvent({ kind: "focus_back", detail: { awayMs: "soon" } })).toBe("Came back to the exam");
    expect(describeExamEvent({ kind: "something_new", detail: [] })).toBe("Event “something_new”");
  });
});

describe("focus report bodies", () => {
  it("take focus lost and back, with how long focus was away, and nothing else", () => {
    expect(FocusEventSchema.parse({ kind: "focus_lost" })).toEqual({ kind: "focus_lost" });
    expect(FocusEventSchema.parse({ kind: "focus_back", awayMs: 1200 })).toEqual({ kind: "focus_back", awayMs: 1200 });
    for (const body of [{ kind: "start" }, { kind: "focus_back", awayMs: 25 * 3_600_000 }, { kind: "focus_lost", at: "now" }, null, "focus_lost"]) {
      expect(FocusEventSchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
    }
  });
});
