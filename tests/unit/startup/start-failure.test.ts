import { describe, expect, it } from "vitest";
import { describeStartFailure } from "@/lib/startup/start-app";

describe("describeStartFailure", () => {
  it("tells a newcomer to create a missing database", () => {
    const error = Object.assign(new Error('database "tensorgrade" does not exist'), { code: "3D000" });
    expect(describeStartFailure(error)).toBe('database "tensorgrade" does not exist: create it first (e.g. `createdb <name>`), then start again.');
  });

  it("names an unreachable PostgreSQL and refused credentials", () => {
    expect(describeStartFailure(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5999"), { code: "ECONNREFUSED" }))).toMatch(/Cannot reach PostgreSQL at DATABASE_URL .*is it running\?/);
    expect(describeStartFailure(Object.assign(new Error("password authentication failed"), { code: "28P01" }))).toMatch(/refused the credentials/);
  });

  it("passes any other failure's message through", () => {
    expect(describeStartFailure(new Error("The embedded database in .data is in use by process 42"))).toBe("The embedded database in .data is in use by process 42");
    expect(describeStartFailure("plain")).toBe("plain");
  });
});
