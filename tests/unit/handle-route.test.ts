import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { handleRoute } from "@/lib/http/handle-route";
import { AppError } from "@/lib/errors";

function request(method: string, headers: Record<string, string> = {}) {
  return new Request("http://localhost:3000/api/thing", { method, headers: { host: "localhost:3000", ...headers } });
}

describe("handleRoute()", () => {
  it("refuses a state change without a same-origin Origin header", async () => {
    const handler = vi.fn(async () => new Response("ok"));
    const route = handleRoute(handler);
    expect((await route(request("POST"), {})).status).toBe(403);
    expect((await route(request("POST", { origin: "https://evil.example" }), {})).status).toBe(403);
    expect((await route(request("DELETE", { origin: "null" }), {})).status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
    expect((await route(request("POST", { origin: "http://localhost:3000" }), {})).status).toBe(200);
    expect((await route(request("GET"), {})).status).toBe(200);
  });

  it("answers an AppError with its status and a zod error with 422 and the fields", async () => {
    const notFound = handleRoute(async () => Promise.reject(new AppError("NOT_FOUND", "No such submission.")));
    const response = await notFound(request("GET"), {});
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "No such submission.", code: "NOT_FOUND" });

    const invalid = handleRoute(async () => {
      z.object({ id: z.uuid() }).parse({ id: "x" });
      return new Response("unreachable");
    });
    const body = await (await invalid(request("GET"), {})).json();
    expect(body.fieldErrors.id).toHaveLength(1);
  });

  it("answers 500 without leaking the error", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const crash = handleRoute(async () => Promise.reject(new Error("password=hunter2")));
    const response = await crash(request("GET"), {});
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("hunter2");
    spy.mockRestore();
  });
});
