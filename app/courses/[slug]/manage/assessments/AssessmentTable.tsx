"use client";

import Link from "next/link";
import type { AssessmentState } from "@/lib/courses/assessment-state";
import { MoveButtons, MoveStatus } from "../_forms/MoveButtons";
import { useReorder } from "../_forms/use-reorder";
import { reorderAssessmentsAction } from "./actions";

export interface AssessmentRow {
  id: string;
  label: string;
  href: string;
  category: string;
  exercises: number;
  points: number;
  opens: string;
  due: string;
  state: AssessmentState;
  stateLabel: string;
}

function form(slug: string, ids: string[]): FormData {
  const data = new FormData();
  data.append("slug", slug);
  for (const id of ids) data.append("ids", id);
  return data;
}

/** The course's assessments in order; instructors move them up and down (saved at once). */
export function AssessmentTable({ slug, rows, canEdit }: { slug: string; rows: AssessmentRow[]; canEdit: boolean }) {
  const { order, move, announcement, error } = useReorder(rows, (ids) => reorderAssessmentsAction(null, form(slug, ids)));
  return (
    <>
      <div className="table-wrap">
        <table className="data-table stackable assessment-table" data-testid="assessments">
          <thead>
            <tr>
              <th scope="col">Assessment</th>
              <th scope="col">Category</th>
              <th scope="col">Exercises</th>
              <th scope="col">Points</th>
              <th scope="col">Opens</th>
              <th scope="col">Due</th>
              <th scope="col">State</th>
              {canEdit ? <th scope="col">Order</th> : null}
            </tr>
          </thead>
          <tbody>
            {order.map((row, index) => (
              <tr key={row.id} data-assessment-id={row.id}>
                <td data-label="Assessment">
                  <Link href={row.href}>{row.label}</Link>
                </td>
                <td data-label="Category">{row.category}</td>
                <td data-label="Exercises">{row.exercises}</td>
                <td data-label="Points">{row.points}</td>
                <td data-label="Opens">{row.opens}</td>
                <td data-label="Due">{row.due}</td>
                <td data-label="State" data-state={row.state}>
                  {row.stateLabel}
                </td>
                {canEdit ? (
                  <td data-label="Order" className="order-cell">
                    <MoveButtons id={row.id} label={row.label} index={index} count={order.length} move={move} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <MoveStatus announcement={announcement} error={error} />
    </>
  );
}
