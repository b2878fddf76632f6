"use client";

import { useActionState } from "react";
import type { CourseRole } from "@/lib/db/schema";
import { FormStatus } from "../_forms/ActionForm";
import { changeRoleAction, removeMemberAction, resetStudentPasswordAction } from "./actions";

interface Props {
  slug: string;
  member: { userId: string; name: string; role: CourseRole };
}

export function MemberControls({ slug, member }: Props) {
  const [roleState, roleAction, rolePending] = useActionState(changeRoleAction, null);
  const [removeState, removeAction, removePending] = useActionState(removeMemberAction, null);
  const [resetState, resetAction, resetPending] = useActionState(resetStudentPasswordAction, null);
  const reset = resetState?.ok ? resetState.data : null;
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
      {member.role === "student" ? (
        <>
          <details>
            <summary>Reset password…</summary>
            <form action={resetAction} className="inline-form">
              <input type="hidden" name="slug" value={slug} />
              <input type="hidden" name="userId" value={member.userId} />
              <button className="button secondary small" type="submit" disabled={resetPending}>
                Reset password of {member.name}
              </button>
            </form>
          </details>
          {reset ? (
            <p className="notice" role="status" data-testid="reset-password">
              One-time password for {reset.email}: <span className="secret">{reset.initialPassword}</span>. It is shown this
              once; {reset.name} chooses a new one at the next sign-in, and their sessions have ended.
            </p>
          ) : (
            <FormStatus state={resetState} />
          )}
        </>
      ) : null}
    </div>
  );
}
