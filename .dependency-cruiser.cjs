/**
 * Architecture guards, checked by `npm run lint` (depcruise over app, lib and scripts: the production code).
 * tests/unit/architecture/dependency-rules.test.ts proves that each rule catches what it names.
 *
 * Never add an exception to get a new violation through: fix the import, or change a rule with a reason.
 */
/** Where a package resolves, whether to this repository's node_modules or to one above it. */
const npmPackage = (name) => `(^|/)node_modules/${name}/`;

/**
 * No cycles between lib folders. dependency-cruiser counts a subfolder's imports as its parent's too
 * (lib/queue includes lib/queue/pg-boss), which is why the app's job handlers live in lib/jobs.
 */
const FOLDER_CYCLE = {
  name: "no-lib-folder-cycle",
  scope: "folder",
  severity: "error",
  comment:
    "Two lib/ folders depend on each other (possibly through others). Imports between lib folders go one way: " +
    "move the module that points back into the folder it belongs with, or the shared piece into a lower folder.",
  from: { path: "^lib/" },
  to: { path: "^lib/", circular: true },
};

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
    FOLDER_CYCLE,
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
      comment: "Only the adapter in lib/queue/pg-boss/ speaks to pg-boss; everything else goes through lib/queue/port.ts.",
      from: { pathNot: "^lib/queue/pg-boss/" },
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
