/** Whether a value survives JSON unchanged: what a data package's test arguments and expected values must be. */

function describe(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0 (JSON keeps it as 0)" : String(value);
  if (typeof value === "function") return "a function";
  if (typeof value !== "object" || value === null) return typeof value === "undefined" ? "undefined" : `a ${typeof value}`;
  return `a ${value.constructor?.name ?? "null-prototype object"}`;
}

/** The first part of `value` that JSON would lose or change, as "args[0][2]: NaN", or null when it is plain JSON. */
export function findNonJson(value: unknown, where: string): string | null {
  if (value === null || typeof value === "string" || typeof value === "boolean") return null;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0) ? null : `${where}: ${describe(value)}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return `${where}[${i}]: a hole`;
      const found = findNonJson(value[i], `${where}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return `${where}: ${describe(value)}`;
    for (const [key, item] of Object.entries(value)) {
      const found = findNonJson(item, `${where}.${key}`);
      if (found) return found;
    }
    return null;
  }
  return `${where}: ${describe(value)}`;
}
