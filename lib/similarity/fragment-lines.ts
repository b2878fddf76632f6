import { LINE_BREAK } from "./line-breaks";
import type { CodeRegion } from "./types";

/** The code's lines, as the pair view numbers them (LF, CRLF or CR breaks). */
export function linesOf(code: string): string[] {
  return code.split(LINE_BREAK);
}

/** The 0-based lines a region covers: an end at column 0 of a later line does not cover that line. */
export function regionLines(region: CodeRegion): { first: number; last: number } {
  const last = region.endColumn === 0 && region.endLine > region.startLine ? region.endLine - 1 : region.endLine;
  return { first: region.startLine, last: Math.max(region.startLine, last) };
}

/** "3–9" (1-based), or "3" for one line. */
export function lineRange(region: CodeRegion): string {
  const { first, last } = regionLines(region);
  return first === last ? `${first + 1}` : `${first + 1}–${last + 1}`;
}

/** For each of `lineCount` lines, the numbers (1-based, in order) of the regions covering it. */
export function fragmentLines(regions: readonly CodeRegion[], lineCount: number): number[][] {
  const marks: number[][] = Array.from({ length: lineCount }, () => []);
  regions.forEach((region, index) => {
    const { first, last } = regionLines(region);
    for (let line = Math.max(0, first); line <= Math.min(last, lineCount - 1); line++) marks[line]!.push(index + 1);
  });
  return marks;
}
