"use client";

import { QUESTION_KINDS, emptyChoice, moved, newKey, type ChoiceRow, type QuestionRow } from "./draft-form";

interface Props {
  rows: QuestionRow[];
  onChange: (rows: QuestionRow[]) => void;
  onAdd: () => void;
}

/** The first of a, b, … z, c27, c28 … that no choice of the question has yet. */
function unusedChoiceId(choices: ChoiceRow[]): string {
  const taken = new Set(choices.map((choice) => choice.id));
  for (let i = 0; ; i++) {
    const id = i < 26 ? String.fromCharCode(97 + i) : `c${i + 1}`;
    if (!taken.has(id)) return id;
  }
}

const KIND_LABELS = { single: "one choice", multiple: "several choices", numeric: "a number" } as const;

/** The quiz's questions: prompt, kind, choices or the expected number, seeded parameters and the explanation. */
export function QuestionsEditor({ rows, onChange, onAdd }: Props) {
  const update = (index: number, change: Partial<QuestionRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <section aria-labelledby="questions-title" className="questions-editor">
      <h2 id="questions-title">Questions</h2>
      <p className="hint">
        A prompt may use <code>{"{{name}}"}</code> placeholders filled per student by a <em>params</em> export of checks.ts; its <em>answer</em> export then
        computes the answer from the same values.
      </p>
      <ol className="test-rows" data-testid="questions-editor">
        {rows.map((row, index) => {
          const n = index + 1;
          const id = (field: string) => `question-${row.key}-${field}`;
          const setChoices = (choices: ChoiceRow[]) => update(index, { choices });
          return (
            <li key={row.key} className="card test-row" data-testid="question-row">
              <fieldset>
                <legend>
                  Question {n} <span className="muted small">({row.id || "no id"})</span>
                </legend>
                <div className="test-fields">
                  <label htmlFor={id("id")}>
                    Id of question {n}
                    <input id={id("id")} value={row.id} spellCheck={false} onChange={(e) => update(index, { id: e.target.value })} />
                  </label>
                  <label htmlFor={id("kind")}>
                    Answer of question {n} is
                    <select
                      id={id("kind")}
                      value={row.kind}
                      onChange={(e) => {
                        const kind = e.target.value as QuestionRow["kind"];
                        update(index, { kind, choices: kind !== "numeric" && row.choices.length === 0 ? [emptyChoice("a"), emptyChoice("b")] : row.choices });
                      }}
                    >
                      {QUESTION_KINDS.map((kind) => (
                        <option key={kind} value={kind}>
                          {KIND_LABELS[kind]}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label htmlFor={id("points")}>
                    Points of question {n}
                    <input id={id("points")} inputMode="decimal" value={row.points} onChange={(e) => update(index, { points: e.target.value })} />
                  </label>
                  <label htmlFor={id("prompt")} className="wide">
                    Prompt of question {n} (Markdown)
                    <textarea id={id("prompt")} rows={3} value={row.prompt} onChange={(e) => update(index, { prompt: e.target.value })} />
                  </label>
                  <label htmlFor={id("params")}>
                    Params export of question {n} (checks.ts, optional)
                    <input id={id("params")} value={row.params} spellCheck={false} onChange={(e) => update(index, { params: e.target.value })} />
                  </label>
                  {row.kind === "numeric" ? (
                    <>
                      <label htmlFor={id("answer")}>
                        Answer of question {n} (a number, or an answer export of checks.ts)
                        <input id={id("answer")} value={row.answer} spellCheck={false} onChange={(e) => update(index, { answer: e.target.value })} />
                      </label>
                      <label htmlFor={id("atol")}>
                        Absolute tolerance of question {n}
                        <input id={id("atol")} inputMode="decimal" placeholder="0" value={row.atol} onChange={(e) => update(index, { atol: e.target.value })} />
                      </label>
                      <label htmlFor={id("rtol")}>
                        Relative tolerance of question {n}
                        <input id={id("rtol")} inputMode="decimal" placeholder="1e-9" value={row.rtol} onChange={(e) => update(index, { rtol: e.target.value })} />
                      </label>
                      <label htmlFor={id("unit")}>
                        Unit of question {n}
                        <input id={id("unit")} value={row.unit} onChange={(e) => update(index, { unit: e.target.value })} />
                      </label>
                    </>
                  ) : (
                    <>
                      <label htmlFor={id("answer")}>
                        Answer export of question {n} (blank = the choices marked correct)
                        <input id={id("answer")} value={row.answer} spellCheck={false} onChange={(e) => update(index, { answer: e.target.value })} />
                      </label>
                      <label htmlFor={id("shuffle")} className="checkbox">
                        <input id={id("shuffle")} type="checkbox" checked={row.shuffle} onChange={(e) => update(index, { shuffle: e.target.checked })} />
                        Shuffle the choices of question {n}
                      </label>
                      <fieldset className="wide choices-editor">
                        <legend>Choices of question {n}</legend>
                        <ol>
                          {row.choices.map((choice, c) => {
                            const m = c + 1;
                            const cid = (field: string) => `${id("choice")}-${choice.key}-${field}`;
                            const setChoice = (change: Partial<ChoiceRow>) => setChoices(row.choices.map((x, i) => (i === c ? { ...x, ...change } : x)));
                            return (
                              <li key={choice.key} className="choice-row">
                                <label htmlFor={cid("id")}>
                                  Id of choice {m} of question {n}
                                  <input id={cid("id")} value={choice.id} spellCheck={false} onChange={(e) => setChoice({ id: e.target.value })} />
                                </label>
                                <label htmlFor={cid("text")} className="grow">
                                  Text of choice {m} of question {n}
                                  <input id={cid("text")} value={choice.text} onChange={(e) => setChoice({ text: e.target.value })} />
                                </label>
                                <label htmlFor={cid("correct")} className="checkbox">
                                  <input id={cid("correct")} type="checkbox" checked={choice.correct} onChange={(e) => setChoice({ correct: e.target.checked })} />
                                  Choice {m} of question {n} is correct
                                </label>
                                <button type="button" className="button small danger" disabled={row.choices.length <= 2} onClick={() => setChoices(row.choices.filter((_, i) => i !== c))}>
                                  Remove choice {m} of question {n}
                                </button>
                              </li>
                            );
                          })}
                        </ol>
                        <button
                          type="button"
                          className="button small secondary"
                          onClick={() => setChoices([...row.choices, { ...emptyChoice(unusedChoiceId(row.choices)), key: newKey() }])}
                        >
                          Add a choice to question {n}
                        </button>
                      </fieldset>
                    </>
                  )}
                  <label htmlFor={id("explanation")} className="wide">
                    Explanation of question {n} (shown after answering, Markdown)
                    <textarea id={id("explanation")} rows={2} value={row.explanation} onChange={(e) => update(index, { explanation: e.target.value })} />
                  </label>
                </div>
                <div className="row-actions">
                  <button type="button" className="button small secondary" disabled={index === 0} onClick={() => onChange(moved(rows, index, -1))}>
                    Move question {n} up
                  </button>
                  <button type="button" className="button small secondary" disabled={index === rows.length - 1} onClick={() => onChange(moved(rows, index, 1))}>
                    Move question {n} down
                  </button>
                  <button type="button" className="button small danger" disabled={rows.length <= 1} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                    Remove question {n}
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button secondary" onClick={onAdd}>
        Add a question
      </button>
    </section>
  );
}
