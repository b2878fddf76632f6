/** Grader child process: runs student code in isolates, one job at a time, for the pool supervisor. */
import { resolveLimits } from "../limits";
import { gradeSource, planTests } from "../runner";
import { SandboxProvider } from "../sandbox/provider";
import { getTfSnapshot } from "../sandbox/snapshot";
import { getArtefactSpec } from "./artefact-spec";
import { runAuthoredTaskSync } from "../authored/tasks";
import { ChildConfigSchema, ChildJobSchema, type ChildMessage, type Job, type TaskJob } from "./protocol";
import { dropPrivileges } from "./privileges";

const config = ChildConfigSchema.parse(JSON.parse(process.argv[2] ?? "{}"));
const provider = new SandboxProvider({ useSnapshot: config.useSnapshot, submissionsPerIsolate: config.submissionsPerIsolate });

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function run(job: Job): Promise<void> {
  try {
    const spec = await getArtefactSpec(job.artefact, config.artefactFolder);
    const limits = resolveLimits(spec.exercise.limits, job.limits);
    send({ type: "started", jobId: job.jobId, submissionMs: limits.submissionMs, testNames: planTests(spec, job.examplesOnly).map((p) => p.test.name) });
    const result = await gradeSource(spec, job.source, {
      provider,
      limits: job.limits,
      examplesOnly: job.examplesOnly,
      onTest: (index, r) => send({ type: "test", jobId: job.jobId, index, result: r }),
    });
    send({ type: "done", jobId: job.jobId, result });
  } catch (e) {
    send({ type: "failed", jobId: job.jobId, error: e instanceof Error ? e.message : String(e) });
  }
}

/** An authored task: synchronous in this process (checks.ts only in isolates), under the supervisor's deadline. */
function runTask(job: TaskJob): void {
  try {
    send({ type: "task-done", jobId: job.jobId, output: runAuthoredTaskSync(job.task) });
  } catch (e) {
    send({ type: "task-failed", jobId: job.jobId, error: e instanceof Error ? e.message : String(e) });
  }
}

let queue = Promise.resolve();
process.on("message", (raw: unknown) => {
  const job = ChildJobSchema.safeParse(raw);
  if (!job.success) return;
  const data = job.data;
  queue = queue.then(() => (data.type === "task" ? runTask(data) : run(data)));
});
process.on("disconnect", () => process.exit(0));

if (config.useSnapshot) getTfSnapshot();
provider.scheduleWarm(256);
if (config.dropPrivileges) dropPrivileges();
send({ type: "ready", pid: process.pid });
