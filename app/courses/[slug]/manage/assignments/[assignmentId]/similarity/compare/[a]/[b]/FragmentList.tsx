"use client";

import type { MouseEvent } from "react";

export interface FragmentEntry {
  number: number;
  /** "3–9" (1-based lines). */
  a: string;
  b: string;
  tokens: number;
}

/** Brings a line of both sides into view (without JavaScript the link still jumps to the fragment's side-by-side view). */
function jumpToBoth(event: MouseEvent<HTMLAnchorElement>, entry: FragmentEntry) {
  const lineA = document.getElementById(`a-line-${entry.a.split("–")[0]}`);
  const lineB = document.getElementById(`b-line-${entry.b.split("–")[0]}`);
  if (!lineA || !lineB) return;
  event.preventDefault();
  lineA.scrollIntoView({ block: "nearest" });
  lineB.scrollIntoView({ block: "nearest" });
  lineA.closest<HTMLElement>(".code-scroll")?.focus({ preventScroll: true });
  history.replaceState(null, "", `#fragment-${entry.number}`);
}

/** The matching fragments, "1: lines 3–9 ↔ lines 5–12", each jumping to both sides. */
export function FragmentList({ entries }: { entries: readonly FragmentEntry[] }) {
  return (
    <ol className="fragment-list" data-testid="fragment-list">
      {entries.map((entry) => (
        <li key={entry.number} className={`frag-c${(entry.number - 1) % 6}`}>
          <a href={`#fragment-${entry.number}`} onClick={(event) => jumpToBoth(event, entry)}>
            {entry.number}: lines {entry.a} ↔ lines {entry.b}
          </a>{" "}
          <span className="muted small">({entry.tokens} tokens)</span>
        </li>
      ))}
    </ol>
  );
}
