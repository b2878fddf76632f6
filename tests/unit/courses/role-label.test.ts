import { describe, expect, it } from "vitest";
import { roleLabel } from "@/lib/courses/role-label";

describe("roleLabel", () => {
  it("names a TA in capitals and every other role as it is", () => {
    expect(["student", "ta", "instructor", "admin", "disabled"].map(roleLabel)).toEqual(["student", "TA", "instructor", "admin", "disabled"]);
  });
});
