/**
 * A count with its noun in the right number: plural(1, "attempt") is "1 attempt", plural(2, "attempt")
 * "2 attempts"; irregular nouns pass their plural: plural(3, "query", "queries").
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
