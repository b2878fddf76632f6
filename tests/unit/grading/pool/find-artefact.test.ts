import { describe, expect, it } from "vitest";
import { GraderPool } from "@/lib/grading/pool/pool";

describe("a pool that finds artefacts by exercise id", () => {
  it("asks twice and, when both fail, reports both failures", async () => {
    const failures = ["database unreachable", "still unreachable"];
    // No children: the artefact is looked up before any job is dispatched.
    const pool = new GraderPool({ size: 0, artefactOf: () => Promise.reject(new Error(failures.shift() ?? "again")) });
    try {
      const result = await pool.grade("batching", "export const f = 1;");
      expect(result.status).toBe("error");
      expect(result.message).toContain("still unreachable (the first attempt failed too: database unreachable)");
    } finally {
      await pool.close();
    }
  });
});
