import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importTypeScript } from "@/lib/exercises/import-typescript";
import { exerciseJsonSchema } from "@/lib/exercises/json-schema";
import { EXERCISE_KINDS } from "@/lib/exercises/kinds";

describe("exercises/exercise.schema.json", () => {
  it("is the schema the zod definitions generate today (run npm run exercises:schema after a change)", () => {
    const committed: unknown = JSON.parse(readFileSync("exercises/exercise.schema.json", "utf8"));
    expect(committed).toEqual(exerciseJsonSchema());
  });

  it("describes both kinds with their required fields", () => {
    const text = JSON.stringify(exerciseJsonSchema());
    for (const field of ['"exports"', '"tests"', '"questions"', '"misconception"', '"hint"', '"choices"']) expect(text).toContain(field);
  });

  it("has one branch for every registered kind, model included", () => {
    expect(branches().map((branch) => branch.properties.kind?.const)).toEqual(Object.keys(EXERCISE_KINDS));
    expect(Object.keys(EXERCISE_KINDS).sort()).toEqual(["code", "model", "quiz"]);
  });

  it("accepts a model exercise's shape: the build-classifier package's export, functions left out", async () => {
    const mod = (await importTypeScript(path.resolve("exercises/build-classifier/exercise.ts"))) as { default: Record<string, unknown> };
    const exported = JSON.parse(JSON.stringify(mod.default)) as Record<string, unknown>;
    const model = branches().find((branch) => branch.properties.kind?.const === "model");
    expect(model?.required).toContain("builder");
    for (const field of model?.required ?? []) expect(exported).toHaveProperty(field);
    for (const [field, value] of Object.entries(exported)) {
      const property = model?.properties[field];
      expect(property, `model branch lacks "${field}"`).toBeDefined();
      if (property?.type === "string" || property?.type === "number" || property?.type === "array") expect(jsonType(value)).toBe(property.type);
      if (property?.enum) expect(property.enum).toContain(value);
    }
    // The discriminator picks exactly this branch for the export.
    expect(branches().filter((branch) => branch.properties.kind?.const === exported.kind)).toHaveLength(1);
  });
});

interface Branch {
  required?: string[];
  properties: Record<string, { const?: unknown; type?: string; enum?: unknown[] } | undefined>;
}

function branches(): Branch[] {
  return (exerciseJsonSchema() as { oneOf: Branch[] }).oneOf;
}

function jsonType(value: unknown): string {
  return Array.isArray(value) ? "array" : typeof value;
}
