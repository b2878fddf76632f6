// `npm start`: builds the editor's worker and the app when missing or older than their sources, then serves it.
import { spawnSync, spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildsNeeded } from "./start-builds.mjs";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

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

// Decided before either build runs: the worker's build writes only public/, which is no source of the app.
const due = buildsNeeded(root);
if (due.worker) {
  console.log("Tensorgrade: building the editor's TypeScript worker…");
  const worker = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "build-editor-worker.ts")], { cwd: root, stdio: "inherit", env: childEnv });
  if (worker.status !== 0) process.exit(worker.status ?? 1);
}

if (due.app) {
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
