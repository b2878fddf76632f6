/**
 * The per-context harness, evaluated in a fresh context before any student code. It captures the
 * intrinsics it needs first, so that prototype pollution by the student cannot change how it reads a
 * result; what it produces is still treated as untrusted by the host (decode.ts re-validates it).
 * Kept as a string: a bundler transform (e.g. esbuild's keepNames) must never touch sandbox code.
 *
 * Evaluated with ($0 = console callback) when the context is prepared, which may be before the
 * submission is known (a warm context); returns harness(op, a, b):
 *   harness("start", seed, limits)       → true; seeds Math.random, sets the limits (once, before student code)
 *   harness("audit")                     → true if the isolate-wide state the checked intrinsics guard is
 *                                          as it was at preparation (see AUDITED below)
 *   harness("load", moduleFunction)      → { k: "loaded", names } | thrown
 *   harness("call", exportName, args)    → { k: "ret", v, a } | thrown, or a native promise of one
 * thrown := { k: "throw", kind: "error" | "value" | "missing", cls, msg, stack }
 * Value nodes: primitives as themselves; ["u"] undefined, ["n", Float64Array] all-number array,
 * ["a", ...nodes], ["o", key, node, …], ["t", dtype, shape, values], ["ta", kind, typedArray],
 * ["b", bigintString], ["x", description], ["!", reason] (limit hit while reading).
 */
export const HARNESS_SOURCE = String.raw`
"use strict";
var logHost = $0, limits = null, started = false;
var G = globalThis;
var ReflectApply = Reflect.apply, ObjectKeys = Object.keys, GetProto = Object.getPrototypeOf;
var SetPrototypeOf = Reflect.setPrototypeOf, OwnKeys = Reflect.ownKeys, GetOwnDesc = Reflect.getOwnPropertyDescriptor, IsExtensible = Reflect.isExtensible;
var ObjectIs = Object.is, WeakMapCtor = WeakMap, WeakMapGet = WeakMap.prototype.get, WeakMapSet = WeakMap.prototype.set;
var TypeErrorCtor = TypeError;
var DefineProp = Object.defineProperty, IsArray = Array.isArray, IsError = Error.isError;
var ArrayCtor = Array, Float64ArrayCtor = Float64Array, PromiseCtor = Promise, StringCtor = String;
var StringSlice = String.prototype.slice, RegExpExec = RegExp.prototype.exec;
var ObjectProto = Object.prototype, FunctionToString = Function.prototype.toString;
var TypedArrayProto = GetProto(Uint8Array.prototype);
var TypedTag = Object.getOwnPropertyDescriptor(TypedArrayProto, Symbol.toStringTag).get;
var TYPED = { __proto__: null, Float32Array: Float32Array, Float64Array: Float64Array, Int32Array: Int32Array,
  Int16Array: Int16Array, Int8Array: Int8Array, Uint32Array: Uint32Array, Uint16Array: Uint16Array,
  Uint8Array: Uint8Array, Uint8ClampedArray: Uint8ClampedArray };
var DateProto = Date.prototype, MapProto = Map.prototype, SetProto = Set.prototype, PromiseProto = Promise.prototype;
var TF = G.tf, TensorProto = TF.Tensor.prototype, DataSync = TensorProto.dataSync;
var ERROR_CLASSES = [
  ["RangeError", RangeError.prototype], ["TypeError", TypeError.prototype],
  ["SyntaxError", SyntaxError.prototype], ["ReferenceError", ReferenceError.prototype],
  ["EvalError", EvalError.prototype], ["URIError", URIError.prototype],
  ["AggregateError", AggregateError.prototype], ["Error", Error.prototype]
];
var STACK_POS = /student\.ts:(\d+):(\d+)/;

function define(target, key, value) {
  DefineProp(target, key, { __proto__: null, value: value, writable: true, enumerable: true, configurable: true });
}
function slice(s, n) { return ReflectApply(StringSlice, s, [0, n]); }

// Seeded PRNG (sfc32): the same submission gives the same random numbers, in tfjs' initialisers too.
var a = 0, b = 0, c = 0, d = 0;
function random() {
  a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
  var t = (a + b) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (c << 21) | (c >>> 11);
  d = (d + 1) | 0; t = (t + d) | 0; c = (c + t) | 0;
  return (t >>> 0) / 4294967296;
}
function start(seed, lim) {
  if (started) throw new Error("already started");
  started = true;
  limits = lim;
  a = 0x9e3779b9; b = 0x243f6a88; c = 0xb7e15162; d = seed >>> 0;
  for (var i = 0; i < 15; i++) random();
  DefineProp(Math, "random", { __proto__: null, value: random, writable: true, configurable: true, enumerable: false });
  return true;
}

// Nothing may run after the submission that queued it. Tasks (not microtasks) outlive a call: V8
// queues them for FinalizationRegistry cleanups, Atomics.waitAsync timeouts and async WebAssembly
// compilation, and they would run in a later submission's call on a recycled isolate. So this
// context gets spec-conforming replacements that queue no task: a FinalizationRegistry whose
// callbacks never run (the spec never guarantees they do), a WeakRef that keeps its target (allowed:
// collection is never guaranteed), WebAssembly.compile/instantiate that compile synchronously under
// the caller's time limit, and no Atomics.waitAsync or JSPI (WebAssembly.promising/Suspending).
function hide(obj, key) { try { delete obj[key]; } catch (e) {} }
function defineHidden(target, key, value) {
  DefineProp(target, key, { __proto__: null, value: value, writable: true, enumerable: false, configurable: true });
}
function makeInertClasses() {
  var targets = new WeakMapCtor();
  function isObjectLike(v) { return (typeof v === "object" && v !== null) || typeof v === "function" || typeof v === "symbol"; }
  function FinalizationRegistry(cleanup) {
    if (new.target === undefined) throw new TypeErrorCtor("Constructor FinalizationRegistry requires 'new'");
    if (typeof cleanup !== "function") throw new TypeErrorCtor("FinalizationRegistry: cleanup must be callable");
  }
  defineHidden(FinalizationRegistry.prototype, "register", function register(target, held) {
    if (!isObjectLike(target)) throw new TypeErrorCtor("FinalizationRegistry.prototype.register: invalid target");
    if (ObjectIs(target, held)) throw new TypeErrorCtor("FinalizationRegistry.prototype.register: target and holdings must not be same");
    return undefined;
  });
  defineHidden(FinalizationRegistry.prototype, "unregister", function unregister(token) {
    if (!isObjectLike(token)) throw new TypeErrorCtor("Invalid unregisterToken");
    return false;
  });
  DefineProp(FinalizationRegistry.prototype, Symbol.toStringTag, { __proto__: null, value: "FinalizationRegistry", configurable: true });
  function WeakRef(target) {
    if (new.target === undefined) throw new TypeErrorCtor("Constructor WeakRef requires 'new'");
    if (!isObjectLike(target)) throw new TypeErrorCtor("WeakRef: invalid target");
    ReflectApply(WeakMapSet, targets, [this, target]);
  }
  defineHidden(WeakRef.prototype, "deref", function deref() { return ReflectApply(WeakMapGet, targets, [this]); });
  DefineProp(WeakRef.prototype, Symbol.toStringTag, { __proto__: null, value: "WeakRef", configurable: true });
  defineHidden(G, "FinalizationRegistry", FinalizationRegistry);
  defineHidden(G, "WeakRef", WeakRef);
}
makeInertClasses();
hide(Atomics, "waitAsync");
if (typeof WebAssembly === "object" && WebAssembly !== null) {
  (function (W) {
    var Module = W.Module, Instance = W.Instance;
    hide(W, "compileStreaming"); hide(W, "instantiateStreaming"); hide(W, "promising"); hide(W, "Suspending");
    defineHidden(W, "compile", function compile(bytes) {
      return new PromiseCtor(function (resolve) { resolve(new Module(bytes)); });
    });
    defineHidden(W, "instantiate", function instantiate(source, imports) {
      return new PromiseCtor(function (resolve) {
        if (source instanceof Module) { resolve(new Instance(source, imports)); return; }
        var module = new Module(source);
        resolve({ module: module, instance: new Instance(module, imports) });
      });
    });
  })(WebAssembly);
}

// Isolate-wide state a fresh context does not reset: V8's "protectors" (array species, no elements
// on Array/Object.prototype, iterator and promise lookup chains…). Changing the intrinsics below
// switches fast paths off for every context of the isolate (measured: array code 2.5–5× slower), so
// the host retires an isolate whose audit fails. Cheap enough to run after every submission: per
// object its prototype, extensibility and number of own keys (an added or deleted key, an index
// on Array.prototype), and the values of the keys V8 guards. Instance-level triggers (defining
// "constructor" on one array) and changes undone before the end are not seen: see the README.
var TypedCtor = GetProto(Uint8Array), S = Symbol;
var ArrayIterProto = GetProto([][S.iterator]());
var AUDITED = [
  [Object.prototype, "toString", "valueOf", S.toPrimitive], [Array, S.species], [Array.prototype, "constructor", S.iterator, "concat"],
  [Function.prototype, S.hasInstance], [Promise, S.species, "resolve"], [Promise.prototype, "constructor", "then"],
  [String.prototype, S.iterator, "toString", "valueOf", S.toPrimitive], [Number.prototype, "toString", "valueOf"],
  [RegExp, S.species], [RegExp.prototype, "constructor", "exec", "flags", S.match, S.replace, S.split],
  [Map.prototype, S.iterator, "entries", "set"], [Set.prototype, S.iterator, "values", "add"],
  [ArrayBuffer, S.species], [ArrayBuffer.prototype, "constructor"], [TypedCtor, S.species], [TypedArrayProto, "constructor", S.iterator, "length"],
  [ArrayIterProto, "next"], [GetProto(new Map()[S.iterator]()), "next"], [GetProto(new Set()[S.iterator]()), "next"],
  [GetProto(""[S.iterator]()), "next"], [GetProto(ArrayIterProto), S.iterator], [Symbol.prototype], [Boolean.prototype]
];
for (var tk in TYPED) { AUDITED.push([TYPED[tk], S.species]); AUDITED.push([TYPED[tk].prototype, "constructor"]); }
// Runs after student code: only captured functions and own-property writes (no push, which a
// student could replace to hide a change).
function fingerprint() {
  var out = [], len = 0;
  function add(v) { define(out, len++, v); }
  for (var n = 0; n < AUDITED.length; n++) {
    var entry = AUDITED[n], o = entry[0];
    add(GetProto(o)); add(IsExtensible(o)); add(OwnKeys(o).length);
    for (var m = 1; m < entry.length; m++) {
      var desc = GetOwnDesc(o, entry[m]);
      if (desc === undefined) { add(undefined); add(undefined); add(undefined); continue; }
      SetPrototypeOf(desc, null); // absent fields must not be read from a polluted Object.prototype
      add(desc.value); add(desc.get); add(desc.set);
    }
  }
  return out;
}
var pristine = fingerprint();
function audit() {
  var now = fingerprint();
  if (now.length !== pristine.length) return false;
  for (var n = 0; n < now.length; n++) if (!ObjectIs(now[n], pristine[n])) return false;
  return true;
}

// Timers: no real clock; callbacks run as microtasks so that awaiting a timeout cannot stall grading.
var timerId = 0, cancelled = new Set();
G.setTimeout = function setTimeout(fn) {
  var id = ++timerId, rest = [];
  for (var k = 2; k < arguments.length; k++) rest.push(arguments[k]);
  PromiseCtor.resolve().then(function () { if (!cancelled.has(id) && typeof fn === "function") ReflectApply(fn, undefined, rest); });
  return id;
};
G.clearTimeout = function clearTimeout(id) { cancelled.add(id); };
G.setImmediate = function setImmediate(fn) { return G.setTimeout(fn, 0); };
G.queueMicrotask = function queueMicrotask(fn) { PromiseCtor.resolve().then(fn); };

// Console: formatted here (student-visible code), copied to the host as one truncated string.
var consoleFull = false;
function fmt(v, depth) {
  if (typeof v === "string") return depth === 0 ? v : JSON.stringify(v);
  if (typeof v !== "object" || v === null) return String(v);
  if (depth > 2) return "[…]";
  if (v instanceof TF.Tensor) return "Tensor " + JSON.stringify(v.shape) + " " + fmt(v.arraySync(), depth + 1);
  if (IsArray(v) || ArrayBuffer.isView(v)) {
    var parts = [];
    for (var j = 0; j < v.length && j < 100; j++) parts.push(fmt(v[j], depth + 1));
    if (v.length > 100) parts.push("… " + (v.length - 100) + " more");
    return "[" + parts.join(", ") + "]";
  }
  var keys = ObjectKeys(v), items = [];
  for (var q = 0; q < keys.length && q < 50; q++) items.push(keys[q] + ": " + fmt(v[keys[q]], depth + 1));
  return "{ " + items.join(", ") + " }";
}
function logger(level) {
  return function () {
    if (consoleFull) return;
    var parts = [];
    for (var k = 0; k < arguments.length; k++) {
      try { parts.push(fmt(arguments[k], 0)); } catch (e) { parts.push("[unprintable]"); }
    }
    var line = slice(parts.join(" "), limits.consoleBytes);
    if (logHost(level, line) === false) consoleFull = true;
  };
}
G.console = { log: logger("log"), info: logger("info"), warn: logger("warn"), error: logger("error"), debug: logger("debug") };

function describeThrow(e) {
  if (!IsError(e)) return { __proto__: null, k: "throw", kind: "value", cls: typeof e, msg: "", line: 0, col: 0 };
  var cls = "Error", proto = e, found = false;
  for (var depth = 0; depth < 16 && !found; depth++) {
    proto = GetProto(proto);
    if (proto === null) break;
    for (var m = 0; m < ERROR_CLASSES.length; m++) {
      if (ERROR_CLASSES[m][1] === proto) { cls = ERROR_CLASSES[m][0]; found = true; break; }
    }
  }
  var msg = "", line = 0, col = 0;
  try { var mv = e.message; if (typeof mv === "string") msg = slice(mv, 500); } catch (x) {}
  try {
    var st = e.stack;
    if (typeof st === "string") {
      var pos = ReflectApply(RegExpExec, STACK_POS, [slice(st, 20000)]);
      if (pos !== null) { line = +pos[1]; col = +pos[2]; }
    }
  } catch (x) {}
  return { __proto__: null, k: "throw", kind: "error", cls: cls, msg: msg, line: line, col: col };
}

function budget() { return { __proto__: null, left: limits.resultItems }; }
// Copies through the captured constructor: %TypedArray%.prototype.slice would consult a student "constructor".
function copyTyped(tag, v) {
  var Ctor = TYPED[tag];
  return Ctor === undefined ? ["x", "a " + tag] : new Ctor(v);
}
function isTensor(v) {
  var p = v;
  for (var depth = 0; depth < 6; depth++) {
    p = GetProto(p);
    if (p === null) return false;
    if (p === TensorProto) return true;
  }
  return false;
}
function serialize(v, depth, budget) {
  if (--budget.left < 0) return ["!", "result too large"];
  var t = typeof v;
  if (t === "number" || t === "string" || t === "boolean") {
    if (t === "string" && v.length > limits.resultItems) return ["!", "result too large"];
    return v;
  }
  if (v === null) return null;
  if (t === "undefined") return ["u"];
  if (t === "bigint") return ["b", StringCtor(v)];
  if (t === "symbol") return ["x", "a symbol"];
  if (t === "function") return ["x", "a function"];
  if (depth > limits.resultDepth) return ["!", "result nested too deeply"];
  var tag = ReflectApply(TypedTag, v, []);
  if (tag !== undefined) {
    if (v.length > budget.left) return ["!", "result too large"];
    budget.left -= v.length;
    return ["ta", tag, copyTyped(tag, v)];
  }
  if (IsArray(v)) {
    var len = v.length;
    if (!(len <= budget.left)) return ["!", "result too large"];
    var nums = new Float64ArrayCtor(len), allNumbers = true, k;
    for (k = 0; k < len; k++) {
      var item = v[k];
      if (typeof item !== "number") { allNumbers = false; break; }
      nums[k] = item;
    }
    if (allNumbers) { budget.left -= len; return ["n", nums]; }
    var out = new ArrayCtor(len + 1);
    define(out, 0, "a");
    for (k = 0; k < len; k++) define(out, k + 1, serialize(v[k], depth + 1, budget));
    return out;
  }
  if (isTensor(v)) {
    var dtype = v.dtype, shape = v.shape;
    if (dtype === "complex64" || dtype === "string") return ["x", "a " + dtype + " tensor"];
    var size = 1;
    if (!IsArray(shape) || shape.length > 16) return ["x", "a tensor with an invalid shape"];
    var dims = new Float64ArrayCtor(shape.length);
    for (k = 0; k < shape.length; k++) { dims[k] = shape[k]; size *= shape[k]; }
    if (!(size <= budget.left)) return ["!", "result too large"];
    budget.left -= size;
    var values = ReflectApply(DataSync, v, []);
    var valuesTag = values === null || typeof values !== "object" ? undefined : ReflectApply(TypedTag, values, []);
    if (valuesTag === undefined) return ["x", "a tensor whose values cannot be read"];
    return ["t", StringCtor(dtype), dims, copyTyped(valuesTag, values)];
  }
  var proto = GetProto(v);
  if (proto === PromiseProto) return ["x", "a Promise (missing await?)"];
  if (proto === MapProto) return ["x", "a Map"];
  if (proto === SetProto) return ["x", "a Set"];
  if (proto === DateProto) return ["x", "a Date"];
  var keys = ObjectKeys(v);
  if (!(keys.length * 2 <= budget.left)) return ["!", "result too large"];
  var obj = new ArrayCtor(keys.length * 2 + 1);
  define(obj, 0, "o");
  for (k = 0; k < keys.length; k++) {
    define(obj, 2 * k + 1, StringCtor(keys[k]));
    define(obj, 2 * k + 2, serialize(v[keys[k]], depth + 1, budget));
  }
  return obj;
}

function finish(result, args) {
  try {
    var node = serialize(result, 0, budget());
    var after = serialize(args, 0, budget());
    return { __proto__: null, k: "ret", v: node, a: after };
  } catch (e) {
    var d = describeThrow(e);
    d.k = "readfail";
    return d;
  }
}

function requireModule(name) {
  if (name === "@tensorflow/tfjs") return TF;
  throw new Error("only @tensorflow/tfjs can be imported");
}

var exportsObj = null;
function load(moduleFn) {
  var mod = { exports: {} };
  try { ReflectApply(moduleFn, undefined, [mod.exports, requireModule, mod]); } catch (e) { return describeThrow(e); }
  exportsObj = mod.exports;
  var names = [];
  try {
    var keys = ObjectKeys(exportsObj);
    for (var k = 0; k < keys.length && k < 1000; k++) {
      if (typeof exportsObj[keys[k]] === "function") define(names, names.length, StringCtor(keys[k]));
    }
  } catch (e) { return describeThrow(e); }
  return { __proto__: null, k: "loaded", names: names };
}

function call(name, args) {
  var fn;
  try { fn = exportsObj[name]; } catch (e) { return describeThrow(e); }
  if (typeof fn !== "function") return { __proto__: null, k: "throw", kind: "missing", cls: "", msg: "", line: 0, col: 0 };
  var r;
  try { r = ReflectApply(fn, undefined, args); } catch (e) { return describeThrow(e); }
  if (r !== null && (typeof r === "object" || typeof r === "function")) {
    var then;
    try { then = r.then; } catch (e) { return describeThrow(e); }
    if (typeof then === "function") {
      return new PromiseCtor(function (resolve) {
        var settled = false;
        function ok(v) { if (!settled) { settled = true; resolve(finish(v, args)); } }
        function bad(e) { if (!settled) { settled = true; resolve(describeThrow(e)); } }
        try { ReflectApply(then, r, [ok, bad]); } catch (e) { bad(e); }
      });
    }
  }
  return finish(r, args);
}

return function harness(op, x, y) {
  if (op === "start") return start(x, y);
  if (op === "audit") return audit();
  if (!started) throw new Error("not started");
  if (op === "load") return load(x);
  if (op === "call") return call(x, y);
  throw new Error("unknown op");
};
`;
