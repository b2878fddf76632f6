import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce } from "@/lib/http/csp";

describe("contentSecurityPolicy", () => {
  it("allows only nonce-stamped scripts, no plugins and no framing", () => {
    const policy = contentSecurityPolicy("abc123");
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("lets the given ancestors frame the page when asked (an LMS after a launch, lib/http/framing.ts)", () => {
    const policy = contentSecurityPolicy("n", { frameAncestors: "'self' https://lms.example" });
    expect(policy).toContain("frame-ancestors 'self' https://lms.example");
    expect(policy).not.toContain("frame-ancestors 'none'");
  });

  it("lets pages start workers from this origin only (the typed editor's language service)", () => {
    const policy = contentSecurityPolicy("n");
    expect(policy).toContain("worker-src 'self'");
    expect(policy).not.toMatch(/worker-src[^;]*(blob:|data:|\*)/);
  });

  it("adds unsafe-eval only for the development server", () => {
    expect(contentSecurityPolicy("n", { development: true })).toContain("'unsafe-eval'");
  });

  it("makes a different nonce every time", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
  });
});
