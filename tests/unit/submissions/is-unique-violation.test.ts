import { describe, expect, it } from "vitest";
import { isUniqueViolation } from "@/lib/submissions/lifecycle";

describe("isUniqueViolation", () => {
  it("finds PostgreSQL's 23505 on the error or anywhere down its cause chain (drivers and Drizzle wrap it)", () => {
    const violation = Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505" });
    expect(isUniqueViolation(violation)).toBe(true);
    expect(isUniqueViolation(new Error("insert failed", { cause: new Error("query failed", { cause: violation }) }))).toBe(true);
  });

  it("is false for other errors and for no error", () => {
    expect(isUniqueViolation(Object.assign(new Error("foreign key"), { code: "23503" }))).toBe(false);
    expect(isUniqueViolation(new Error("plain"))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});
