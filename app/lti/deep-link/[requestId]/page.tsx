import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { deepLinkOptions } from "@/lib/lti/deep-linking/options";
import { CLOSED_REQUEST_MESSAGE, findOwnDeepLinkRequest, requestState } from "@/lib/lti/deep-linking/request";
import { DeepLinkPicker } from "./DeepLinkPicker";
import "@/app/lti/deep-link.css";

type Props = { params: Promise<{ requestId: string }> };

export const metadata: Metadata = { title: "Add to your LMS" };

/** The deep linking picker, for the instructor whose LMS launch opened it (and nobody else). */
export default async function DeepLinkPage({ params }: Props) {
  const { requestId } = await params;
  const user = await requirePageUser(`/lti/deep-link/${encodeURIComponent(requestId)}`);
  const db = await getDb();
  const request = await findOwnDeepLinkRequest(db, requestId, user.id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const state = requestState(request, new Date());
  if (state !== "open") {
    return (
      <div className="deep-link stack">
        <h1>Add Tensorgrade to your LMS</h1>
        <p className="error" role="alert" data-testid="deep-link-closed">
          {CLOSED_REQUEST_MESSAGE[state]}
        </p>
      </div>
    );
  }
  const { courses, linkedCourse } = await deepLinkOptions(db, request);
  return (
    <div className="deep-link stack">
      <h1>Add Tensorgrade to your LMS</h1>
      <p>
        Tick the assessments to place in your LMS course, or open one to place single exercises. Each becomes a link with its own grade column worth the points
        shown; scores reach the LMS as students submit.
      </p>
      {linkedCourse ? <p className="small muted">This LMS course is linked to {linkedCourse.title}: only its assessments can be added.</p> : null}
      {courses.length === 0 ? (
        <p className="error" role="alert">
          {linkedCourse
            ? `This LMS course is linked to ${linkedCourse.title}, which you do not teach in Tensorgrade: ask its instructor to add assessments.`
            : "You teach no Tensorgrade course, so there is nothing to add. Ask an administrator to make you an instructor of your course."}
        </p>
      ) : null}
      <DeepLinkPicker requestId={request.id} courses={courses} acceptMultiple={request.acceptMultiple} />
    </div>
  );
}
