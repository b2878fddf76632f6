// What `npm start` (scripts/start.mjs) must build before serving: the editor's worker and the app, each only
// when its output is missing or older than its sources. They are independent: `next start` reads public/ when
// the server starts (node_modules/next/dist/server/lib/router-utils/filesystem.js lists it then), so a worker
// built after the app is served without a new `next build`.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const APP_SOURCES = ["app", "lib", "instrumentation.ts", "proxy.ts", "next.config.mjs", "package-lock.json", "tsconfig.json"];
const EDITOR_WORKER_SOURCES = ["lib/editor", "scripts/build-editor-worker.ts", "package-lock.json"];
/** Where scripts/build-editor-worker.ts writes the worker (public/editor/, not in git). */
export const EDITOR_WORKER_OUTPUT = path.join("public", "editor", "ts-worker.js");
export const APP_BUILD_OUTPUT = path.join(".next", "BUILD_ID");

function newestMtime(root, entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(full)) newest = Math.max(newest, newestMtime(root, path.join(entry, child)));
  return newest;
}

function isStale(root, output, sources) {
  const file = path.join(root, output);
  if (!existsSync(file)) return true;
  const builtAt = statSync(file).mtimeMs;
  return sources.some((entry) => newestMtime(root, entry) > builtAt);
}

/** @param {string} root the project folder @returns {{ worker: boolean, app: boolean }} which builds are due */
export function buildsNeeded(root) {
  return { worker: isStale(root, EDITOR_WORKER_OUTPUT, EDITOR_WORKER_SOURCES), app: isStale(root, APP_BUILD_OUTPUT, APP_SOURCES) };
}
