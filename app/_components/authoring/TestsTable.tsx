"use client";

import { COMPARATORS, ERROR_TYPES, jsonError, moved, type TestRow } from "./draft-form";

interface Props {
  rows: TestRow[];
  onChange: (rows: TestRow[]) => void;
  onAdd: () => void;
}

const COMPARATOR_LABELS: Record<(typeof COMPARATORS)[number], string> = {
  close: "close (rtol, atol)",
  exact: "exact",
  throws: "throws",
  check: "custom check (checks.ts)",
};

/** The code exercise's tests, one row each: what it calls, with what, how the result is compared, and what a failure tells the student. */
export function TestsTable({ rows, onChange, onAdd }: Props) {
  const update = (index: number, change: Partial<TestRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <section aria-labelledby="tests-title" className="tests-editor">
      <h2 id="tests-title">Tests</h2>
      <p className="hint">
        Visible examples show their values to students (Run examples); hidden tests show only their message. Without an expected value the reference
        solution&apos;s output is expected.
      </p>
      <ol className="test-rows" data-testid="tests-table">
        {rows.map((row, index) => {
          const n = index + 1;
          const argsError = jsonError(row.argsText, { array: true });
          const expectedError = jsonError(row.expectedText, { optional: true });
          const id = (field: string) => `test-${row.key}-${field}`;
          return (
            <li key={row.key} className="card test-row" data-testid="test-row">
              <fieldset>
                <legend>
                  Test {n}
                  {row.name ? `: ${row.name}` : ""} <span className="badge">{row.visible ? "visible example" : "hidden"}</span>
                </legend>
                <div className="test-fields">
                  <label htmlFor={id("name")}>
                    Name of test {n}
                    <input id={id("name")} value={row.name} onChange={(e) => update(index, { name: e.target.value })} />
                  </label>
                  <label htmlFor={id("call")}>
                    Export called by test {n}
                    <input id={id("call")} value={row.call} onChange={(e) => update(index, { call: e.target.value })} spellCheck={false} />
                  </label>
                  <label htmlFor={id("visible")} className="checkbox">
                    <input id={id("visible")} type="checkbox" checked={row.visible} onChange={(e) => update(index, { visible: e.target.checked })} />
                    Test {n} is a visible example
                  </label>
                  <label htmlFor={id("args")} className="wide">
                    Arguments of test {n} (JSON array)
                    <textarea
                      id={id("args")}
                      rows={2}
                      value={row.argsText}
                      spellCheck={false}
                      aria-invalid={argsError ? true : undefined}
                      aria-describedby={argsError ? id("args-error") : undefined}
                      onChange={(e) => update(index, { argsText: e.target.value })}
                    />
                  </label>
                  {argsError ? (
                    <p className="field-error wide" id={id("args-error")}>
                      {argsError}
                    </p>
                  ) : null}
                  <label htmlFor={id("expected")} className="wide">
                    Expected value of test {n} (JSON; blank = the reference solution&apos;s output)
                    <textarea
                      id={id("expected")}
                      rows={2}
                      value={row.expectedText}
                      spellCheck={false}
                      aria-invalid={expectedError ? true : undefined}
                      aria-describedby={expectedError ? id("expected-error") : undefined}
                      onChange={(e) => update(index, { expectedText: e.target.value })}
                    />
                  </label>
                  {expectedError ? (
                    <p className="field-error wide" id={id("expected-error")}>
                      {expectedError}
                    </p>
                  ) : null}
                  <label htmlFor={id("compare")}>
                    Comparison of test {n}
                    <select id={id("compare")} value={row.compare} onChange={(e) => update(index, { compare: e.target.value as TestRow["compare"] })}>
                      {COMPARATORS.map((kind) => (
                        <option key={kind} value={kind}>
                          {COMPARATOR_LABELS[kind]}
                        </option>
                      ))}
                    </select>
                  </label>
                  {row.compare === "close" ? (
                    <>
                      <label htmlFor={id("rtol")}>
                        Relative tolerance of test {n}
                        <input id={id("rtol")} inputMode="decimal" placeholder="1e-4" value={row.rtol} onChange={(e) => update(index, { rtol: e.target.value })} />
                      </label>
                      <label htmlFor={id("atol")}>
                        Absolute tolerance of test {n}
                        <input id={id("atol")} inputMode="decimal" placeholder="1e-6" value={row.atol} onChange={(e) => update(index, { atol: e.target.value })} />
                      </label>
                    </>
                  ) : null}
                  {row.compare === "throws" ? (
                    <label htmlFor={id("error-type")}>
                      Error test {n} expects
                      <select id={id("error-type")} value={row.errorType} onChange={(e) => update(index, { errorType: e.target.value })}>
                        <option value="">any error</option>
                        {ERROR_TYPES.map((type) => (
                          <option key={type} value={type}>
                            {type}
                          </option>
                        ))}
                      </select>
                    </label>
                  ) : null}
                  {row.compare === "check" ? (
                    <label htmlFor={id("check")}>
                      Check export of test {n} (in checks.ts)
                      <input id={id("check")} value={row.check} spellCheck={false} onChange={(e) => update(index, { check: e.target.value })} />
                    </label>
                  ) : null}
                  <label htmlFor={id("misconception")}>
                    Misconception of test {n}
                    <input id={id("misconception")} value={row.misconception} onChange={(e) => update(index, { misconception: e.target.value })} />
                  </label>
                  <label htmlFor={id("hint")} className="wide">
                    Hint of test {n}
                    <input id={id("hint")} value={row.hint} onChange={(e) => update(index, { hint: e.target.value })} />
                  </label>
                </div>
                <div className="row-actions">
                  <button type="button" className="button small secondary" disabled={index === 0} onClick={() => onChange(moved(rows, index, -1))}>
                    Move test {n} up
                  </button>
                  <button type="button" className="button small secondary" disabled={index === rows.length - 1} onClick={() => onChange(moved(rows, index, 1))}>
                    Move test {n} down
                  </button>
                  <button type="button" className="button small danger" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                    Remove test {n}
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button secondary" onClick={onAdd}>
        Add a test
      </button>
    </section>
  );
}
