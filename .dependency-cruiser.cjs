/**
 * Architecture guards, checked by `npm run lint` (depcruise over app, lib and scripts: the production code).
 * tests/unit/architecture/dependency-rules.test.ts proves that each rule catches what it names.
 *
 * TEMPORARY EXCEPTIONS (issue 14): some violations are in code that other branches are changing right
 * now. Remove each once its branch is merged.
 *   1. Module-level ones sit in .dependency-cruiser-known-violations.json, which `--ignore-known` skips
 *      (depcruise warns when an entry no longer occurs; when none is left, delete the file and
 *      `--ignore-known` from the lint script in package.json):
 *      - lib/grading → lib/exercises (runner, reference, evaluate, package-module, model/with-harness,
 *        pool/pool, pool/child): branch "artefacts" removes those imports.
 *      - pg-boss imported by lib/queue/{boss,consumer,enqueue,health,node,runtime}.ts: branch "queue"
 *        moves pg-boss behind lib/queue/pg-boss-adapter.ts.
 *      - the module cycle lib/submissions/lifecycle.ts ↔ result-rows.ts (a type import): branch "scoring"
 *        owns lifecycle.ts.
 *   2. dependency-cruiser's baseline does not cover folder-level rules, so the folder cycles that come
 *      with them are TEMPORARY_FOLDER_CYCLE_EXCEPTIONS below.
 * Never add an exception to get a new violation through: fix the import, or change a rule with a reason.
 */
const TEMPORARY_FOLDER_CYCLE_EXCEPTIONS = [
  // Branch "queue" breaks queue ↔ submissions.
  ["lib/queue", "lib/submissions"],
  // Branch "artefacts" stops lib/grading (and its subfolders) importing lib/exercises.
  ["lib/grading", "lib/exercises"],
];

/** Where a package resolves, whether to this repository's node_modules or to one above it. */
const npmPackage = (name) => `(^|/)node_modules/${name}/`;

/** A folder with its subfolders, as a folder-scope path. */
const folderTree = (folder) => `^${folder}(/|$)`;

const FOLDER_CYCLE = {
  name: "no-lib-folder-cycle",
  scope: "folder",
  severity: "error",
  comment:
    "Two lib/ folders depend on each other (possibly through others). Imports between lib folders go one way: " +
    "move the module that points back into the folder it belongs with, or the shared piece into a lower folder.",
};

/**
 * No cycles between lib folders, except, while `exceptions` lists them, cycles among the folders of one
 * pair (each with its subfolders). A folder rule has only `from` and `to`, so the exceptions split it:
 * one rule for every folder outside the pairs, one per excepted folder that skips its partner.
 */
function libFolderCycleRules(exceptions) {
  const excepted = [...new Set(exceptions.flat())];
  const partners = (folder) => [folder, ...exceptions.filter((pair) => pair.includes(folder)).flat()];
  const anyOf = (folders) => folders.map(folderTree).join("|");
  if (excepted.length === 0) return [{ ...FOLDER_CYCLE, from: { path: "^lib/" }, to: { path: "^lib/", circular: true } }];
  return [
    { ...FOLDER_CYCLE, from: { path: "^lib/", pathNot: anyOf(excepted) }, to: { path: "^lib/", circular: true } },
    ...excepted.map((folder) => ({
      ...FOLDER_CYCLE,
      from: { path: folderTree(folder) },
      to: { path: "^lib/", pathNot: anyOf(partners(folder)), circular: true },
    })),
  ];
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-module-cycle",
      severity: "error",
      comment:
        "A module reaches itself through its imports. Move what both sides need into a third module that imports neither.",
      from: {},
      to: { circular: true },
    },
    ...libFolderCycleRules(TEMPORARY_FOLDER_CYCLE_EXCEPTIONS),
    {
      name: "lib-never-imports-app",
      severity: "error",
      comment: "Imports flow app → lib, never back: lib/ must run without Next.js pages (a worker, a script, a test).",
      from: { path: "^lib/" },
      to: { path: "^app/" },
    },
    {
      name: "app-never-imports-drizzle",
      severity: "error",
      comment: "Pages, actions and routes hold no SQL: put the query in a lib/ function and call that.",
      from: { path: "^app/" },
      to: { path: npmPackage("drizzle-orm") },
    },
    {
      name: "production-never-imports-tests",
      severity: "error",
      comment: "app/, lib/ and scripts/ are what ships: nothing there may depend on tests/.",
      from: { path: "^(app|lib|scripts)/" },
      to: { path: "^tests/" },
    },
    {
      name: "grading-never-imports-exercises",
      severity: "error",
      comment:
        "lib/grading grades an exercise artefact it is handed; it knows nothing of how exercises are loaded or authored (lib/exercises).",
      from: { path: "^lib/grading/" },
      to: { path: "^lib/exercises/" },
    },
    {
      name: "pg-boss-only-in-queue-adapter",
      severity: "error",
      comment: "Only lib/queue/pg-boss-adapter.ts speaks to pg-boss; everything else goes through lib/queue's own interface.",
      from: { pathNot: "^lib/queue/pg-boss-adapter\\.ts$" },
      to: { path: npmPackage("pg-boss") },
    },
  ],
  options: {
    doNotFollow: { path: "(^|/)node_modules/" },
    // Type-only imports count: a cycle of types is still two modules that cannot be read apart.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // Folder-scope rules (no-lib-folder-cycle) need the folder graph, which metrics compute.
    metrics: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mjs", ".js", ".cjs", ".json"],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
