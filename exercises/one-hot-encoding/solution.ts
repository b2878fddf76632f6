/** One row per label, numClasses wide, with a 1 at the label's index and 0 elsewhere. */
export function oneHot(labels: number[], numClasses: number): number[][] {
  for (const label of labels) {
    if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
      throw new RangeError(`label ${label} is not an integer in [0, ${numClasses})`);
    }
  }
  return labels.map((label) => {
    const row = new Array<number>(numClasses).fill(0);
    row[label] = 1;
    return row;
  });
}
