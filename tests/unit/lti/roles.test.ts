import { describe, expect, it } from "vitest";
import { courseRoleFromLtiRoles } from "@/lib/lti/roles";

const LIS = "http://purl.imsglobal.org/vocab/lis/v2";

describe("courseRoleFromLtiRoles", () => {
  it.each([
    [[`${LIS}/membership#Learner`], "student"],
    [[`${LIS}/membership#Instructor`], "instructor"],
    [[`${LIS}/membership/Instructor#TeachingAssistant`], "ta"],
    [[`${LIS}/membership#Mentor`], "ta"],
    [[`${LIS}/membership#ContentDeveloper`], "ta"],
    [[`${LIS}/institution/person#Administrator`], "instructor"],
    [[`${LIS}/membership#Learner`, `${LIS}/membership/Instructor#TeachingAssistant`], "ta"],
    [["Instructor"], "instructor"],
    [["Learner"], "student"],
    [[], "student"],
    [[`${LIS}/institution/person#Student`, `${LIS}/system/person#User`], "student"],
  ] as const)("%j → %s", (roles, expected) => {
    expect(courseRoleFromLtiRoles(roles)).toBe(expected);
  });
});
