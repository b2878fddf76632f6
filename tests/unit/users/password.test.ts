import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/users/password";

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("tensorgrade");
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain("tensorgrade");
    expect(await verifyPassword("tensorgrade", hash)).toBe(true);
    expect(await verifyPassword("tensorgradE", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("treats a malformed or hostile stored hash as a mismatch, not a crash", async () => {
    for (const stored of ["", "plain", "scrypt$1$1$1$AA$AA", "scrypt$99999999$8$1$AAAA$" + "A".repeat(88), "bcrypt$x$y$z$a$b"]) {
      expect(await verifyPassword("x", stored)).toBe(false);
    }
  });
});
