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
] as const;

export function ManageNav({ base }: { base: string }) {
  const pathname = usePathname();
  const current = [...SECTIONS].reverse().find(({ path }) => (path === "" ? pathname === base : pathname.startsWith(base + path)));
  return (
    <nav className="manage-nav" aria-label="Instructor area">
      <ul>
        {SECTIONS.map(({ path, label }) => (
          <li key={label}>
            <Link href={base + path} aria-current={current?.path === path ? "page" : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
