"use client";

import { useActionState } from "react";
import { ActionForm, FormStatus } from "../_forms/ActionForm";
import { typedValues } from "../_forms/form-state";
import { createCategoryAction, deleteCategoryAction, moveCategoryAction, setAssessmentCategoryAction, updateCategoryAction } from "./actions";

export interface CategoryRowData {
  id: string;
  name: string;
  weight: number;
  dropLowest: number;
}

interface RowProps {
  slug: string;
  category: CategoryRowData;
  /** The category's share of the total weight, as text ("40 %"). */
  share: string;
  assessments: number;
  first: boolean;
  last: boolean;
}

const FIELD_LABELS = { name: "Name", weight: "Weight", dropLowest: "Drop lowest" };

/** One category as an editable table row: its inputs belong to the Save form in the last cell (the form attribute). */
export function CategoryEditRow({ slug, category, share, assessments, first, last }: RowProps) {
  const [saveState, saveAction, saving] = useActionState(updateCategoryAction, null);
  const [moveState, moveAction, moving] = useActionState(moveCategoryAction, null);
  const [deleteState, deleteAction, deleting] = useActionState(deleteCategoryAction, null);
  const formId = `category-${category.id}`;
  const field = (name: string) => `${formId}-${name}`;
  // After a refused save the inputs show what was typed (React resets the form), else the saved values;
  // a new key remounts an input whose default changed (uncontrolled inputs read it once).
  const typed = typedValues(saveState);
  const shown = (name: "name" | "weight" | "dropLowest") => typed?.[name] ?? String(category[name]);
  const remountOn = (name: "name" | "weight" | "dropLowest") => `${category[name]}|${shown(name)}`;
  return (
    <tr data-category-id={category.id}>
      <th scope="row">
        <label className="visually-hidden" htmlFor={field("name")}>
          Name of {category.name}
        </label>
        <input id={field("name")} form={formId} name="name" type="text" defaultValue={shown("name")} key={remountOn("name")} required maxLength={80} />
      </th>
      <td>
        <label className="visually-hidden" htmlFor={field("weight")}>
          Weight of {category.name}
        </label>
        <input id={field("weight")} form={formId} name="weight" type="number" min={0} max={1000} step={0.01} defaultValue={shown("weight")} key={remountOn("weight")} required />
      </td>
      <td>{share}</td>
      <td>
        <label className="visually-hidden" htmlFor={field("dropLowest")}>
          Lowest assessments of {category.name} dropped
        </label>
        <input id={field("dropLowest")} form={formId} name="dropLowest" type="number" min={0} max={50} step={1} defaultValue={shown("dropLowest")} key={remountOn("dropLowest")} required />
      </td>
      <td>{assessments}</td>
      <td>
        <div className="row-actions">
          <form id={formId} action={saveAction}>
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="categoryId" value={category.id} />
            <button className="button small" type="submit" disabled={saving}>
              Save<span className="visually-hidden"> {category.name}</span>
            </button>
          </form>
          <form action={moveAction} className="inline-form">
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="categoryId" value={category.id} />
            <button className="button secondary small" type="submit" name="direction" value="up" disabled={moving || first}>
              Move up<span className="visually-hidden"> {category.name}</span>
            </button>
            <button className="button secondary small" type="submit" name="direction" value="down" disabled={moving || last}>
              Move down<span className="visually-hidden"> {category.name}</span>
            </button>
          </form>
        </div>
        <details>
          <summary>Remove…</summary>
          <form action={deleteAction} className="inline-form">
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="categoryId" value={category.id} />
            <button className="button danger small" type="submit" disabled={deleting}>
              Remove {category.name} (its assessments go to no category)
            </button>
          </form>
        </details>
        <FormStatus state={saveState} labels={FIELD_LABELS} />
        <FormStatus state={moveState} />
        <FormStatus state={deleteState} />
      </td>
    </tr>
  );
}

/** The form that adds a category at the end. */
export function AddCategoryForm({ slug }: { slug: string }) {
  return (
    <ActionForm action={createCategoryAction} submitLabel="Add category" pendingLabel="Adding…" labels={FIELD_LABELS}>
      {(typed) => (
        <>
          <input type="hidden" name="slug" value={slug} />
          <label htmlFor="new-category-name">Name</label>
          <input id="new-category-name" name="name" type="text" required maxLength={80} placeholder="Homework" defaultValue={typed?.name} />
          <label htmlFor="new-category-weight">Weight</label>
          <input
            id="new-category-weight"
            name="weight"
            type="number"
            min={0}
            max={1000}
            step={0.01}
            required
            defaultValue={typed?.weight ?? 0}
            aria-describedby="new-category-weight-hint"
          />
          <p id="new-category-weight-hint" className="hint">
            Relative: a category weighing 40 counts twice as much as one weighing 20. Weights need not add up to 100.
          </p>
          <label htmlFor="new-category-drop">Lowest assessments dropped</label>
          <input id="new-category-drop" name="dropLowest" type="number" min={0} max={50} step={1} defaultValue={typed?.dropLowest ?? 0} />
        </>
      )}
    </ActionForm>
  );
}

interface AssessmentCategoryProps {
  slug: string;
  assessment: { id: string; title: string; categoryId: string | null };
  categories: ReadonlyArray<{ id: string; name: string }>;
}

/** The category select of one assessment, with its own Save. */
export function AssessmentCategoryForm({ slug, assessment, categories }: AssessmentCategoryProps) {
  const [state, formAction, pending] = useActionState(setAssessmentCategoryAction, null);
  const id = `assessment-category-${assessment.id}`;
  return (
    <>
      <form action={formAction} className="inline-form">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="assessmentId" value={assessment.id} />
        <label className="visually-hidden" htmlFor={id}>
          Category of {assessment.title}
        </label>
        <select id={id} name="categoryId" defaultValue={assessment.categoryId ?? ""} key={assessment.categoryId ?? ""}>
          <option value="">No category</option>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
        </select>
        <button className="button secondary small" type="submit" disabled={pending}>
          Set<span className="visually-hidden"> the category of {assessment.title}</span>
        </button>
      </form>
      <FormStatus state={state} labels={{ categoryId: `Category of ${assessment.title}` }} />
    </>
  );
}
