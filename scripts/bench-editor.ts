/**
 * `tsx scripts/bench-editor.ts` — the typed editor's `worker` figures as JSON: the worker bundle's bytes and
 * gzip bytes (built afresh into public/editor/), the language service's times in Node (the first answer builds
 * the program; then warm completions and diagnostics, medians), and the noise: diagnostics the service gives on
 * every right solution of the test corpora (the goal is none). Browser timings: scripts/bench-browser.ts.
 */
import path from "node:path";
import { collectDeclarations } from "../lib/editor/ts-service/collect-declarations";
import { createEditorTypeService } from "../lib/editor/ts-service/service";
import { buildEditorWorker } from "./build-editor-worker";
import { rightCorpusSolutions } from "./editor-corpus";

const root = path.resolve(import.meta.dirname, "..");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const round = (x: number) => Number(x.toFixed(1));

function timed<T>(f: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = f();
  return { value, ms: performance.now() - started };
}

async function main(): Promise<void> {
  const buildStarted = performance.now();
  const bundle = await buildEditorWorker();
  const buildMs = performance.now() - buildStarted;

  const service = createEditorTypeService(collectDeclarations(root));
  const code = 'import * as tf from "@tensorflow/tfjs";\nexport const f = (x) => tf.ti';
  service.update({ code, starter: null });
  const first = timed(() => service.completions(code.length));
  const completionMs: number[] = [];
  const diagnosticsMs: number[] = [];
  for (let i = 0; i < 9; i++) {
    const edited = `${code.slice(0, -2)}\n// edit ${i}\ntf.ti`;
    service.update({ code: edited, starter: null });
    completionMs.push(timed(() => service.completions(edited.length)).ms);
    diagnosticsMs.push(timed(() => service.diagnostics()).ms);
  }

  const solutions = rightCorpusSolutions(root);
  const byCode: Record<string, number> = {};
  let errors = 0;
  let diagnostics = 0;
  const examples: string[] = [];
  for (const s of solutions) {
    service.update({ code: s.code, starter: s.starter });
    for (const d of service.diagnostics()) {
      diagnostics += 1;
      if (d.severity === "error") errors += 1;
      byCode[`TS${d.code}`] = (byCode[`TS${d.code}`] ?? 0) + 1;
      if (examples.length < 10) examples.push(`${s.file}:${d.line} TS${d.code} ${d.message.slice(0, 160)}`);
    }
  }

  const report = {
    worker: {
      file: "public/editor/ts-worker.js",
      bytes: bundle.bytes,
      gzipBytes: bundle.gzipBytes,
      declarationFiles: bundle.declarationFiles,
      declarationBytes: bundle.declarationBytes,
      buildMs: Math.round(buildMs),
      node: {
        firstCompletionMs: round(first.ms),
        firstCompletionItems: first.value?.items.length ?? 0,
        warmCompletionMedianMs: round(median(completionMs)),
        warmDiagnosticsMedianMs: round(median(diagnosticsMs)),
      },
      noise: { rightSolutions: solutions.length, diagnostics, errors, byCode, examples },
    },
  };
  console.log(JSON.stringify(report, null, 2));
}

await main();
