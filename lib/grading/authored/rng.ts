/**
 * The quiz rng on both sides. Authored code gets its rng inside the isolate (no host function ever
 * enters), so `RNG_SOURCE` writes lib/exercises/quiz/rng.ts's createRng (splitmix32-seeded sfc32 with
 * 12 discarded outputs) again as isolate source; tests/unit/grading/authored/rng.test.ts proves equal
 * outputs over many seeds. `hash32` (the seeds) has its one home here: quiz/rng.ts re-exports it.
 */

/** FNV-1a over the UTF-8 bytes of `text`, as an unsigned 32-bit integer (quiz/rng.ts hash32). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The stream of one quiz question for one seed, exactly as lib/exercises/quiz/variant.ts questionSeed. */
export function questionSeed(seed: number, questionId: string): number {
  return hash32(`${seed >>> 0}:${questionId}`);
}

/** The stream of one test generator: a stream per export, so adding a generator keeps the others' tests. */
export function generatorSeed(seed: number, generator: string): number {
  return hash32(`${seed >>> 0}:generator:${generator}`);
}

/**
 * Isolate-side `createRng(seed)`, a function expression. Intrinsics are captured when the wrapper is
 * evaluated (before any authored code), so replacing Math.floor later cannot change the numbers.
 */
export const RNG_SOURCE = String.raw`(function () {
  var imul = Math.imul, floor = Math.floor, ceil = Math.ceil, isInteger = Number.isInteger, isFinite = Number.isFinite;
  var RangeErrorCtor = RangeError;
  function splitmix32(seed) {
    var state = seed >>> 0;
    return function () {
      state = (state + 0x9e3779b9) >>> 0;
      var z = state;
      z = imul(z ^ (z >>> 16), 0x85ebca6b);
      z = imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
  }
  return function createRng(seed) {
    var init = splitmix32(seed);
    var a = init(), b = init(), c = init(), d = init();
    function nextU32() {
      var t = (((a + b) >>> 0) + d) >>> 0;
      d = (d + 1) >>> 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) >>> 0;
      c = ((c << 21) | (c >>> 11)) >>> 0;
      c = (c + t) >>> 0;
      return t;
    }
    for (var i = 0; i < 12; i++) nextU32();
    function next() { return nextU32() / 0x100000000; }
    function int(lo, hi) {
      if (!isInteger(lo) || !isInteger(hi) || hi < lo) {
        throw new RangeErrorCtor("rng.int(" + lo + ", " + hi + "): bounds must be integers with lo <= hi");
      }
      return lo + floor(next() * (hi - lo + 1));
    }
    function float(lo, hi, decimals) {
      if (decimals === undefined) decimals = 2;
      if (!isFinite(lo) || !isFinite(hi) || hi < lo || !isInteger(decimals) || decimals < 0 || decimals > 15) {
        throw new RangeErrorCtor("rng.float(" + lo + ", " + hi + ", " + decimals + "): need finite lo <= hi and 0..15 decimals");
      }
      var scale = 10 ** decimals;
      var first = ceil(lo * scale - 1e-9);
      var last = floor(hi * scale + 1e-9);
      if (last < first) throw new RangeErrorCtor("rng.float(" + lo + ", " + hi + ", " + decimals + "): no " + decimals + "-decimal value in range");
      return int(first, last) / scale;
    }
    function pick(items) {
      if (items.length === 0) throw new RangeErrorCtor("rng.pick: empty array");
      return items[int(0, items.length - 1)];
    }
    function shuffle(items) {
      var out = [], n = items.length;
      for (var k = 0; k < n; k++) out[k] = items[k];
      for (var j = out.length - 1; j > 0; j--) {
        var r = int(0, j), x = out[j];
        out[j] = out[r];
        out[r] = x;
      }
      return out;
    }
    return { next: next, int: int, float: float, pick: pick, shuffle: shuffle };
  };
})()`;
