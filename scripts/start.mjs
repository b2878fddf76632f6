// `npm start`: builds the app when the build is missing or older than the sources, then serves it.
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const buildIdFile = path.join(root, ".next", "BUILD_ID");
const sources = ["app", "lib", "instrumentation.ts", "proxy.ts", "next.config.mjs", "package-lock.json", "tsconfig.json"];
// The typed editor's worker (public/editor/, not in git) is built from these before Next.js.
const editorWorkerFile = path.join(root, "public", "editor", "ts-worker.js");
const editorWorkerSources = ["lib/editor", "scripts/build-editor-worker.ts", "package-lock.json"];

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function editorWorkerIsStale() {
  if (!existsSync(editorWorkerFile)) return true;
  const builtAt = statSync(editorWorkerFile).mtimeMs;
  return editorWorkerSources.some((entry) => newestMtime(entry) > builtAt);
}

function buildIsStale() {
  if (!existsSync(buildIdFile)) return true;
  const builtAt = statSync(buildIdFile).mtimeMs;
  return sources.some((entry) => newestMtime(entry) > builtAt);
}

const port = process.env.PORT || "3000";
// NEXT_MANUAL_SIG_HANDLE leaves SIGTERM/SIGINT to the app (lib/startup/shutdown.ts), which finishes or
// hands back the gradings in hand and closes the database before it exits.
const childEnv = {
  ...process.env,
  PORT: port,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
  NEXT_MANUAL_SIG_HANDLE: "true",
};
delete childEnv.NODE_ENV;

// Next.js serves only the public/ files present when it built: a worker that was missing needs a new build too.
const editorWorkerMissing = !existsSync(editorWorkerFile);
if (editorWorkerIsStale()) {
  console.log("Tensorgrade: building the editor's TypeScript worker…");
  const worker = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "build-editor-worker.ts")], { cwd: root, stdio: "inherit", env: childEnv });
  if (worker.status !== 0) process.exit(worker.status ?? 1);
}

if (editorWorkerMissing || buildIsStale()) {
  console.log("Tensorgrade: building the app (first start or changed sources; this takes a minute or two)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: childEnv });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// peer-address.mjs puts the socket's address into x-forwarded-for, which Next.js leaves to the client.
const peerAddress = pathToFileURL(path.join(root, "scripts", "peer-address.mjs")).href;
const server = spawn(process.execPath, ["--import", peerAddress, nextBin, "start", "--port", port], { cwd: root, stdio: "inherit", env: childEnv });
// The app's own drain bound (SHUTDOWN_TIMEOUT_SECONDS, default 20 s) plus time to close the database.
const SHUTDOWN_GRACE_MS = ((Number(process.env.SHUTDOWN_TIMEOUT_SECONDS) || 20) + 25) * 1000;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.kill(signal);
    setTimeout(() => server.kill("SIGKILL"), SHUTDOWN_GRACE_MS).unref();
  });
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
console.log(`Tensorgrade: starting http://localhost:${port}`);
