import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { jsonDepth, MAX_JSON_DEPTH, parseJsonText, readJsonBody } from "@/lib/http/read-json";

const nested = (levels: number) => `{"answers":{"q":${"[".repeat(levels)}${"]".repeat(levels)}}}`;

function body(text: string) {
  return new Request("http://localhost/x", { method: "POST", body: text, headers: { "content-type": "application/json" } });
}

describe("JSON bodies", () => {
  it("measures nesting outside strings, escapes included", () => {
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[[\\"{{{"}')).toBe(1);
    expect(jsonDepth("7")).toBe(0);
  });

  it(`reads a body up to ${MAX_JSON_DEPTH} levels and refuses a deeper one with 422, naming its depth`, async () => {
    const deepest = await readJsonBody(body(nested(MAX_JSON_DEPTH - 2)), 1_000_000);
    expect(jsonDepth(JSON.stringify(deepest))).toBe(MAX_JSON_DEPTH);
    const refused = await readJsonBody(body(nested(5000)), 1_000_000).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 422, message: `The request is nested 5002 levels deep; at most ${MAX_JSON_DEPTH} are accepted.` });
  });

  it("still refuses a body over its size with 413 and bad JSON with 422", async () => {
    await expect(readJsonBody(body(`{"code":"${"x".repeat(2048)}"}`), 1024)).rejects.toMatchObject({ status: 413, message: "The request is over 1 KB." });
    expect(() => parseJsonText("{")).toThrow(expect.objectContaining({ status: 422 }));
  });
});
