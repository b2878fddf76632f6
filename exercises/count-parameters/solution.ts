/**
 * Trainable parameters of a stack of Dense layers with bias: layer i maps `fanIn` inputs to `units[i]`
 * outputs with a fanIn × units[i] kernel and a units[i] bias; its output width is the next fanIn.
 */
export function countDenseParams(inputDim: number, units: number[]): number {
  let total = 0;
  let fanIn = inputDim;
  for (const width of units) {
    total += fanIn * width + width;
    fanIn = width;
  }
  return total;
}
