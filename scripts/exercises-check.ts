// `npm run exercises:check [id…]`: checks every exercise package (or the ones named) and exits
// non-zero with a readable report when any check fails.
import { checkPackage } from "@/lib/exercises/check";
import { listExerciseIds } from "@/lib/exercises/catalogue";
import { SandboxProvider } from "@/lib/grading/sandbox/provider";

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const ids = requested.length > 0 ? requested : listExerciseIds();
const provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 1 });
let failed = 0;
try {
  for (const id of ids) {
    const report = await checkPackage(id, provider);
    if (!report.ok) failed++;
    console.log(`${report.ok ? "✓" : "✗"} ${id}`);
    for (const line of report.lines) console.log(`    ${line.ok ? "ok  " : "FAIL"} ${line.text}`);
    for (const warning of report.warnings) console.log(`    warn ${warning}`);
  }
} finally {
  provider.dispose();
}
console.log(`\n${ids.length - failed} of ${ids.length} exercise packages pass.`);
process.exit(failed > 0 ? 1 : 0);
