/**
 * The trusted wrapper evaluated in an authored-code context before checks.ts. It captures every
 * intrinsic it uses first, so tampering by authored code cannot change how it reports; the host
 * still treats what it returns as untrusted (envelope.ts re-validates it). Every answer is one JSON
 * string made inside the isolate, under the call's time limit (a getter or toJSON runs there too).
 *
 *   wrapper("start", seed)             → true; seeds Math.random, adds a silent console
 *   wrapper("load", moduleFunction)    → '{"k":"loaded","names":[…]}' | thrown
 *   wrapper("call", name, args, seed)  → '{"k":"ret","v":…}' | thrown | '{"k":"missing"}' | '{"k":"out","why":…}'
 *                                        (seed ≥ 0: the function is called as fn(rng(seed)), args unused)
 * thrown := {"k":"throw","kind":"error"|"value","cls","msg","line","col"}
 */
import { MAX_ANSWER_CHARS } from "./envelope";
import { RNG_SOURCE } from "./rng";

export const AUTHORED_FILE = "checks.ts";

export const WRAPPER_SOURCE = String.raw`
"use strict";
var G = globalThis;
var ReflectApply = Reflect.apply, GetProto = Object.getPrototypeOf, ObjectKeys = Object.keys, DefineProp = Object.defineProperty;
var IsError = Error.isError, Stringify = JSON.stringify, StringCtor = String, NumberIsFinite = Number.isFinite;
var StringSlice = String.prototype.slice, RegExpExec = RegExp.prototype.exec;
var TF = G.tf;
var createRng = ${RNG_SOURCE};
var ERROR_CLASSES = [
  ["RangeError", RangeError.prototype], ["TypeError", TypeError.prototype],
  ["SyntaxError", SyntaxError.prototype], ["ReferenceError", ReferenceError.prototype],
  ["EvalError", EvalError.prototype], ["URIError", URIError.prototype],
  ["AggregateError", AggregateError.prototype], ["Error", Error.prototype]
];
var STACK_POS = /checks\.ts:(\d+):(\d+)/;
function slice(s, n) { return ReflectApply(StringSlice, s, [0, n]); }

var a = 0, b = 0, c = 0, d = 0;
function random() {
  a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
  var t = (a + b) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (c << 21) | (c >>> 11);
  d = (d + 1) | 0; t = (t + d) | 0; c = (c + t) | 0;
  return (t >>> 0) / 4294967296;
}
function start(seed) {
  a = 0x9e3779b9; b = 0x243f6a88; c = 0xb7e15162; d = seed >>> 0;
  for (var i = 0; i < 15; i++) random();
  DefineProp(Math, "random", { __proto__: null, value: random, writable: true, configurable: true, enumerable: false });
  function quiet() {}
  G.console = { log: quiet, info: quiet, warn: quiet, error: quiet, debug: quiet };
  return true;
}

function describeThrow(e) {
  if (!IsError(e)) return { __proto__: null, kind: "value", cls: typeof e, msg: "", line: 0, col: 0 };
  var cls = "Error", proto = e, found = false;
  for (var depth = 0; depth < 16 && !found; depth++) {
    proto = GetProto(proto);
    if (proto === null) break;
    for (var m = 0; m < ERROR_CLASSES.length; m++) {
      if (ERROR_CLASSES[m][1] === proto) { cls = ERROR_CLASSES[m][0]; found = true; break; }
    }
  }
  var msg = "", line = 0, col = 0;
  try { var mv = e.message; if (typeof mv === "string") msg = slice(mv, 300); } catch (x) {}
  try {
    var st = e.stack;
    if (typeof st === "string") {
      var pos = ReflectApply(RegExpExec, STACK_POS, [slice(st, 20000)]);
      if (pos !== null) { line = +pos[1]; col = +pos[2]; }
    }
  } catch (x) {}
  return { __proto__: null, kind: "error", cls: cls, msg: msg, line: line, col: col };
}

// Envelopes are written by hand: JSON.stringify of an object would consult a toJSON that authored
// code may have put on Object.prototype or Array.prototype. A primitive string never consults one.
function q(text) { return Stringify(StringCtor(text)); }
function thrownJson(t) {
  return '{"k":"throw","kind":' + q(t.kind) + ',"cls":' + q(t.cls) + ',"msg":' + q(t.msg) + ',"line":' + (t.line >>> 0) + ',"col":' + (t.col >>> 0) + "}";
}
function outJson(why) { return '{"k":"out","why":' + q(why) + "}"; }

// Only plain data leaves: a value JSON would change or drop is refused, by name.
function plainOnly(key, v) {
  var t = typeof v;
  if (t === "number" && !NumberIsFinite(v)) throw new RangeError("returned " + StringCtor(v) + ", which is not plain data");
  if (t === "undefined" || t === "function" || t === "symbol" || t === "bigint") throw new TypeError("returned " + (t === "undefined" ? "undefined" : "a " + t) + ", which is not plain data");
  return v;
}
function returned(v) {
  if (v !== null && (typeof v === "object" || typeof v === "function")) {
    var then;
    try { then = v.then; } catch (e) { return thrownJson(describeThrow(e)); }
    if (typeof then === "function") return outJson("returned a Promise (authored functions must be synchronous)");
  }
  var text;
  try { text = Stringify(v, plainOnly); } catch (e) { return outJson(describeThrow(e).msg || "returned a value that is not plain data"); }
  if (typeof text !== "string") return outJson("returned a value that is not plain data");
  // Checked here too, so that an oversized answer is never copied to the host.
  if (text.length > ${MAX_ANSWER_CHARS - 64}) return outJson("returned more than ${MAX_ANSWER_CHARS / (1024 * 1024)} MB of data");
  return '{"k":"ret","v":' + text + "}";
}

function requireModule(name) {
  if (name === "@tensorflow/tfjs") return TF;
  throw new Error("only @tensorflow/tfjs can be imported");
}

var exportsObj = null;
function load(moduleFn) {
  var mod = { exports: {} };
  try { ReflectApply(moduleFn, undefined, [mod.exports, requireModule, mod]); } catch (e) { return thrownJson(describeThrow(e)); }
  exportsObj = mod.exports;
  var names = "";
  try {
    var keys = ObjectKeys(exportsObj);
    for (var k = 0; k < keys.length && k < 1000; k++) {
      if (typeof exportsObj[keys[k]] === "function") names += (names === "" ? "" : ",") + q(keys[k]);
    }
  } catch (e) { return thrownJson(describeThrow(e)); }
  return '{"k":"loaded","names":[' + names + "]}";
}

function call(name, args, seed) {
  var fn;
  try { fn = exportsObj[name]; } catch (e) { return thrownJson(describeThrow(e)); }
  if (typeof fn !== "function") return '{"k":"missing"}';
  var r;
  try { r = ReflectApply(fn, undefined, seed >= 0 ? [createRng(seed)] : args); } catch (e) { return thrownJson(describeThrow(e)); }
  return returned(r);
}

return function wrapper(op, x, y, z) {
  if (op === "start") return start(x);
  if (op === "load") return load(x);
  if (op === "call") return call(x, y, z);
  throw new Error("unknown op");
};
`;
