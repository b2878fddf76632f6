"use client";

import { startTransition, useLayoutEffect, useOptimistic, useRef, useState } from "react";
import type { ActionResult } from "@/lib/auth/action";

export interface Orderable {
  id: string;
  /** How the item is named when its move is announced ("Moved Adam to position 2 of 3"). */
  label: string;
}

/** The id of an item's Move up / Move down button: the hook moves focus back to it after the move. */
export const moveButtonId = (direction: "up" | "down", id: string) => `move-${direction}-${id}`;

/**
 * Move up / Move down for a list saved on the server: the list moves at once (optimistic), the new order
 * is saved, the move is announced, and focus stays on the moved item's button (its other button when
 * the item reached an end). A refused save puts the list back and says why.
 */
export function useReorder<T extends Orderable>(items: T[], save: (ids: string[]) => Promise<ActionResult<unknown>>) {
  const [order, setOrder] = useOptimistic(items, (_current: T[], next: T[]) => next);
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState<string | null>(null);
  const focusNext = useRef<{ id: string; direction: "up" | "down"; to: number } | null>(null);

  // Once the list shows the move (not before: an earlier render may commit first), focus the moved item's button.
  useLayoutEffect(() => {
    const wanted = focusNext.current;
    if (!wanted || order[wanted.to]?.id !== wanted.id) return;
    const other = wanted.direction === "up" ? "down" : "up";
    const button = [moveButtonId(wanted.direction, wanted.id), moveButtonId(other, wanted.id)]
      .map((id) => document.getElementById(id) as HTMLButtonElement | null)
      .find((element) => element && !element.disabled);
    if (button && document.activeElement !== button) button.focus();
    focusNext.current = null;
  });

  function move(id: string, delta: -1 | 1) {
    const from = order.findIndex((item) => item.id === id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= order.length) return;
    const next = [...order];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    focusNext.current = { id, direction: delta < 0 ? "up" : "down", to };
    setError(null);
    setAnnouncement(`Moved ${item!.label} to position ${to + 1} of ${next.length}.`);
    startTransition(async () => {
      setOrder(next);
      const result = await save(next.map((entry) => entry.id));
      if (!result.ok) {
        setError(result.error);
        setAnnouncement(`Not moved: ${result.error}`);
      }
    });
  }

  return { order, move, announcement, error };
}
