// `npm run exercises:check [id | folder | archive …]`: checks every exercise package (or the ones named:
// an id under exercises/, a package folder's path, or a .zip / .tar.gz of a data package) and exits
// non-zero with a readable report when any check fails.
import { checkPackage } from "@/lib/exercises/check";
import { listExerciseIds } from "@/lib/exercises/catalogue";
import { checkArchive, checkTargetOf, type CheckTarget } from "@/lib/exercises/data-package/check-target";
import { SandboxProvider } from "@/lib/grading/sandbox/provider";

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const targets: CheckTarget[] = requested.length > 0 ? requested.map(checkTargetOf) : listExerciseIds().map((id) => ({ kind: "id", id }));
const provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 1 });
let failed = 0;
try {
  for (const target of targets) {
    const report = target.kind === "archive" ? await checkArchive(target.file, provider) : await checkPackage(target.id, provider, target.root);
    if (!report.ok) failed++;
    console.log(`${report.ok ? "✓" : "✗"} ${target.kind === "archive" ? `${report.id} (${target.file})` : report.id}`);
    for (const line of report.lines) console.log(`    ${line.ok ? "ok  " : "FAIL"} ${line.text}`);
    for (const warning of report.warnings) console.log(`    warn ${warning}`);
  }
} finally {
  provider.dispose();
}
console.log(`\n${targets.length - failed} of ${targets.length} exercise packages pass.`);
process.exit(failed > 0 ? 1 : 0);
