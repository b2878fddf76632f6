import type { ReactNode } from "react";
import Link from "next/link";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/db";
import { countOpenRegradeRequests } from "@/lib/regrade-requests";
import { ManageNav } from "./ManageNav";
import "@/app/manage.css";

type Props = { children: ReactNode; params: Promise<{ slug: string }> };

export default async function ManageLayout({ children, params }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage`);
  const { course, role } = await requirePageCourseAccess(user, slug, "view-dashboard");
  const openRegradeRequests = await countOpenRegradeRequests(await getDb(), course.id);
  return (
    <div className="manage">
      <p className="breadcrumbs small">
        <Link href={`/courses/${course.slug}`}>{course.title}</Link> › Instructor area{" "}
        <span className="badge">{role === "ta" ? "TA" : "instructor"}</span>
      </p>
      <ManageNav base={`/courses/${course.slug}/manage`} openRegradeRequests={openRegradeRequests} />
      {children}
    </div>
  );
}
