/** What the exam page tells the server about focus (the exam-events route's body). */
export type FocusReport = { kind: "focus_lost" } | { kind: "focus_back"; awayMs: number };

/** The parts of the browser the watch needs (a test gives its own). */
export interface FocusWatchHost {
  document: EventTarget & { readonly visibilityState: string };
  window: EventTarget;
  now: () => number;
  /** Sends one report; resolves with the response's status, or null when it did not arrive. */
  send: (report: FocusReport) => Promise<number | null>;
  /** The server no longer serves this session (a newer sign-in elsewhere): the page reloads to say why. */
  onSignedOut: () => void;
}

/**
 * Reports focus lost (the page hidden, or the window blurred) once until it comes back, and focus back
 * with how long it was away. Leaving by reload or navigation (pagehide) is not reported. Returns the
 * function that stops watching.
 */
export function watchExamFocus(host: FocusWatchHost): () => void {
  let awaySince: number | null = null;
  let unloading = false;

  const lost = () => {
    if (unloading || awaySince !== null) return;
    awaySince = host.now();
    void host.send({ kind: "focus_lost" });
  };
  const back = () => {
    if (awaySince === null || host.document.visibilityState !== "visible") return;
    const awayMs = Math.max(0, Math.round(host.now() - awaySince));
    awaySince = null;
    void host.send({ kind: "focus_back", awayMs }).then((status) => {
      if (status === 401) host.onSignedOut();
    });
  };
  const onVisibility = () => (host.document.visibilityState === "hidden" ? lost() : back());
  const onPageHide = () => {
    unloading = true;
  };
  const onPageShow = () => {
    unloading = false;
  };

  const listeners: Array<[EventTarget, string, () => void]> = [
    [host.document, "visibilitychange", onVisibility],
    [host.window, "blur", lost],
    [host.window, "focus", back],
    [host.window, "pagehide", onPageHide],
    [host.window, "pageshow", onPageShow],
  ];
  for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
  return () => {
    for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
  };
}
