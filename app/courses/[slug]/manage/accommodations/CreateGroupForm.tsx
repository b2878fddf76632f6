"use client";

import { ActionForm } from "../_forms/ActionForm";
import { createGroupAction } from "./actions";

export function CreateGroupForm({ slug }: { slug: string }) {
  return (
    <ActionForm action={createGroupAction} submitLabel="Create group" labels={{ label: "Group label" }}>
      {(typed) => (
        <>
          <input type="hidden" name="slug" value={slug} />
          <label>
            Group label
            <input name="label" required maxLength={80} placeholder="extra time" defaultValue={typed?.label} />
          </label>
        </>
      )}
    </ActionForm>
  );
}
