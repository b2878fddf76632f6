/** The generator of the catalogue's second wave, exactly as the contract writes it. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates in place with the given generator: for i from n − 1 down to 1, swap i with ⌊r()·(i + 1)⌋. */
function shuffleInPlace(items: number[], r: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("n must be an integer ≥ 0");
}

/** 0, 1, …, n − 1 in the order Fisher–Yates with mulberry32(seed) gives. */
export function shuffledIndices(n: number, seed: number): number[] {
  checkCount(n);
  const order = Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(order, mulberry32(seed));
  return order;
}

/** Test first, then validation, then training, cut from one shuffled order. */
export function trainValTestSplit(n: number, fractions: { val: number; test: number }, seed: number): { train: number[]; val: number[]; test: number[] } {
  checkCount(n);
  const { val, test } = fractions;
  // Written so that NaN fails every comparison and is rejected.
  if (!(val >= 0 && test >= 0 && val + test < 1)) throw new RangeError("need val ≥ 0, test ≥ 0 and val + test < 1");
  const order = shuffledIndices(n, seed);
  const nTest = Math.floor(n * test);
  const nVal = Math.floor(n * val);
  return { test: order.slice(0, nTest), val: order.slice(nTest, nTest + nVal), train: order.slice(nTest + nVal) };
}

/** Per class (ascending label), a shuffled share of round(count·testFraction) goes to test; one generator for all classes. */
export function stratifiedSplit(labels: number[], testFraction: number, seed: number): { train: number[]; test: number[] } {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError("testFraction must be in (0, 1)");
  const byClass = new Map<number, number[]>();
  labels.forEach((label, i) => {
    const members = byClass.get(label);
    if (members) members.push(i);
    else byClass.set(label, [i]);
  });
  const r = mulberry32(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(label)!;
    shuffleInPlace(members, r);
    const nTest = Math.round(members.length * testFraction);
    test.push(...members.slice(0, nTest));
    train.push(...members.slice(nTest));
  }
  const ascending = (a: number, b: number) => a - b;
  return { train: train.sort(ascending), test: test.sort(ascending) };
}
