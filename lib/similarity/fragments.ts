/** The matching fragments of one pair, for the side-by-side view: Dolos's fragments, mapped back to the code. */
import { File, FingerprintIndex, Region, TokenizedFile } from "@dodona/dolos-core";
import type { CodeRegion, SimilarityFragment, SimilarityOptions } from "./types";
import type { TokenizedCode } from "./tokenize";

function dolosFile(name: string, source: string, code: TokenizedCode): TokenizedFile {
  const mapping = code.regions.map((r) => new Region(r.startLine, r.startColumn, r.endLine, r.endColumn));
  return new TokenizedFile(new File(name, source), [...code.tokens], mapping);
}

function regionOf(code: TokenizedCode, start: number, stop: number): CodeRegion {
  const first = code.regions[start]!;
  const last = code.regions[stop]!;
  return { startLine: first.startLine, startColumn: first.startColumn, endLine: last.endLine, endColumn: last.endColumn };
}

/**
 * Fragments of `a` and `b` that share fingerprints, ignoring `ignoredHashes` (boilerplate and common), in the
 * order they appear in `a`; fragments contained in a larger one are left out (Dolos squashes them).
 */
export function buildFragments(
  a: { source: string; code: TokenizedCode },
  b: { source: string; code: TokenizedCode },
  ignoredHashes: Iterable<number>,
  options: SimilarityOptions,
): SimilarityFragment[] {
  const index = new FingerprintIndex(options.kgramLength, options.windowLength);
  index.addIgnoredHashes([...ignoredHashes]);
  const left = dolosFile("a", a.source, a.code);
  const right = dolosFile("b", b.source, b.code);
  index.addFiles([left, right]);
  return index
    .getPair(left, right)
    .buildFragments()
    .map((fragment) => {
      const lefts = fragment.pairs.map((p) => p.left);
      const rights = fragment.pairs.map((p) => p.right);
      const aStart = Math.min(...lefts.map((s) => s.start));
      const aStop = Math.max(...lefts.map((s) => s.stop));
      const bStart = Math.min(...rights.map((s) => s.start));
      const bStop = Math.max(...rights.map((s) => s.stop));
      return {
        a: regionOf(a.code, aStart, aStop),
        b: regionOf(b.code, bStart, bStop),
        tokens: Math.max(aStop - aStart, bStop - bStart) + 1,
      };
    });
}
