import type { SimilarityPair } from "./types";

/**
 * The `limit` most similar pairs seen so far (ties: the earlier one), in a bounded min-heap: a class of 2000
 * students has 2 million pairs, and keeping and sorting all of them blocks the process for seconds.
 */
export class TopPairs {
  /** Heap of [pair, arrival order]; the root is the least similar kept (the latest among equals). */
  private readonly heap: Array<[SimilarityPair, number]> = [];
  private arrivals = 0;

  constructor(private readonly limit: number) {}

  add(pair: SimilarityPair): void {
    const entry: [SimilarityPair, number] = [pair, this.arrivals++];
    if (this.limit <= 0) return;
    if (this.heap.length < this.limit) {
      this.heap.push(entry);
      this.up(this.heap.length - 1);
    } else if (worse(this.heap[0]!, entry)) {
      this.heap[0] = entry;
      this.down(0);
    }
  }

  /** The kept pairs, most similar first, ties in arrival order. */
  sorted(): SimilarityPair[] {
    return [...this.heap].sort((x, y) => y[0].similarity - x[0].similarity || x[1] - y[1]).map(([pair]) => pair);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(this.heap[i]!, this.heap[parent]!)) return;
      [this.heap[i], this.heap[parent]] = [this.heap[parent]!, this.heap[i]!];
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      let least = i;
      for (const child of [2 * i + 1, 2 * i + 2]) if (child < this.heap.length && worse(this.heap[child]!, this.heap[least]!)) least = child;
      if (least === i) return;
      [this.heap[i], this.heap[least]] = [this.heap[least]!, this.heap[i]!];
      i = least;
    }
  }
}

/** Whether `x` ranks below `y`: less similar, or as similar and later. */
function worse(x: [SimilarityPair, number], y: [SimilarityPair, number]): boolean {
  return x[0].similarity < y[0].similarity || (x[0].similarity === y[0].similarity && x[1] > y[1]);
}
