"use client";

import { moveButtonId } from "./use-reorder";

interface Props {
  id: string;
  label: string;
  index: number;
  count: number;
  move: (id: string, delta: -1 | 1) => void;
}

/** An item's Move up / Move down buttons; each names the item for a screen reader ("Move up Adam"). */
export function MoveButtons({ id, label, index, count, move }: Props) {
  return (
    <span className="move-buttons">
      <button type="button" id={moveButtonId("up", id)} className="button secondary small" disabled={index === 0} onClick={() => move(id, -1)}>
        Move up<span className="visually-hidden"> {label}</span>
      </button>
      <button type="button" id={moveButtonId("down", id)} className="button secondary small" disabled={index === count - 1} onClick={() => move(id, 1)}>
        Move down<span className="visually-hidden"> {label}</span>
      </button>
    </span>
  );
}

/** Where a move is announced (polite) and a refused move is shown. */
export function MoveStatus({ announcement, error }: { announcement: string; error: string | null }) {
  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="move-announcement">
        {announcement}
      </p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
