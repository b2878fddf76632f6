import type { QueueDepth as Depth } from "@/lib/queue/stats";
import { formatDuration } from "@/lib/progress/format";

/** "Grading queue: N waiting, M running, oldest waiting X s". */
export function QueueDepth({ depth }: { depth: Depth }) {
  return (
    <p className="queue-depth" data-testid="queue-depth" role="status">
      <strong>Grading queue:</strong> {depth.queued} waiting, {depth.running} running
      {depth.queued > 0 ? `, oldest waiting ${formatDuration(depth.oldestQueuedSeconds)}` : ", nothing waiting"}
    </p>
  );
}
