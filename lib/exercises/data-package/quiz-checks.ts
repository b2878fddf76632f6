/**
 * What can be checked of a data quiz without running checks.ts: unique ids, static answer keys and
 * placeholders that no params export could fill. What the params and answers compute is checked per
 * seed once the sandbox ran them (exercises:check, the authoring check).
 */
import { findPlaceholders } from "../render/placeholders";
import { renderInlineWithReport, renderPromptWithReport } from "../render/render-prompt";
import { expectedAnswer } from "../quiz/expected";
import type { Question } from "../quiz";
import type { DataQuestion } from "./schema";

const REVEALING_ID = /correct|right|wrong|true|false|answer|key/i;

function texts(question: DataQuestion): Array<{ field: string; text: string }> {
  const out = [{ field: "prompt", text: question.prompt }];
  if (question.explanation) out.push({ field: "explanation", text: question.explanation });
  if (question.kind !== "numeric") question.choices.forEach((choice, i) => out.push({ field: `choices.${i}.text`, text: choice.text }));
  return out;
}

/** Problems of a data quiz's questions, as "exercise.json: questions.2.field: message" lines. */
export function checkDataQuestions(questions: DataQuestion[], converted: Question[]): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  questions.forEach((question, index) => {
    const at = (field: string) => `exercise.json: questions.${index}.${field}`;
    const first = seen.get(question.id);
    if (first !== undefined) errors.push(`${at("id")}: duplicate question id "${question.id}" (also questions.${first})`);
    else seen.set(question.id, index);
    if (question.kind !== "numeric") {
      const ids = new Set<string>();
      question.choices.forEach((choice, i) => {
        if (ids.has(choice.id)) errors.push(`${at(`choices.${i}.id`)}: duplicate choice id "${choice.id}"`);
        ids.add(choice.id);
        if (REVEALING_ID.test(choice.id)) warnings.push(`${at(`choices.${i}.id`)}: choice id "${choice.id}" is sent to the browser and may give the answer away`);
      });
      if (question.answer !== undefined && question.choices.some((choice) => choice.correct !== undefined)) {
        warnings.push(`${at("choices")}: \`correct\` flags are ignored because \`answer\` decides per variant`);
      }
      const convertedQuestion = converted[index];
      if (question.answer === undefined && convertedQuestion) {
        const key = expectedAnswer(convertedQuestion, {});
        if (!key.ok) errors.push(`${at(key.field)}: ${key.error}`);
      }
    }
    for (const { field, text } of texts(question)) {
      const names = findPlaceholders(text);
      if (question.params === undefined) {
        for (const name of names) errors.push(`${at(field)}: placeholder {{${name}}} needs a params export of checks.ts (the question has no \`params\`)`);
      }
      // Math and plots are checked with stand-in values: the real ones exist only once checks.ts ran for a seed.
      const params = Object.fromEntries(names.map((name) => [name, 1]));
      const render = field.startsWith("choices.") ? renderInlineWithReport : renderPromptWithReport;
      for (const problem of render(text, { params }).problems) errors.push(`${at(field)}: ${problem.kind}: ${problem.message}`);
    }
  });
  return { errors, warnings };
}
