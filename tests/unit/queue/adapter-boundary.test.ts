import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * The queue is behind a port (lib/queue/port.ts) with one adapter (lib/queue/pg-boss/): no other
 * module imports pg-boss or names its schema, so that swapping the queue touches the adapter only.
 * A cheap first line; dependency-cruiser enforces the module graph as a whole.
 */

const root = path.resolve(__dirname, "../../..");
const ADAPTER = "lib/queue/pg-boss/";
const SCANNED = ["lib", "app", "scripts"];

const IMPORTS_PG_BOSS = /(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)["']pg-boss(?:\/[^"']*)?["']/;
// The schema pg-boss keeps its tables in (`pgboss.job`, `schema: "pgboss"`).
const NAMES_PGBOSS_SCHEMA = /\bpgboss\b/;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : sourceFiles(relative);
    return /\.(?:[cm]?[jt]sx?)$/.test(entry.name) ? [relative] : [];
  });
}

function offenders(pattern: RegExp): string[] {
  return SCANNED.flatMap(sourceFiles).filter((file) => !file.startsWith(ADAPTER) && pattern.test(readFileSync(path.join(root, file), "utf8")));
}

describe("the queue adapter boundary", () => {
  it("finds the adapter where it is expected (the check below is not vacuous)", () => {
    const adapterFiles = sourceFiles(ADAPTER.slice(0, -1));
    expect(adapterFiles.some((file) => IMPORTS_PG_BOSS.test(readFileSync(path.join(root, file), "utf8")))).toBe(true);
    expect(adapterFiles.some((file) => /\bpgboss\.job\b/.test(readFileSync(path.join(root, file), "utf8")))).toBe(true);
  });

  it("lets no file outside lib/queue/pg-boss/ import pg-boss", () => {
    expect(offenders(IMPORTS_PG_BOSS)).toEqual([]);
  });

  it("lets no file outside lib/queue/pg-boss/ name pg-boss's schema or tables", () => {
    expect(offenders(NAMES_PGBOSS_SCHEMA)).toEqual([]);
  });

  it("recognises the ways a file can reach pg-boss", () => {
    for (const line of ['import { PgBoss } from "pg-boss";', "import type { Job } from 'pg-boss';", 'await import("pg-boss")', 'require("pg-boss")', 'import "pg-boss";', 'export { x } from "pg-boss/dist/x";']) {
      expect(IMPORTS_PG_BOSS.test(line), line).toBe(true);
    }
    for (const line of ['import { z } from "zod";', "// the pg-boss adapter", 'import x from "pg-boss-extra";']) {
      expect(IMPORTS_PG_BOSS.test(line), line).toBe(false);
    }
    expect(NAMES_PGBOSS_SCHEMA.test("select 1 from pgboss.job j")).toBe(true);
    expect(NAMES_PGBOSS_SCHEMA.test("// pg-boss keeps its jobs")).toBe(false);
  });
});
