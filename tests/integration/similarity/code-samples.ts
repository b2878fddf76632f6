/** Adagrad solutions for the similarity tests: an original, a disguised copy of it, and two written apart. */
export const ORIGINAL = `function checkLengths(w: number[], g: number[], accumulator: number[]): void {
  if (w.length !== g.length || g.length !== accumulator.length) {
    throw new Error("w, g and accumulator must have the same length");
  }
}

export function adagradStep(w: number[], g: number[], accumulator: number[], lr: number, epsilon: number) {
  checkLengths(w, g, accumulator);
  const nextAccumulator: number[] = [];
  const nextWeights: number[] = [];
  let index = 0;
  while (index < w.length) {
    const gradient = g[index] ?? 0;
    const squared = gradient * gradient;
    const total = (accumulator[index] ?? 0) + squared;
    nextAccumulator.push(total);
    const denominator = Math.sqrt(total) + epsilon;
    nextWeights.push((w[index] ?? 0) - (lr * gradient) / denominator);
    index += 1;
  }
  return { w: nextWeights, accumulator: nextAccumulator };
}
`;

/** ORIGINAL with every name changed, other formatting and comments added. */
export const DISGUISED_COPY = `// My own Adagrad implementation
function validate(a: number[], b: number[], c: number[]): void {
  if (a.length !== b.length || b.length !== c.length) { throw new Error("inputs must match in length"); }
}

/** One step. */
export function adagradStep(weights: number[], grads: number[], acc: number[], rate: number, eps: number) {
  validate(weights, grads, acc);
  const newAcc: number[] = [];
  const newW: number[] = [];
  let k = 0;
  while (k < weights.length) {
    const gr = grads[k] ?? 0;
    const sq = gr * gr; // square it
    const sum = (acc[k] ?? 0) + sq;
    newAcc.push(sum);
    const den = Math.sqrt(sum) + eps;
    newW.push((weights[k] ?? 0) - (rate * gr) / den);
    k += 1;
  }
  return { w: newW, accumulator: newAcc };
}
`;

export const INDEPENDENT_TFJS = `import { tensor1d, tidy } from "@tensorflow/tfjs";

export function adagradStep(w: number[], g: number[], accumulator: number[], lr: number, epsilon: number) {
  return tidy(() => {
    const grad = tensor1d(g);
    const acc = tensor1d(accumulator).add(grad.square());
    const next = tensor1d(w).sub(grad.mul(lr).div(acc.sqrt().add(epsilon)));
    return { w: Array.from(next.dataSync()), accumulator: Array.from(acc.dataSync()) };
  });
}
`;

export const INDEPENDENT_MAP = `export function adagradStep(w: number[], g: number[], accumulator: number[], lr: number, epsilon: number) {
  const updated = accumulator.map((a, i) => a + g[i]! ** 2);
  return {
    accumulator: updated,
    w: w.map((value, i) => value - (lr * g[i]!) / (Math.sqrt(updated[i]!) + epsilon)),
  };
}
`;
