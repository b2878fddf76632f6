import "server-only";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { DatabaseHandle } from "../db/client";
import { gradesInApp, type Env } from "../env";
import { importTypeScript } from "../exercises/import-typescript";
import { getLogger } from "../logging/logger";
import { deliveriesInHand, startQueueNode, type OwnedGrader, type QueueNode } from "./queue-node";

type Pool = import("../grading/pool/pool").GraderPool;
const store = globalThis as typeof globalThis & { __tensorgradeQueueNode?: Promise<QueueNode>; __tensorgradeAppPool?: Pool };

/** The grader pool of this process when it grades (authoring's sandbox borrows it), else undefined. */
export function appGraderPool(): Pool | undefined {
  return store.__tensorgradeAppPool;
}

/**
 * The app process's queue: it always enqueues; it grades (with its own grader pool) in embedded mode,
 * and in server mode only with GRADE_IN_APP=true. The pool is loaded from source at run time, not
 * bundled: its children are separate Node processes that run the same files.
 */
export function startAppQueue(database: DatabaseHandle, config: Env): Promise<QueueNode> {
  store.__tensorgradeQueueNode ??= (async () => {
    let grading: { grader: OwnedGrader; concurrency: number } | undefined;
    if (gradesInApp(config)) {
      const poolModule = (await importTypeScript(
        path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "grading", "pool", "pool.ts"),
      )) as typeof import("../grading/pool/pool");
      const size = config.GRADER_POOL_SIZE ?? Math.max(1, availableParallelism());
      const pool = new poolModule.GraderPool({ size });
      store.__tensorgradeAppPool = pool;
      grading = { grader: pool, concurrency: deliveriesInHand(size) };
    }
    return startQueueNode({ database, databaseUrl: config.DATABASE_URL, instanceName: "app", grading, log: getLogger() });
  })();
  return store.__tensorgradeQueueNode;
}

