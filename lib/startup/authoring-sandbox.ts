import "server-only";
import path from "node:path";
import type { AuthoringSandbox } from "../exercises/authoring-sandbox";
import { importTypeScript } from "../exercises/import-typescript";
import { appGraderPool } from "./app-queue";
import { poolAuthoringSandbox } from "./pool-authoring-sandbox";

type PoolModule = typeof import("../grading/pool/pool");
type Pool = InstanceType<PoolModule["GraderPool"]>;

/**
 * The web process's authoring sandbox: the app's own grader pool when this process grades, else a
 * pool of one child started on first use (checks and drafts are rare next to submissions).
 */
export function createWebAuthoringSandbox(): AuthoringSandbox & { close(): Promise<void> } {
  let own: Promise<Pool> | null = null;
  const pool = (): Promise<Pool> => {
    const shared = appGraderPool();
    if (shared) return Promise.resolve(shared);
    own ??= (async () => {
      // Loaded from source at run time like the app queue's pool: its children run the same files.
      const mod = (await importTypeScript(path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "grading", "pool", "pool.ts"))) as PoolModule;
      return new mod.GraderPool({ size: 1 });
    })();
    own.catch(() => {
      own = null;
    });
    return own;
  };
  return {
    ...poolAuthoringSandbox(pool),
    async close() {
      const started = own;
      own = null;
      if (started) await (await started).close();
    },
  };
}
