/** The props every control of the assessment and assignment forms takes: id, name, shown value, error and hint links. */
export function controlProps(name: string, options: { value: string | undefined; errors: Record<string, string[] | undefined>; readOnly: boolean; hints?: string[] }) {
  const { value, errors, readOnly, hints = [] } = options;
  return {
    id: `field-${name}`,
    name,
    defaultValue: value,
    disabled: readOnly,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": [errors[name] ? `error-${name}` : null, ...hints].filter(Boolean).join(" ") || undefined,
  } as const;
}

/** A control's error messages, under it, where its aria-describedby points. */
export function FieldError({ name, errors }: { name: string; errors: Record<string, string[] | undefined> }) {
  const messages = errors[name];
  return messages ? (
    <p className="field-error" id={`error-${name}`}>
      {messages.join("; ")}
    </p>
  ) : null;
}
