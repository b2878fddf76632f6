import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import type { User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

const user: User = {
  id: "6f1c1c1e-58c4-4a8b-9a3b-0d6f0e0b7a11",
  email: "student1@demo.local",
  name: "Student One",
  passwordHash: null,
  isAdmin: false,
  sessionVersion: 0,
  currentSessionId: null,
  mustChangePassword: false,
  disabledAt: null,
  createdAt: new Date(0),
};
const signedIn = { requireUser: async () => user, logError: vi.fn() };
const Schema = z.object({ title: z.string().min(3), points: z.coerce.number().int().positive() });

describe("action()", () => {
  it("passes parsed input and the signed-in user to the handler", async () => {
    const run = action(Schema, async (input, { user: who }) => ({ ...input, by: who.email }), signedIn);
    expect(await run({ title: "Adam", points: "10" })).toEqual({ ok: true, data: { title: "Adam", points: 10, by: user.email } });
  });

  it("reads FormData, repeated keys as arrays", async () => {
    const run = action(z.object({ tag: z.array(z.string()), title: z.string() }), async (input) => input, signedIn);
    const form = new FormData();
    form.append("tag", "a");
    form.append("tag", "b");
    form.append("title", "x");
    expect(await run(form)).toEqual({ ok: true, data: { tag: ["a", "b"], title: "x" } });
  });

  it("refuses form fields with NUL or another control character before parsing (issue 13), tab, CR and LF kept", async () => {
    const handler = vi.fn(async (input: { slug: string; note: string }) => input);
    const run = action(z.object({ slug: z.string(), note: z.string() }), handler, signedIn);
    const form = new FormData();
    form.append("slug", "ke\u0000ras");
    form.append("note", "line one\r\n\tline two");
    expect(await run(form)).toEqual({ ok: false, code: "INVALID_INPUT", error: "Some fields need attention.", fieldErrors: { slug: ["contains a control character"] } });
    expect(handler).not.toHaveBeenCalled();
    form.set("slug", "keras");
    expect(await run(form)).toEqual({ ok: true, data: { slug: "keras", note: "line one\r\n\tline two" } });
  });

  it("returns every field error at once and never calls the handler with bad input", async () => {
    const handler = vi.fn();
    const result = await action(Schema, handler, signedIn)({ title: "x", points: -1 });
    expect(handler).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("INVALID_INPUT");
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["points", "title"]);
  });

  it("refuses a caller who is not signed in before parsing anything", async () => {
    const handler = vi.fn();
    const anonymous = { requireUser: async () => Promise.reject(new AppError("UNAUTHENTICATED", "Sign in to continue.")), logError: vi.fn() };
    expect(await action(Schema, handler, anonymous)({ title: "Adam", points: 1 })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(handler).not.toHaveBeenCalled();
  });

  it("turns an AppError into its typed result and hides unexpected errors behind a short message", async () => {
    const notFound = action(Schema, async () => Promise.reject(new AppError("NOT_FOUND", "No such course.")), signedIn);
    expect(await notFound({ title: "Adam", points: 1 })).toEqual({ ok: false, code: "NOT_FOUND", error: "No such course." });
    const logError = vi.fn();
    const crash = action(Schema, async () => Promise.reject(new Error("SELECT * FROM secrets failed")), { ...signedIn, logError });
    const result = await crash({ title: "Adam", points: 1 });
    expect(result).toMatchObject({ ok: false, code: "INTERNAL" });
    expect(JSON.stringify(result)).not.toContain("secrets");
    expect(logError).toHaveBeenCalledOnce();
  });

  it("returns a ZodError thrown by the handler as field errors", async () => {
    const late = action(
      Schema,
      async () => {
        throw new z.ZodError([{ code: "custom", path: ["dueAt"], message: "does not exist in Europe/Berlin", input: "2026-03-29T02:30" }]);
      },
      signedIn,
    );
    expect(await late({ title: "Adam", points: 1 })).toEqual({
      ok: false,
      code: "INVALID_INPUT",
      error: "Some fields need attention.",
      fieldErrors: { dueAt: ["does not exist in Europe/Berlin"] },
    });
  });
});
