/**
 * The number of trainable parameters of a stack of Dense layers (each with a bias), the first fed
 * inputDim features: countDenseParams(4, [3]) is the parameter count of Dense(3) on 4 inputs.
 */
export function countDenseParams(inputDim: number, units: number[]): number {
  // TODO: add up the kernel and the bias of every layer.
  let total = 0;
  for (const width of units) total += width;
  return total;
}
