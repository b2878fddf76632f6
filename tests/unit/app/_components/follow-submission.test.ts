import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FIRST_EVENT_MS, STREAM_SILENCE_MS, followSubmission } from "@/app/_components/follow-submission";

type State = { status: "queued" | "running" | "graded" | "error"; score?: number };

/** An EventSource the test drives: `emit` delivers a named event, `fail` an error. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  closed = false;
  private listeners = new Map<string, Array<(event: unknown) => void>>();
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, listener: (event: unknown) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(state: State) {
    for (const listener of this.listeners.get("submission") ?? []) listener({ data: JSON.stringify(state) });
  }
  /** A named event without a state: `ready` or `ping`. */
  signal(type: "ready" | "ping") {
    for (const listener of this.listeners.get(type) ?? []) listener({ data: "{}" });
  }
  fail() {
    for (const listener of this.listeners.get("error") ?? []) listener({});
  }
}

/** A fetch answering each long-poll with the next of `answers` (a state, or an HTTP status for a refusal; 429 with Retry-After: 2). */
function longPolls(...answers: Array<State | number>) {
  const urls: string[] = [];
  const fetch = vi.fn(async (url: string) => {
    urls.push(url);
    const answer = answers.shift() ?? 500;
    if (answer === 429) return new Response("{}", { status: 429, headers: { "Retry-After": "2" } });
    return typeof answer === "number" ? new Response("{}", { status: answer }) : Response.json(answer);
  });
  vi.stubGlobal("fetch", fetch);
  return urls;
}

const ID = "00000000-0000-4000-8000-000000000001";
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("following a submission from the page", () => {
  beforeEach(() => {
    FakeEventSource.opened = [];
    vi.stubGlobal("EventSource", FakeEventSource);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("takes each state from the event stream until the final one, and closes it; no request of its own", async () => {
    const urls = longPolls();
    const states: State[] = [];
    const following = followSubmission<State>(ID, (s) => states.push(s), new AbortController().signal);
    const [source] = FakeEventSource.opened;
    expect(source?.url).toBe(`/api/submissions/${ID}/events`);
    source!.emit({ status: "queued" });
    source!.emit({ status: "running" });
    source!.emit({ status: "graded", score: 1 });
    expect(await following).toBe(true);
    expect(states.map((s) => s.status)).toEqual(["queued", "running", "graded"]);
    expect(source!.closed).toBe(true);
    expect(urls).toEqual([]);
  });

  it("long-polls from the last status it saw when the stream fails", async () => {
    const urls = longPolls({ status: "graded", score: 0.5 });
    const states: State[] = [];
    const following = followSubmission<State>(ID, (s) => states.push(s), new AbortController().signal);
    const [source] = FakeEventSource.opened;
    source!.emit({ status: "running" });
    source!.fail();
    expect(await following).toBe(true);
    expect(source!.closed).toBe(true);
    expect(urls).toEqual([`/api/submissions/${ID}?after=running`]);
    expect(states.at(-1)).toEqual({ status: "graded", score: 0.5 });
  });

  it("long-polls when the stream stays silent (a proxy that buffers it)", async () => {
    vi.useFakeTimers();
    const urls = longPolls({ status: "running" }, { status: "graded" });
    const following = followSubmission<State>(ID, () => {}, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(FIRST_EVENT_MS);
    expect(await following).toBe(true);
    expect(FakeEventSource.opened[0]!.closed).toBe(true);
    expect(urls).toEqual([`/api/submissions/${ID}?after=queued`, `/api/submissions/${ID}?after=running`]);
  });

  it("long-polls where there is no EventSource, and reports a submission it cannot read", async () => {
    vi.stubGlobal("EventSource", undefined);
    const urls = longPolls(404);
    expect(await followSubmission<State>(ID, () => {}, new AbortController().signal)).toBe(false);
    expect(urls).toEqual([`/api/submissions/${ID}?after=queued`]);
  });

  it("closes the stream and asks nothing more once the page has gone", async () => {
    const urls = longPolls();
    const leaving = new AbortController();
    const following = followSubmission<State>(ID, () => {}, leaving.signal);
    leaving.abort();
    await flush();
    expect(await following).toBe(false);
    expect(FakeEventSource.opened[0]!.closed).toBe(true);
    expect(urls).toEqual([]);
  });

  it("takes `ready` as the stream speaking: a state that comes later than FIRST_EVENT_MS still comes by push", async () => {
    vi.useFakeTimers();
    const urls = longPolls();
    const following = followSubmission<State>(ID, () => {}, new AbortController().signal);
    const [source] = FakeEventSource.opened;
    source!.signal("ready");
    await vi.advanceTimersByTimeAsync(FIRST_EVENT_MS * 2);
    expect(source!.closed).toBe(false);
    source!.emit({ status: "graded" });
    expect(await following).toBe(true);
    expect(urls).toEqual([]);
  });

  it("keeps a pinged stream, and long-polls once it stays silent for STREAM_SILENCE_MS", async () => {
    vi.useFakeTimers();
    const urls = longPolls({ status: "graded" });
    const following = followSubmission<State>(ID, () => {}, new AbortController().signal);
    const [source] = FakeEventSource.opened;
    source!.signal("ready");
    source!.emit({ status: "running" });
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(STREAM_SILENCE_MS - 1_000);
      source!.signal("ping");
    }
    expect(source!.closed).toBe(false);
    await vi.advanceTimersByTimeAsync(STREAM_SILENCE_MS);
    expect(await following).toBe(true);
    expect(source!.closed).toBe(true);
    expect(urls).toEqual([`/api/submissions/${ID}?after=running`]);
  });

  it("asks a refused long-poll (429, too many follows) again after its Retry-After", async () => {
    vi.useFakeTimers();
    vi.stubGlobal("EventSource", undefined);
    const urls = longPolls(429, { status: "graded" });
    const following = followSubmission<State>(ID, () => {}, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(1_900);
    expect(urls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(await following).toBe(true);
    expect(urls).toEqual([`/api/submissions/${ID}?after=queued`, `/api/submissions/${ID}?after=queued`]);
  });
});
