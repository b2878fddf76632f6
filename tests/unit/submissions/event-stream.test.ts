import { describe, expect, it, vi } from "vitest";
import { submissionEventStream } from "@/lib/submissions/event-stream";
import type { SubmissionFollow } from "@/lib/submissions/follow";
import type { SubmissionView } from "@/lib/submissions/submission-view";

const view = (status: SubmissionView["status"]) => ({ id: "s", status }) as SubmissionView;

/** A follow whose `next()` answers each of `answers` in turn (null: nothing changed before its timeout); then waits for its signal. */
function fakeFollow(initial: SubmissionView, answers: Array<SubmissionView | null>): SubmissionFollow & { closed: boolean } {
  const follow = {
    initial,
    closed: false,
    next: vi.fn(({ signal }: { signal?: AbortSignal }) => {
      if (answers.length > 0) return Promise.resolve(answers.shift()!);
      return new Promise<SubmissionView | null>((resolve) => signal?.addEventListener("abort", () => resolve(null)));
    }),
    close: () => {
      follow.closed = true;
    },
  };
  return follow;
}

const readAll = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe("a submission's event stream", () => {
  it("sends ready, the current state, a ping event while nothing changes, each change, and ends after the final state", async () => {
    const follow = fakeFollow(view("queued"), [null, view("running"), view("graded")]);
    const text = await readAll(submissionEventStream(follow));
    expect(text.split("\n\n").filter(Boolean)).toEqual([
      "retry: 1000\nevent: ready\ndata: {}",
      `event: submission\ndata: ${JSON.stringify(view("queued"))}`,
      "event: ping\ndata: {}",
      `event: submission\ndata: ${JSON.stringify(view("running"))}`,
      `event: submission\ndata: ${JSON.stringify(view("graded"))}`,
    ]);
    expect(follow.closed).toBe(true);
  });

  it("sends a final state alone and ends at once", async () => {
    const follow = fakeFollow(view("error"), []);
    expect(await readAll(submissionEventStream(follow))).toContain('"status":"error"');
    expect(follow.next).not.toHaveBeenCalled();
    expect(follow.closed).toBe(true);
  });

  it("ends when the client leaves, and when its lifetime is over", async () => {
    const leaving = new AbortController();
    const left = fakeFollow(view("queued"), []);
    const reading = readAll(submissionEventStream(left, { signal: leaving.signal }));
    leaving.abort();
    expect(await reading).toContain('"status":"queued"');
    expect(left.closed).toBe(true);

    const forgotten = fakeFollow(view("running"), []);
    expect(await readAll(submissionEventStream(forgotten, { lifetimeMs: 10 }))).toContain('"status":"running"');
    expect(forgotten.closed).toBe(true);
  });
});
