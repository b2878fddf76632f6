"use client";

import { useActionState } from "react";
import { FormStatus } from "../_forms/ActionForm";
import { typedValues } from "../_forms/form-state";
import { addGroupMemberAction, deleteGroupAction, removeGroupMemberAction, renameGroupAction } from "./actions";

interface Props {
  slug: string;
  group: { id: string; label: string; members: Array<{ id: string; name: string; email: string }> };
  /** The course's students' emails, offered as the member field's suggestions. */
  datalistId: string;
}

/** One group's members (add by email, remove) and its rename and delete. */
export function GroupControls({ slug, group, datalistId }: Props) {
  const [addState, add, adding] = useActionState(addGroupMemberAction, null);
  const [renameState, rename, renaming] = useActionState(renameGroupAction, null);
  const [deleteState, remove, deleting] = useActionState(deleteGroupAction, null);
  const base = `group-${group.id}`;
  // After a refusal the fields show what was typed (React resets a form once its action completes);
  // a new key remounts a field whose default changed (uncontrolled inputs read it once).
  const typedEmail = typedValues(addState)?.email ?? "";
  const shownLabel = typedValues(renameState)?.label ?? group.label;
  return (
    <div className="stack">
      <form action={add} className="inline-form">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="groupId" value={group.id} />
        <label htmlFor={`${base}-email`}>Add a student by email</label>
        <input id={`${base}-email`} name="email" type="email" list={datalistId} required autoComplete="off" defaultValue={typedEmail} key={typedEmail} />
        <button className="button small" type="submit" disabled={adding}>
          Add to {group.label}
        </button>
      </form>
      <FormStatus state={addState} labels={{ email: "Email" }} />
      <details>
        <summary>Rename or delete…</summary>
        <div className="stack">
          <form action={rename} className="inline-form">
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="groupId" value={group.id} />
            <label htmlFor={`${base}-label`}>New label</label>
            <input id={`${base}-label`} name="label" defaultValue={shownLabel} key={`${group.label}|${shownLabel}`} required maxLength={80} />
            <button className="button secondary small" type="submit" disabled={renaming}>
              Rename
            </button>
          </form>
          <FormStatus state={renameState} labels={{ label: "New label" }} />
          <form action={remove} className="inline-form">
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="groupId" value={group.id} />
            <button className="button danger small" type="submit" disabled={deleting}>
              Delete group {group.label} and its grants
            </button>
          </form>
          <FormStatus state={deleteState} />
        </div>
      </details>
    </div>
  );
}

/** Takes one member out of a group. */
export function RemoveMemberButton({ slug, groupId, member }: { slug: string; groupId: string; member: { id: string; name: string } }) {
  const [state, formAction, pending] = useActionState(removeGroupMemberAction, null);
  return (
    <>
      <form action={formAction} className="inline-form">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="groupId" value={groupId} />
        <input type="hidden" name="userId" value={member.id} />
        <button className="button secondary small" type="submit" disabled={pending} aria-label={`Remove ${member.name} from the group`}>
          Remove
        </button>
      </form>
      <FormStatus state={state} />
    </>
  );
}
