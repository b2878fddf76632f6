"use client";

import { useEffect, useRef } from "react";

/** What must happen on the page before the server closes the work at zero (save the editor, submit the quiz). */
type TimeUpHandler = () => Promise<unknown>;

const handlers = new Set<{ current: TimeUpHandler }>();

/** Registers `handler` to run when the countdown reaches zero (only while `active`). */
export function useOnTimeUp(handler: TimeUpHandler, active: boolean): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  }, [handler]);
  useEffect(() => {
    if (!active) return;
    const entry = ref;
    handlers.add(entry);
    return () => {
      handlers.delete(entry);
    };
  }, [active]);
}

/** Runs every registered handler; a failing one does not stop the others (the server still closes the work). */
export async function runTimeUpHandlers(): Promise<void> {
  await Promise.allSettled([...handlers].map((entry) => entry.current()));
}
