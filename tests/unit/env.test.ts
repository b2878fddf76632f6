import { describe, expect, it } from "vitest";
import { EnvError, isEmbedded, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("gives the documented defaults on an empty environment", () => {
    const config = parseEnv({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: ".data", NODE_ENV: "development" });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(isEmbedded(config)).toBe(true);
  });

  it("treats an empty DATABASE_URL as unset (embedded mode)", () => {
    expect(isEmbedded(parseEnv({ DATABASE_URL: "" }))).toBe(true);
  });

  it("accepts a postgres URL and switches to server mode", () => {
    const config = parseEnv({ DATABASE_URL: "postgres://user@127.0.0.1:5432/db", PORT: "8080" });
    expect(isEmbedded(config)).toBe(false);
    expect(config.PORT).toBe(8080);
  });

  it("names every bad variable at once", () => {
    let error: unknown;
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x/y", AUTH_SECRET: "short" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/AUTH_SECRET: must be at least 32 characters/);
    expect((error as EnvError).issues).toHaveLength(3);
  });

  it("rejects a port out of range", () => {
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT/);
  });
});
