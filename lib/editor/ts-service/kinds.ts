/** TypeScript's element kinds as CodeMirror's completion types (which pick the icon). */
const KINDS: Record<string, string> = {
  function: "function",
  "local function": "function",
  method: "method",
  property: "property",
  getter: "property",
  setter: "property",
  var: "variable",
  "local var": "variable",
  let: "variable",
  const: "constant",
  parameter: "variable",
  class: "class",
  "local class": "class",
  interface: "interface",
  type: "type",
  "type parameter": "type",
  enum: "enum",
  "enum member": "enum",
  module: "namespace",
  alias: "variable",
  keyword: "keyword",
  string: "text",
};

export function completionKind(kind: string): string {
  return KINDS[kind] ?? "variable";
}
