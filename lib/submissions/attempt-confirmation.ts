/**
 * The question a student answers before a Submit that spends one of a limited number of attempts,
 * e.g. "This is attempt 3 of 3, your last. Submit it for grading?"; null when attempts are unlimited.
 */
export function attemptConfirmation(attemptsUsed: number, attemptLimit: number | null): string | null {
  if (attemptLimit === null) return null;
  const attempt = attemptsUsed + 1;
  return `This is attempt ${attempt} of ${attemptLimit}${attempt >= attemptLimit ? ", your last" : ""}. Submit it for grading?`;
}

