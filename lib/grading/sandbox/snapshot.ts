/** The tfjs V8 snapshot, built once per process from trusted code only. */
import ivm from "isolated-vm";
import { baseScripts } from "./platform-source";

let snapshot: ivm.ExternalCopy<ArrayBuffer> | null = null;

/** Returns the process-wide snapshot, building it on first use (~150 ms). */
export function getTfSnapshot(): ivm.ExternalCopy<ArrayBuffer> {
  snapshot ??= ivm.Isolate.createSnapshot(baseScripts());
  return snapshot;
}
