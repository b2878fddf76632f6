import { describe, expect, it } from "vitest";
import { ACTIONS, can, type Action, type Membership } from "@/lib/auth/permissions";

/**
 * Every role against every action, pinned to who may do what today (the HTTP and server-action matrices
 * in tests/security check the same through the app). A change of who may do something changes this table.
 */
type Who = "student" | "ta" | "instructor" | "admin" | "adminStudent" | "adminInstructor" | "nonMember";

const WHO: Record<Who, Membership | null> = {
  student: { role: "student", isAdmin: false },
  ta: { role: "ta", isAdmin: false },
  instructor: { role: "instructor", isAdmin: false },
  // A site admin who is no member of the course, and site admins who are.
  admin: { role: null, isAdmin: true },
  adminStudent: { role: "student", isAdmin: true },
  adminInstructor: { role: "instructor", isAdmin: true },
  nonMember: null,
};

const ALLOWED: Record<Action, readonly Who[]> = {
  "view-course": ["student", "ta", "instructor", "adminStudent", "adminInstructor"],
  submit: ["student", "ta", "instructor", "adminStudent", "adminInstructor"],
  "submit-as-student": ["student", "adminStudent"],
  "view-dashboard": ["ta", "instructor", "adminInstructor"],
  "view-student-submissions": ["ta", "instructor", "adminInstructor"],
  "export-grades": ["ta", "instructor", "adminInstructor"],
  "preview-exercise": ["ta", "instructor", "adminInstructor"],
  "manage-roster": ["instructor", "adminInstructor"],
  "edit-assignment": ["instructor", "adminInstructor"],
  regrade: ["instructor", "adminInstructor"],
  "reset-student-password": ["instructor", "adminInstructor"],
  "author-exercises": ["instructor", "adminInstructor"],
  "manage-authoring": ["instructor", "adminInstructor"],
  "edit-grading": ["instructor", "adminInstructor"],
  "grant-accommodations": ["instructor", "adminInstructor"],
  "override-scores": ["ta", "instructor", "adminInstructor"],
  "resolve-regrade-requests": ["ta", "instructor", "adminInstructor"],
  "request-regrade": ["student", "adminStudent"],
  "check-similarity": ["ta", "instructor", "adminInstructor"],
  "link-lms": ["instructor", "adminInstructor"],
  "resend-grade-passback": ["ta", "instructor", "adminInstructor"],
  "administer-site": ["admin", "adminStudent", "adminInstructor"],
};

describe("can", () => {
  it("has a row in the table for every action and no row for an action that is gone", () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  for (const action of ACTIONS) {
    for (const who of Object.keys(WHO) as Who[]) {
      const expected = ALLOWED[action].includes(who);
      it(`${expected ? "lets" : "refuses"} ${who} ${action}`, () => {
        expect(can(WHO[who], action)).toBe(expected);
      });
    }
  }

  it("reads a course membership and a user as they come from lib (no isAdmin, no role)", () => {
    expect(can({ role: "instructor" }, "regrade")).toBe(true);
    expect(can({ role: "ta" }, "regrade")).toBe(false);
    expect(can({ isAdmin: true }, "administer-site")).toBe(true);
    expect(can({ isAdmin: false }, "administer-site")).toBe(false);
    expect(can({ isAdmin: true }, "view-course")).toBe(false);
    expect(can(undefined, "view-course")).toBe(false);
  });

  it("lets a TA author exercises only in a course that allows it, and nobody else more", () => {
    const allowing = { tasMayAuthor: true };
    expect(can({ role: "ta", course: allowing }, "author-exercises")).toBe(true);
    expect(can({ role: "ta", course: { tasMayAuthor: false } }, "author-exercises")).toBe(false);
    expect(can({ role: "ta" }, "author-exercises")).toBe(false);
    expect(can({ role: "student", course: allowing }, "author-exercises")).toBe(false);
    expect(can({ role: null, isAdmin: true, course: allowing }, "author-exercises")).toBe(false);
    expect(can({ role: "ta", course: allowing }, "manage-authoring")).toBe(false);
    expect(can({ role: "ta", course: allowing }, "regrade")).toBe(false);
    expect(can({ role: "instructor", course: { tasMayAuthor: false } }, "author-exercises")).toBe(true);
  });
});
