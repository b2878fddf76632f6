import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/page-guards";
import { ActionForm } from "@/app/courses/[slug]/manage/_forms/ActionForm";
import { joinCourseAction } from "./actions";
import "@/app/manage.css";

export const metadata: Metadata = { title: "Join a course" };

export default async function JoinPage() {
  await requirePageUser("/join");
  return (
    <section className="card" aria-labelledby="join-title">
      <h1 id="join-title">Join a course</h1>
      <p className="muted">Enter the join code your instructor gave you. You join as a student.</p>
      <ActionForm action={joinCourseAction} submitLabel="Join course" pendingLabel="Joining…" labels={{ code: "Join code" }}>
        <label>
          Join code
          <input name="code" required autoComplete="off" autoCapitalize="characters" spellCheck={false} placeholder="ABCDE-23456" />
        </label>
      </ActionForm>
    </section>
  );
}
