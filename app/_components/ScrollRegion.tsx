import type { ReactNode } from "react";

/**
 * A wide table's scrolling wrapper that a keyboard can reach: focusable, and named for screen readers,
 * for tables with nothing focusable inside (axe: scrollable-region-focusable). Tables of links or
 * controls keep the plain `table-wrap`.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
