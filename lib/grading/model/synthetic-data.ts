/** Seeded synthetic classification data: one Gaussian blob per class. */

export interface Dataset {
  /** samples × inputDim */
  x: number[][];
  /** class index per sample */
  y: number[];
}

/** mulberry32: small, fast and good enough to place blobs; the same seed always gives the same data. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(next: () => number): number {
  const u = Math.max(next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}

export interface BlobOptions {
  inputDim: number;
  numClasses: number;
  samples: number;
  /** Seed of the class centres: training and validation sets of one task share it. */
  taskSeed: number;
  /** Seed of the samples drawn around the centres. */
  sampleSeed: number;
  /** Least distance between two class centres, in units of each blob's spread (1). */
  separation?: number;
}

/**
 * Samples around `numClasses` centres that stand at least `separation` apart (so a sound model can
 * reach high accuracy whatever the seed); classes are balanced and interleaved.
 */
export function gaussianBlobs(options: BlobOptions): Dataset {
  const centres = classCentres(options);
  const next = rng(options.sampleSeed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    const label = i % options.numClasses;
    x.push(centres[label]!.map((centre) => centre + gaussian(next)));
    y.push(label);
  }
  return { x, y };
}

function classCentres({ inputDim, numClasses, taskSeed, separation = 5 }: BlobOptions): number[][] {
  const next = rng(taskSeed);
  const radius = separation * Math.max(1, Math.sqrt(numClasses / inputDim));
  const centres: number[][] = [];
  for (let tries = 0; centres.length < numClasses; tries++) {
    const candidate = Array.from({ length: inputDim }, () => (next() * 2 - 1) * radius);
    const farEnough = centres.every((centre) => Math.hypot(...centre.map((c, i) => c - candidate[i]!)) >= separation);
    // Rejection sampling; after many misses the radius grows so it always ends.
    if (farEnough || tries > 1000 * (centres.length + 1)) centres.push(candidate);
  }
  return centres;
}
