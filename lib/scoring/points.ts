/** Points to the cent, as the gradebook shows and sums them. */
const toCents = (x: number) => Math.round(x * 100) / 100;

/** The points a counted score (0..1) earns on an assignment worth `points`; null before anything is graded. */
export function countedPoints(score: number | null, points: number): number | null {
  return score === null ? null : toCents(score * points);
}

/** A student's total over assignments: an assignment without a graded attempt counts 0. */
export function totalPoints(points: ReadonlyArray<number | null>): number {
  return toCents(points.reduce<number>((sum, value) => sum + (value ?? 0), 0));
}
