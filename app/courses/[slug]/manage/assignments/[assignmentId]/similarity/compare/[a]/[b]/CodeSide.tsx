/** One submission's code with line numbers (1-based), each line carrying the fragments that cover it. Rendered as text, never HTML. */
export function CodeSide({
  side,
  title,
  lines,
  marks,
  from = 0,
  to,
}: {
  side: string;
  title: string;
  lines: readonly string[];
  /** For each line (0-based), the fragment numbers covering it (empty: none). */
  marks: ReadonlyArray<readonly number[]>;
  from?: number;
  to?: number;
}) {
  const last = Math.min(to ?? lines.length - 1, lines.length - 1);
  const shown = lines.slice(from, last + 1);
  return (
    <figure className="code-side" data-testid={`code-${side}`}>
      <figcaption>{title}</figcaption>
      <div className="code-scroll" tabIndex={0} role="region" aria-label={`Code of ${title}`}>
        <pre>
          <code>
            {shown.map((text, offset) => {
              const line = from + offset;
              const fragments = marks[line] ?? [];
              const first = fragments[0];
              return (
                <span key={line} id={`${side}-line-${line + 1}`} className={first === undefined ? "code-line" : `code-line marked frag-c${(first - 1) % 6}`}>
                  <span className="line-no" aria-hidden="true">
                    {line + 1}
                  </span>
                  <span className="frag-no">{fragments.length > 0 ? `[${fragments.join(",")}]` : ""}</span>
                  {text}
                  {"\n"}
                </span>
              );
            })}
          </code>
        </pre>
      </div>
    </figure>
  );
}
