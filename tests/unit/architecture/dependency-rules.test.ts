import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cruise, type ICruiseResult, type IViolation } from "dependency-cruiser";
import extractDepcruiseConfig from "dependency-cruiser/config-utl/extract-depcruise-config";

/**
 * The rules of .dependency-cruiser.cjs, run over a small tree made for the test in which each rule is
 * broken once (and a few look-alikes are not), so that every rule is shown to catch what it names.
 */
const FIXTURE: Record<string, string> = {
  // A module cycle inside one folder.
  "lib/cyclic/first.ts": 'import { second } from "./second";\nexport const first = () => second;\n',
  "lib/cyclic/second.ts": 'import { first } from "./first";\nexport const second = () => first;\n',
  // A folder cycle with no module cycle: lib/up → lib/down → lib/up through different modules.
  "lib/up/top.ts": 'import { bottom } from "../down/bottom";\nexport const top = bottom;\n',
  "lib/up/leaf.ts": "export const leaf = 1;\n",
  "lib/down/bottom.ts": 'import { leaf } from "../up/leaf";\nexport const bottom = leaf;\n',
  // One-way imports between folders are fine.
  "lib/plain/user.ts": 'import { leaf } from "../up/leaf";\nexport const user = leaf;\n',
  // lib importing app.
  "lib/plain/reaches-app.ts": 'import { page } from "../../app/page";\nexport const reached = page;\n',
  // app importing drizzle-orm.
  "app/page.ts": 'import { sql } from "drizzle-orm";\nexport const page = sql;\n',
  // Production code importing tests.
  "lib/plain/uses-test.ts": 'import { helper } from "../../tests/helper";\nexport const used = helper;\n',
  "scripts/tool.ts": 'import { helper } from "../tests/helper";\nexport const tool = helper;\n',
  "tests/helper.ts": "export const helper = 1;\n",
  // lib/grading importing lib/exercises.
  "lib/grading/runner.ts": 'import { exercise } from "../exercises/loader";\nexport const runner = exercise;\n',
  "lib/exercises/loader.ts": "export const exercise = 1;\n",
  // pg-boss: the adapter may import it, nothing else may.
  "lib/queue/pg-boss/adapter.ts": 'import { PgBoss } from "pg-boss";\nexport const adapter = PgBoss;\n',
  "lib/queue/enqueue.ts": 'import { PgBoss } from "pg-boss";\nexport const enqueue = PgBoss;\n',
  "lib/queue/pg-boss-helper.ts": 'import { PgBoss } from "pg-boss";\nexport const helper = PgBoss;\n',
  // A folder cycle through a subfolder counts: lib/queue/jobs → lib/submissions → lib/queue.
  "lib/queue/jobs/grading.ts": 'import { grade } from "../../submissions/grade";\nexport const job = grade;\n',
  "lib/submissions/grade.ts": 'import { send } from "../queue/port";\nexport const grade = send;\n',
  "lib/queue/port.ts": "export const send = 1;\n",
  "node_modules/drizzle-orm/package.json": '{ "name": "drizzle-orm", "main": "index.js" }\n',
  "node_modules/drizzle-orm/index.js": "exports.sql = 1;\n",
  "node_modules/pg-boss/package.json": '{ "name": "pg-boss", "main": "index.js" }\n',
  "node_modules/pg-boss/index.js": "exports.PgBoss = 1;\n",
};

let root: string;
let violations: IViolation[];

const shown = (violation: IViolation) =>
  `${violation.rule.name}: ${violation.from} → ${violation.cycle ? violation.cycle.map((step) => step.name).join(" → ") : violation.to}`;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "tensorgrade-architecture-"));
  for (const [file, text] of Object.entries(FIXTURE)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  const config = await extractDepcruiseConfig(path.resolve(".dependency-cruiser.cjs"));
  // The fixture has no tsconfig: its imports are relative.
  const { tsConfig: _tsConfig, ...options } = config.options ?? {};
  const result = await cruise(["app", "lib", "scripts"], { ...options, baseDir: root, validate: true, ruleSet: { forbidden: config.forbidden } });
  violations = (result.output as ICruiseResult).summary.violations;
}, 30_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("the architecture rules (.dependency-cruiser.cjs)", () => {
  it("catches each violation in the fixture and nothing else", () => {
    expect(violations.map(shown).sort()).toEqual(
      [
        "app-never-imports-drizzle: app/page.ts → node_modules/drizzle-orm/index.js",
        "grading-never-imports-exercises: lib/grading/runner.ts → lib/exercises/loader.ts",
        "lib-never-imports-app: lib/plain/reaches-app.ts → app/page.ts",
        "no-lib-folder-cycle: lib/down → lib/up → lib/down",
        "no-lib-folder-cycle: lib/queue → lib/submissions → lib/queue",
        "no-lib-folder-cycle: lib/submissions → lib/queue → lib/submissions",
        "no-lib-folder-cycle: lib/up → lib/down → lib/up",
        "no-module-cycle: lib/cyclic/first.ts → lib/cyclic/second.ts → lib/cyclic/first.ts",
        "pg-boss-only-in-queue-adapter: lib/queue/enqueue.ts → node_modules/pg-boss/index.js",
        "pg-boss-only-in-queue-adapter: lib/queue/pg-boss-helper.ts → node_modules/pg-boss/index.js",
        "production-never-imports-tests: lib/plain/uses-test.ts → tests/helper.ts",
        "production-never-imports-tests: scripts/tool.ts → tests/helper.ts",
      ].sort(),
    );
  });

  it("has every rule catch something, so none is dead", async () => {
    const config = await extractDepcruiseConfig(path.resolve(".dependency-cruiser.cjs"));
    const names = new Set((config.forbidden ?? []).map((rule) => rule.name));
    expect(new Set(violations.map((violation) => violation.rule.name))).toEqual(names);
  });
});
