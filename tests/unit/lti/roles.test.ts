import { describe, expect, it } from "vitest";
import { courseRoleFromLtiRoles } from "@/lib/lti/roles";

const LIS = "http://purl.imsglobal.org/vocab/lis/v2";

describe("courseRoleFromLtiRoles", () => {
  it.each([
    [[`${LIS}/membership#Learner`], "student"],
    [[`${LIS}/membership#Instructor`], "instructor"],
    [[`${LIS}/membership/Instructor#TeachingAssistant`], "ta"],
    [[`${LIS}/membership#ContentDeveloper`], "ta"],
    [[`${LIS}/membership#Administrator`], "instructor"],
    [[`${LIS}/membership#Learner`, `${LIS}/membership/Instructor#TeachingAssistant`], "ta"],
    // A sub-role comes with its principal role: Instructor + its TeachingAssistant sub-role is a TA.
    [[`${LIS}/membership#Instructor`, `${LIS}/membership/Instructor#TeachingAssistant`], "ta"],
    [[`${LIS}/membership#Instructor`, `${LIS}/membership/Instructor#Grader`], "ta"],
    [[`${LIS}/membership/Instructor#PrimaryInstructor`], "instructor"],
    // Canvas's observers (parents, advisers) are Mentors: they get no staff rights.
    [[`${LIS}/membership#Mentor`], "student"],
    [["Mentor"], "student"],
    [["Instructor"], "instructor"],
    [["Learner"], "student"],
    [["TeachingAssistant"], "ta"],
    [["ContentDeveloper"], "ta"],
    [[], "student"],
    // Institution and system roles say nothing about this course: Canvas sends institution Instructor for anyone who teaches anywhere.
    [[`${LIS}/institution/person#Instructor`, `${LIS}/membership#Learner`], "student"],
    [[`${LIS}/institution/person#Administrator`], "student"],
    [[`${LIS}/system/person#Administrator`, `${LIS}/system/person#SysAdmin`], "student"],
    [[`${LIS}/institution/person#Faculty`, `${LIS}/institution/person#Instructor`], "student"],
    [[`${LIS}/institution/person#Student`, `${LIS}/system/person#User`], "student"],
    [["urn:lti:instrole:ims/lis/Instructor"], "student"],
  ] as const)("%j → %s", (roles, expected) => {
    expect(courseRoleFromLtiRoles(roles)).toBe(expected);
  });
});
