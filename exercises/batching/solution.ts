function check(numSamples: number, batchSize: number): void {
  if (!Number.isInteger(numSamples) || numSamples < 0) throw new RangeError("numSamples must be an integer ≥ 0");
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError("batchSize must be an integer ≥ 1");
}

export function stepsPerEpoch(numSamples: number, batchSize: number): number {
  check(numSamples, batchSize);
  return Math.ceil(numSamples / batchSize);
}

export function batchSizes(numSamples: number, batchSize: number): number[] {
  check(numSamples, batchSize);
  const sizes: number[] = [];
  for (let start = 0; start < numSamples; start += batchSize) sizes.push(Math.min(batchSize, numSamples - start));
  return sizes;
}
