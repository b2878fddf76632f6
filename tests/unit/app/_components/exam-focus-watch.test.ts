import { describe, expect, it } from "vitest";
import { watchExamFocus, type FocusReport } from "@/app/_components/exam-focus-watch";

/** A page the watch can listen to: a document whose visibility the test sets, a window, a clock, a server. */
function fakePage(status: number | null = 204) {
  const document = Object.assign(new EventTarget(), { visibilityState: "visible" });
  const window = new EventTarget();
  const sent: FocusReport[] = [];
  const page = { clock: 1_000, signedOut: 0, sent, document, window };
  const stop = watchExamFocus({
    document,
    window,
    now: () => page.clock,
    send: async (report) => {
      sent.push(report);
      return status;
    },
    onSignedOut: () => {
      page.signedOut += 1;
    },
  });
  const fire = (target: EventTarget, type: string) => target.dispatchEvent(new Event(type));
  const hide = () => {
    document.visibilityState = "hidden";
    fire(document, "visibilitychange");
  };
  const show = () => {
    document.visibilityState = "visible";
    fire(document, "visibilitychange");
  };
  return { page, stop, fire, hide, show };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the exam page's focus reports", () => {
  it("reports focus lost once until it comes back, and how long it was away", async () => {
    const { page, fire, hide, show } = fakePage();
    fire(page.window, "blur");
    hide(); // the tab hidden after the window lost focus: still the same absence
    page.clock += 42_000;
    show();
    fire(page.window, "focus"); // already back: nothing more
    expect(page.sent).toEqual([{ kind: "focus_lost" }, { kind: "focus_back", awayMs: 42_000 }]);
  });

  it("waits for the page to be visible again before reporting focus back", () => {
    const { page, fire, hide, show } = fakePage();
    hide();
    fire(page.window, "focus"); // a focus event while the tab is still hidden
    expect(page.sent).toEqual([{ kind: "focus_lost" }]);
    page.clock += 1_500;
    show();
    expect(page.sent).toEqual([{ kind: "focus_lost" }, { kind: "focus_back", awayMs: 1_500 }]);
  });

  it("does not report leaving by a reload or a navigation", () => {
    const { page, fire, hide } = fakePage();
    fire(page.window, "pagehide");
    hide();
    fire(page.window, "blur");
    expect(page.sent).toEqual([]);
    // Back from the back-forward cache: watching again.
    fire(page.window, "pageshow");
    fire(page.window, "blur");
    expect(page.sent).toEqual([{ kind: "focus_lost" }]);
  });

  it("reloads the page when the server no longer serves the session, and stops when told", async () => {
    const signedOut = fakePage(401);
    signedOut.fire(signedOut.page.window, "blur");
    signedOut.fire(signedOut.page.window, "focus");
    await settle();
    expect(signedOut.page.signedOut).toBe(1);

    const ok = fakePage(204);
    ok.fire(ok.page.window, "blur");
    ok.fire(ok.page.window, "focus");
    await settle();
    expect(ok.page.signedOut).toBe(0);
    ok.stop();
    ok.fire(ok.page.window, "blur");
    expect(ok.page.sent).toHaveLength(2);
  });
});
