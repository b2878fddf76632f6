"use client";

import { useActionState } from "react";
import type { CourseRole } from "@/lib/db/schema";
import { FormStatus } from "../_forms/ActionForm";
import { changeRoleAction, removeMemberAction } from "./actions";

interface Props {
  slug: string;
  member: { userId: string; name: string; role: CourseRole };
}

export function MemberControls({ slug, member }: Props) {
  const [roleState, roleAction, rolePending] = useActionState(changeRoleAction, null);
  const [removeState, removeAction, removePending] = useActionState(removeMemberAction, null);
  return (
    <div className="stack">
      <form action={roleAction} className="inline-form">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="userId" value={member.userId} />
        <label className="visually-hidden" htmlFor={`role-${member.userId}`}>
          Role of {member.name}
        </label>
        <select id={`role-${member.userId}`} name="role" defaultValue={member.role} key={member.role}>
          <option value="student">student</option>
          <option value="ta">TA</option>
          <option value="instructor">instructor</option>
        </select>
        <button className="button secondary small" type="submit" disabled={rolePending} aria-label={`Change role of ${member.name}`}>
          Change role
        </button>
      </form>
      <FormStatus state={roleState} labels={{ role: `Role of ${member.name}` }} />
      <details>
        <summary>Remove…</summary>
        <form action={removeAction} className="inline-form">
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="userId" value={member.userId} />
          <button className="button danger small" type="submit" disabled={removePending}>
            Remove {member.name} from the course
          </button>
        </form>
      </details>
      <FormStatus state={removeState} />
    </div>
  );
}
