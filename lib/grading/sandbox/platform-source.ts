/** Trusted JavaScript baked into every isolate before tfjs and student code: browser hint and tf platform. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * Defined before the tfjs source: without a V8 version to read, core-js feature tests in tf.min.js set
 * Symbol.species on an array, which switches off V8's array-species fast path (≈2× slower tfjs).
 */
const NAVIGATOR = String.raw`globalThis.navigator = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 Safari/537.36" };`;

/** tf platform without fetch or real timers; utf-8 codec written out since V8 alone has no TextEncoder. */
const PLATFORM = String.raw`(function () {
  "use strict";
  function encodeUtf8(text) {
    var bytes = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
        var d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d < 0xe000) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; }
      }
      if (c < 0x80) bytes.push(c);
      else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return new Uint8Array(bytes);
  }
  function decodeUtf8(bytes) {
    var out = "";
    for (var i = 0; i < bytes.length; ) {
      var b = bytes[i++], c;
      if (b < 0x80) c = b;
      else if (b < 0xe0) c = ((b & 31) << 6) | (bytes[i++] & 63);
      else if (b < 0xf0) c = ((b & 15) << 12) | ((bytes[i++] & 63) << 6) | (bytes[i++] & 63);
      else c = ((b & 7) << 18) | ((bytes[i++] & 63) << 12) | ((bytes[i++] & 63) << 6) | (bytes[i++] & 63);
      out += String.fromCodePoint(c);
    }
    return out;
  }
  tf.setPlatform("sandbox", {
    fetch: function () { return Promise.reject(new Error("fetch is not available in the grader")); },
    now: function () { return Date.now(); },
    encode: function (text, encoding) {
      if (encoding !== "utf-8" && encoding !== "utf8") throw new Error("unsupported encoding " + encoding);
      return encodeUtf8(text);
    },
    decode: function (bytes, encoding) {
      if (encoding !== "utf-8" && encoding !== "utf8") throw new Error("unsupported encoding " + encoding);
      return decodeUtf8(bytes);
    },
    isTypedArray: function (a) {
      return a instanceof Float32Array || a instanceof Int32Array || a instanceof Uint8Array || a instanceof Uint8ClampedArray;
    },
    setTimeoutCustom: function (fn) { Promise.resolve().then(fn); },
  });
})();`;

let tfSource: string | null = null;

/** The tf.min.js text shipped in node_modules, read once per process. */
export function readTfSource(): string {
  if (tfSource === null) {
    const require = createRequire(import.meta.url);
    tfSource = readFileSync(require.resolve("@tensorflow/tfjs/dist/tf.min.js"), "utf8");
  }
  return tfSource;
}

/** Scripts that make a fresh isolate a tfjs sandbox (snapshotted, or run afresh without a snapshot). */
export function baseScripts(): { code: string; filename: string }[] {
  return [
    { code: NAVIGATOR, filename: "grader:navigator.js" },
    { code: readTfSource(), filename: "grader:tf.min.js" },
    { code: PLATFORM, filename: "grader:platform.js" },
  ];
}
