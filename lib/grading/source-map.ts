/** Maps positions in transpiled JavaScript back to the student's TypeScript via a v3 source map. */
import { z } from "zod";

const SourceMapSchema = z.object({ version: z.literal(3), mappings: z.string() });

/** One mapped segment: generated column → original line/column (all 0-based). */
interface Segment {
  genCol: number;
  line: number;
  col: number;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function decodeVlq(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = BASE64.indexOf(ch);
    if (digit < 0) return out;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** A decoded source map answering "where in the original is generated line:col?" (1-based in and out). */
export class PositionMap {
  private readonly lines: Segment[][];

  constructor(sourceMapJson: string) {
    const map = SourceMapSchema.parse(JSON.parse(sourceMapJson));
    this.lines = [];
    let line = 0;
    let col = 0;
    for (const group of map.mappings.split(";")) {
      const segments: Segment[] = [];
      let genCol = 0;
      for (const part of group.split(",")) {
        if (part === "") continue;
        const fields = decodeVlq(part);
        genCol += fields[0] ?? 0;
        if (fields.length >= 4) {
          line += fields[2] ?? 0;
          col += fields[3] ?? 0;
          segments.push({ genCol, line, col });
        }
      }
      this.lines.push(segments);
    }
  }

  /** Original position for a generated position, or null when the line has no mapping. */
  original(genLine: number, genCol: number): { line: number; column: number } | null {
    const segments = this.lines[genLine - 1];
    if (!segments || segments.length === 0) return null;
    let best = segments[0];
    for (const s of segments) {
      if (s.genCol <= genCol - 1) best = s;
      else break;
    }
    if (!best) return null;
    const offset = Math.max(0, genCol - 1 - best.genCol);
    return { line: best.line + 1, column: best.col + 1 + offset };
  }
}
