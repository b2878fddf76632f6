/** scripts/start-builds.mjs: what `npm start` builds before serving (the editor's worker, the app). */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

type Builds = { worker: boolean; app: boolean };
const { buildsNeeded, EDITOR_WORKER_OUTPUT, APP_BUILD_OUTPUT } = (await import(new URL("../../../scripts/start-builds.mjs", import.meta.url).href)) as {
  buildsNeeded: (root: string) => Builds;
  EDITOR_WORKER_OUTPUT: string;
  APP_BUILD_OUTPUT: string;
};

let root: string;
/** Seconds since the epoch for each file written: strictly increasing, so "older" is exact. */
let clock: number;

function write(relative: string): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, relative);
  clock += 10;
  utimesSync(file, clock, clock);
  utimesSync(path.dirname(file), clock, clock);
}

/** Runs the builds `npm start` decided on, as the real ones would leave their output. */
function start(): Builds {
  const due = buildsNeeded(root);
  if (due.worker) write(EDITOR_WORKER_OUTPUT);
  if (due.app) write(APP_BUILD_OUTPUT);
  return due;
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "start-builds-"));
  // Ahead of the real clock: the folders mkdir touches (at the real time) are older than every file written.
  clock = Math.floor(Date.now() / 1000) + 100_000;
  for (const source of ["app/page.tsx", "lib/editor/ts-worker.ts", "lib/grading/compile.ts", "scripts/build-editor-worker.ts", "package-lock.json", "tsconfig.json", "next.config.mjs"]) write(source);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("npm start's builds", () => {
  it("on a clean clone builds the worker and the app once; the next start builds neither", () => {
    expect(start()).toEqual({ worker: true, app: true });
    expect(start()).toEqual({ worker: false, app: false });
  });

  it("builds only the worker when it is missing and the app's build is current (Next reads public/ when it starts)", () => {
    start();
    rmSync(path.join(root, EDITOR_WORKER_OUTPUT));
    expect(start()).toEqual({ worker: true, app: false });
    expect(start()).toEqual({ worker: false, app: false });
  });

  it("rebuilds the worker when its sources change, and the app when any of its sources change", () => {
    start();
    write("scripts/build-editor-worker.ts");
    expect(start()).toEqual({ worker: true, app: false });
    write("lib/grading/compile.ts");
    expect(start()).toEqual({ worker: false, app: true });
    write("lib/editor/ts-worker.ts");
    expect(start()).toEqual({ worker: true, app: true });
  });

  it("is what scripts/start.mjs decides with: no other condition forces a build", () => {
    const script = readFileSync(path.resolve(import.meta.dirname, "../../../scripts/start.mjs"), "utf8");
    expect(script).toContain("buildsNeeded(root)");
    expect(script).not.toMatch(/existsSync|statSync/);
  });
});
