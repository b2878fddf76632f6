/**
 * Builds the typed editor's worker: lib/editor/ts-worker.ts with typescript and the declarations it needs
 * (collected from node_modules, nothing fetched) into public/editor/ts-worker.js, minified, for the browser.
 * Run by `npm run build`, `npm run dev` and `npm start` before Next.js. Deterministic: same inputs, same bytes.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";
import { collectDeclarations } from "../lib/editor/ts-service/collect-declarations";

const root = path.resolve(import.meta.dirname, "..");
const entry = path.join(root, "lib", "editor", "ts-worker.ts");
export const EDITOR_WORKER_FILE = path.join(root, "public", "editor", "ts-worker.js");

/** typescript.js requires these only on Node (behind its own checks): empty modules in the browser. */
const NODE_ONLY_MODULES = ["fs", "path", "os", "crypto", "perf_hooks", "inspector", "source-map-support", "buffer", "module"];

function nodeStubs(): Plugin {
  const filter = new RegExp(`^(node:)?(${NODE_ONLY_MODULES.join("|")})$`);
  return {
    name: "node-only-stubs",
    setup(b) {
      b.onResolve({ filter }, (args) => ({ path: args.path, namespace: "node-stub" }));
      b.onLoad({ filter: /.*/, namespace: "node-stub" }, () => ({ contents: "module.exports = {};", loader: "js" }));
    },
  };
}

function bakedDeclarations(json: string): Plugin {
  return {
    name: "baked-declarations",
    setup(b) {
      b.onLoad({ filter: /[\\/]ts-service[\\/]bundled-declarations\.ts$/ }, () => ({
        contents: `export const BUNDLED_DECLARATIONS = ${json};`,
        loader: "js",
      }));
    },
  };
}

/** Builds the worker into `outFile` (public/editor/ts-worker.js by default) and says how big it came out. */
export async function buildEditorWorker(outFile = EDITOR_WORKER_FILE): Promise<{ bytes: number; gzipBytes: number; declarationFiles: number; declarationBytes: number }> {
  const declarations = collectDeclarations(root);
  const json = JSON.stringify(declarations);
  mkdirSync(path.dirname(outFile), { recursive: true });
  await build({
    entryPoints: [entry],
    outfile: outFile,
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    minify: true,
    legalComments: "none",
    logLevel: "error",
    // typescript.js's `require(modulePath)` for plugins never runs in the browser.
    logOverride: { "unsupported-require-call": "silent" },
    define: { "process.env.NODE_ENV": '"production"' },
    plugins: [nodeStubs(), bakedDeclarations(json)],
  });
  const bundle = readFileSync(outFile);
  return {
    bytes: bundle.length,
    gzipBytes: gzipSync(bundle, { level: 9 }).length,
    declarationFiles: Object.keys(declarations).length,
    declarationBytes: Buffer.byteLength(json),
  };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("build-editor-worker.ts")) {
  const started = Date.now();
  buildEditorWorker().then(
    (s) => {
      const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
      console.log(
        `editor worker: public/editor/ts-worker.js ${kb(s.bytes)} (gzip ${kb(s.gzipBytes)}), ${s.declarationFiles} declaration files (${kb(s.declarationBytes)}), ${Date.now() - started} ms`,
      );
    },
    (e: unknown) => {
      console.error("editor worker: build failed:", e);
      process.exit(1);
    },
  );
}
