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
    // Issue 13: a state change must also be sent as application/json (see the next test).
    expect((await route(request("POST", { origin: "http://localhost:3000", "content-type": "application/json" }), {})).status).toBe(200);
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

  it("refuses a same-origin state change that is not application/json with 415 (issue 13)", async () => {
    const handler = vi.fn(async () => new Response("ok"));
    const route = handleRoute(handler);
    const origin = { origin: "http://localhost:3000" };
    for (const type of [undefined, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp"]) {
      const response = await route(request("PUT", type ? { ...origin, "content-type": type } : origin), {});
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    }
    expect(handler).not.toHaveBeenCalled();
    expect((await route(request("PUT", { ...origin, "content-type": "Application/JSON; charset=utf-8" }), {})).status).toBe(200);
    expect((await route(request("GET", { "content-type": "text/plain" }), {})).status).toBe(200);
  });

  it("refuses path parameters with control characters with 422, before the handler runs (issue 13)", async () => {
    const handler = vi.fn(async () => new Response("ok"));
    const route = handleRoute(handler);
    for (const params of [{ slug: "ke\u0000ras" }, { exerciseId: "soft\u001fmax" }, { id: "x\u007f" }, { nextauth: ["signin", "a\u0000"] }]) {
      const response = await route(request("GET"), { params: Promise.resolve(params) });
      expect(response.status).toBe(422);
      expect((await response.json()).error).toBe(`The ${Object.keys(params)[0]} in the address contains a control character.`);
    }
    expect(handler).not.toHaveBeenCalled();
    expect((await route(request("GET"), { params: Promise.resolve({ slug: "keras", exerciseId: "soft-max" }) })).status).toBe(200);
  });
});
