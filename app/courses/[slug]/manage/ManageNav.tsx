"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS = [
  { path: "", label: "Overview" },
  { path: "/roster", label: "Roster" },
  { path: "/assessments", label: "Assessments" },
  { path: "/exercises", label: "Exercises" },
  { path: "/dashboard", label: "Dashboard" },
  { path: "/gradebook", label: "Gradebook" },
  { path: "/grading", label: "Grading" },
  { path: "/accommodations", label: "Accommodations" },
  { path: "/regrade-requests", label: "Regrade requests" },
  { path: "/lms", label: "LMS" },
] as const;

/** The instructor area's sections; `openRegradeRequests` is counted beside its link. */
export function ManageNav({ base, openRegradeRequests = 0 }: { base: string; openRegradeRequests?: number }) {
  const pathname = usePathname();
  const current = [...SECTIONS].reverse().find(({ path }) => (path === "" ? pathname === base : pathname.startsWith(base + path)));
  return (
    <nav className="manage-nav" aria-label="Instructor area">
      <ul>
        {SECTIONS.map(({ path, label }) => (
          <li key={label}>
            <Link href={base + path} aria-current={current?.path === path ? "page" : undefined}>
              {label}
              {path === "/regrade-requests" && openRegradeRequests > 0 ? (
                <>
                  {" "}
                  <span className="badge" data-testid="open-regrade-requests">
                    {openRegradeRequests}
                    <span className="visually-hidden"> open</span>
                  </span>
                </>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
