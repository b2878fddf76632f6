import { ASSESSMENT_FORM_LABELS as LABELS, HIDDEN_TEST_DETAIL_OPTIONS, RELEASE_POLICY_OPTIONS } from "@/lib/courses/assessment-form";
import { controlProps, FieldError } from "../_forms/fields";

interface Props {
  values: Record<string, string | undefined>;
  errors: Record<string, string[] | undefined>;
  readOnly: boolean;
}

/** The assessment form's results and exam settings: when scores are released, hidden-test detail, Run, access code. */
export function ReleaseFields({ values, errors, readOnly }: Props) {
  const field = (name: "releasePolicy" | "hiddenTestDetail" | "accessCode", hints: string[] = []) => controlProps(name, { value: values[name], errors, readOnly, hints });
  return (
    <fieldset className="stack release-fields">
      <legend>Results and exam settings</legend>
      <div className="field">
        <label htmlFor="field-releasePolicy">{LABELS.releasePolicy}</label>
        <select {...field("releasePolicy", ["hint-releasePolicy"])}>
          {RELEASE_POLICY_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <p className="field-hint" id="hint-releasePolicy">
          Until then a student sees &ldquo;Submitted&rdquo; and no score, test results or course-grade share. &ldquo;After the due date&rdquo; uses each
          student&apos;s own due date (extensions included); &ldquo;When I release them&rdquo; waits for the release button on this page.
        </p>
        <FieldError name="releasePolicy" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="field-hiddenTestDetail">{LABELS.hiddenTestDetail}</label>
        <select {...field("hiddenTestDetail", ["hint-hiddenTestDetail"])}>
          {HIDDEN_TEST_DETAIL_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <p className="field-hint" id="hint-hiddenTestDetail">
          What a student sees of each hidden test once scores are released: its name, pass or fail and hint; the name and pass or fail only; or
          nothing until release (then names and hints).
        </p>
        <FieldError name="hiddenTestDetail" errors={errors} />
      </div>
      <div className="field">
        <span className="release-checkbox">
          {/* Sent whether or not the box is ticked, so that unticking it is a change the save sees. */}
          <input type="hidden" name="allowRun" value="false" />
          <input
          type="checkbox"
          id="field-allowRun"
          name="allowRun"
          value="true"
          defaultChecked={values.allowRun === "true"}
          disabled={readOnly}
          aria-describedby="hint-allowRun"
          />
          <label htmlFor="field-allowRun">{LABELS.allowRun}</label>
        </span>
        <p className="field-hint" id="hint-allowRun">
          Run checks the visible examples. Untick it for an exam where Submit is the only check.
        </p>
        <FieldError name="allowRun" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="field-accessCode">{LABELS.accessCode}</label>
        <input type="text" maxLength={64} autoComplete="off" spellCheck={false} {...field("accessCode", ["hint-accessCode"])} />
        <p className="field-hint" id="hint-accessCode">
          Optional: a code students type to start a timed assessment (give it out in the room). Leave it empty for none.
        </p>
        <FieldError name="accessCode" errors={errors} />
      </div>
    </fieldset>
  );
}
