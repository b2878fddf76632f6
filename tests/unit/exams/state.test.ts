import { describe, expect, it } from "vitest";
import { examDeadline, SUBMIT_GRACE_MS } from "@/lib/exams/clock";
import { closingTime, examStateJson, examStateOf, isExamClosed } from "@/lib/exams/state";
import type { Accommodation } from "@/lib/scoring/accommodation";

const T0 = new Date("2026-12-01T09:00:00Z");
const MIN = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);
const grant = (timeMultiplier: number | null): Accommodation => ({ dueAt: null, extraAttempts: 0, waiveLatePenalty: false, timeMultiplier });

describe("examDeadline", () => {
  it("is the start plus the limit times the multiplier, rounded up to whole minutes", () => {
    expect(examDeadline(T0, 20, null)).toEqual(at(20 * MIN));
    expect(examDeadline(T0, 20, grant(1.5))).toEqual(at(30 * MIN));
    // 7 × 1.25 = 8.75 → 9 minutes.
    expect(examDeadline(T0, 7, grant(1.25))).toEqual(at(9 * MIN));
    expect(examDeadline(T0, null, grant(2))).toBeNull();
  });
});

describe("examStateOf", () => {
  it("untimed work has no clock", () => {
    expect(examStateOf(null, null, grant(2), T0)).toMatchObject({ status: "untimed", deadline: null, remainingMs: null, minutes: null });
  });

  it("before the start it tells the accommodated minutes and the multiplier", () => {
    expect(examStateOf(20, null, grant(1.5), T0)).toEqual({
      status: "not_started",
      startedAt: null,
      deadline: null,
      remainingMs: null,
      minutes: 30,
      multiplier: 1.5,
      finishReason: null,
    });
    expect(examStateOf(20, null, null, T0)).toMatchObject({ minutes: 20, multiplier: 1 });
  });

  it("in progress counts down from the start by the server's now, never below zero", () => {
    const start = { startedAt: T0, finishedAt: null, finishReason: null };
    expect(examStateOf(20, start, grant(1.5), at(2 * MIN))).toMatchObject({ status: "in_progress", deadline: at(30 * MIN), remainingMs: 28 * MIN });
    expect(examStateOf(20, start, null, at(25 * MIN))).toMatchObject({ status: "in_progress", deadline: at(20 * MIN), remainingMs: 0 });
  });

  it("more time granted mid-exam moves the deadline at once", () => {
    const start = { startedAt: T0, finishedAt: null, finishReason: null };
    expect(examStateOf(20, start, null, at(MIN)).deadline).toEqual(at(20 * MIN));
    expect(examStateOf(20, start, grant(2), at(MIN)).deadline).toEqual(at(40 * MIN));
  });

  it("finished keeps its reason and runs no clock", () => {
    const finished = examStateOf(20, { startedAt: T0, finishedAt: at(5 * MIN), finishReason: "finished" }, null, at(6 * MIN));
    expect(finished).toMatchObject({ status: "finished", finishReason: "finished", remainingMs: null, deadline: at(20 * MIN) });
    expect(examStateOf(20, { startedAt: T0, finishedAt: at(21 * MIN), finishReason: "time_up" }, null, at(22 * MIN)).finishReason).toBe("time_up");
  });
});

describe("isExamClosed", () => {
  const start = { startedAt: T0, finishedAt: null, finishReason: null };
  it("stays open through the grace after the deadline, then closes", () => {
    const deadline = 20 * MIN;
    expect(isExamClosed(examStateOf(20, start, null, at(deadline)), at(deadline))).toBe(false);
    expect(isExamClosed(examStateOf(20, start, null, at(deadline + SUBMIT_GRACE_MS)), at(deadline + SUBMIT_GRACE_MS))).toBe(false);
    expect(isExamClosed(examStateOf(20, start, null, at(deadline + SUBMIT_GRACE_MS + 1)), at(deadline + SUBMIT_GRACE_MS + 1))).toBe(true);
    expect(closingTime(at(deadline))).toEqual(at(deadline + SUBMIT_GRACE_MS));
  });
  it("a finished start is closed whatever the time; untimed and not started are not", () => {
    expect(isExamClosed(examStateOf(20, { ...start, finishedAt: at(MIN), finishReason: "finished" }, null, at(2 * MIN)), at(2 * MIN))).toBe(true);
    expect(isExamClosed(examStateOf(null, null, null, T0), T0)).toBe(false);
    expect(isExamClosed(examStateOf(20, null, null, T0), T0)).toBe(false);
  });
});

describe("examStateJson", () => {
  it("sends instants as ISO text with the server's now", () => {
    const json = examStateJson(examStateOf(20, { startedAt: T0, finishedAt: null, finishReason: null }, grant(1.5), at(MIN)), at(MIN));
    expect(json).toEqual({
      status: "in_progress",
      startedAt: T0.toISOString(),
      deadline: at(30 * MIN).toISOString(),
      remainingMs: 29 * MIN,
      minutes: 30,
      multiplier: 1.5,
      finishReason: null,
      serverNow: at(MIN).toISOString(),
    });
  });
});
