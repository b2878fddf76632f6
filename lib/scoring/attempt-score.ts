/**
 * The score an attempt counts at before its late penalty: staff's override (a fraction 0..1) when there
 * is one, else the grader's; null while neither exists. A late penalty still applies to an override:
 * an override corrects the grading, accommodations change the rules. effectiveScoreSql is the same in SQL.
 */
export function attemptScore(row: { score: number | null; overrideScore: number | null }): number | null {
  return row.overrideScore ?? row.score;
}
