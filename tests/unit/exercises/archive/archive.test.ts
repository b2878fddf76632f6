import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32, deflateRawSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { readArchive, writeArchive, type ArchiveFormat } from "@/lib/exercises/archive";
import { readPackageFiles } from "@/lib/exercises/catalogue";
import { hashPackageFiles } from "@/lib/grading/artefact";

const fixture = path.resolve("tests/fixtures/data-packages/relu-data");
const files = readPackageFiles(fixture);
const scratch = mkdtempSync(path.join(tmpdir(), "archive-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function hasTool(name: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function errorsOf(bytes: Uint8Array): string[] {
  const read = readArchive(bytes);
  if (read.ok) throw new Error("the archive was accepted");
  return read.errors;
}

/** A zip written entry by entry, to build archives no honest writer makes. */
function rawZip(entries: Array<{ name: string; data?: Buffer; size?: number; attrs?: number; method?: 0 | 8; crc?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = entry.data ?? Buffer.alloc(0);
    const method = entry.method ?? 0;
    const stored = method === 8 ? deflateRawSync(data) : data;
    const name = Buffer.from(entry.name);
    const crc = entry.crc ?? crc32(data);
    const size = entry.size ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 30, 4);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(entry.attrs ?? (0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += 30 + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A tar.gz of raw ustar entries, with the checksum right. */
function rawTarGz(entries: Array<{ name: string; data?: Buffer; type?: string; linkname?: string }>): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = entry.data ?? Buffer.alloc(0);
    const block = Buffer.alloc(512);
    block.write(entry.name, 0, 100);
    block.write("0000644\0", 100);
    block.write(`${data.length.toString(8).padStart(11, "0")}\0`, 124);
    block.write("        ", 148);
    block.write(entry.type ?? "0", 156);
    if (entry.linkname) block.write(entry.linkname, 157, 100);
    block.write("ustar\u000000", 257, "binary");
    let sum = 0;
    for (const byte of block) sum += byte;
    block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
    parts.push(block, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  return gzipSync(Buffer.concat([...parts, Buffer.alloc(1024)]));
}

describe.each<ArchiveFormat>(["zip", "tar.gz"])("a %s archive", (format) => {
  it("round-trips the files exactly, so the version hash is kept", () => {
    const bytes = writeArchive(format, "relu-data", files);
    const read = readArchive(bytes);
    if (!read.ok) throw new Error(read.errors.join("\n"));
    expect(read.id).toBe("relu-data");
    expect(read.files).toEqual(files);
    expect(hashPackageFiles(read.files)).toBe(hashPackageFiles(files));
  });

  it("is byte-for-byte reproducible and keeps non-ASCII text and empty files", () => {
    const odd = { "prompt.md": "Ünïcödé — ∑ 🙂\r\n", "starter.ts": "" };
    const first = writeArchive(format, "odd-one", odd);
    expect(writeArchive(format, "odd-one", { "starter.ts": "", "prompt.md": odd["prompt.md"] }).equals(first)).toBe(true);
    expect(readArchive(first)).toEqual({ ok: true, id: "odd-one", files: odd });
  });

  it("refuses to write a name that is not a package file", () => {
    expect(() => writeArchive(format, "relu-data", { "../x": "" })).toThrow('"../x" is not a package file name');
    expect(() => writeArchive(format, "Not An Id", {})).toThrow("is not an exercise id");
  });

  it("is read by the system's unzip or tar", () => {
    const tool = format === "zip" ? "unzip" : "tar";
    if (!hasTool(tool)) return;
    const dir = mkdtempSync(path.join(scratch, "out-"));
    const file = path.join(dir, `package.${format}`);
    writeFileSync(file, writeArchive(format, "relu-data", files));
    execFileSync(tool, format === "zip" ? ["-q", file, "-d", dir] : ["-xzf", file, "-C", dir]);
    expect(readPackageFiles(path.join(dir, "relu-data"))).toEqual(files);
  });
});

describe("archives made by system tools", () => {
  it("reads a zip made by zip", () => {
    if (!hasTool("zip")) return;
    const dir = mkdtempSync(path.join(scratch, "zip-"));
    cpSync(fixture, path.join(dir, "relu-data"), { recursive: true });
    execFileSync("zip", ["-qrX", "p.zip", "relu-data"], { cwd: dir });
    expect(readArchive(readFileSync(path.join(dir, "p.zip")))).toEqual({ ok: true, id: "relu-data", files });
  });

  it("reads a tar.gz made by tar, in ustar, pax and gnu formats and with a ./ prefix", () => {
    if (!hasTool("tar")) return;
    const dir = mkdtempSync(path.join(scratch, "tar-"));
    cpSync(fixture, path.join(dir, "relu-data"), { recursive: true });
    for (const tarFormat of ["ustar", "pax", "gnu"]) {
      execFileSync("tar", [`--format=${tarFormat}`, "-czf", `p-${tarFormat}.tar.gz`, "relu-data"], { cwd: dir });
      expect(readArchive(readFileSync(path.join(dir, `p-${tarFormat}.tar.gz`)))).toEqual({ ok: true, id: "relu-data", files });
    }
    execFileSync("tar", ["-czf", "dot.tar.gz", "./relu-data"], { cwd: dir });
    expect(readArchive(readFileSync(path.join(dir, "dot.tar.gz")))).toEqual({ ok: true, id: "relu-data", files });
  });

  it("refuses a symlink packed by zip and tar", () => {
    const dir = mkdtempSync(path.join(scratch, "link-"));
    mkdirSync(path.join(dir, "evil"));
    writeFileSync(path.join(dir, "evil", "prompt.md"), "x");
    symlinkSync("/etc/passwd", path.join(dir, "evil", "solution.ts"));
    if (hasTool("zip")) {
      execFileSync("zip", ["-qry", "p.zip", "evil"], { cwd: dir });
      expect(errorsOf(readFileSync(path.join(dir, "p.zip")))).toEqual(["evil/solution.ts: a symbolic link is not allowed"]);
    }
    if (hasTool("tar")) {
      execFileSync("tar", ["-czf", "p.tar.gz", "evil"], { cwd: dir });
      expect(errorsOf(readFileSync(path.join(dir, "p.tar.gz")))).toEqual(["evil/solution.ts: a symbolic link is not allowed"]);
    }
  });
});

describe("what macOS's Finder adds", () => {
  it("skips __MACOSX/ and .DS_Store entries", () => {
    const data = Buffer.from("x");
    const read = readArchive(rawZip([{ name: "pkg/prompt.md", data }, { name: "__MACOSX/" }, { name: "__MACOSX/pkg/._prompt.md", data }, { name: "pkg/.DS_Store", data }]));
    expect(read).toEqual({ ok: true, id: "pkg", files: { "prompt.md": "x" } });
  });
});

describe("hostile archives are refused, every problem named", () => {
  it("refuses a zip bomb before inflating it, and one that lies about its size", () => {
    const huge = Buffer.alloc(50 * 1024 * 1024, 0x41);
    const bomb = rawZip([{ name: "bomb/", attrs: (0o040755 << 16) >>> 0 }, { name: "bomb/prompt.md", data: huge, method: 8 }]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(errorsOf(bomb)).toEqual(["bomb/prompt.md: 52428800 bytes unpacked, more than the 256 KB a file may hold"]);
    const liar = rawZip([{ name: "bomb/prompt.md", data: huge, method: 8, size: 10 }]);
    expect(errorsOf(liar)).toEqual(["bomb/prompt.md: inflates past its declared size"]);
  });

  it("refuses a tar.gz bomb at the unpacked limit", () => {
    const bomb = rawTarGz([{ name: "bomb/prompt.md", data: Buffer.alloc(8 * 1024 * 1024, 0x41) }]);
    expect(errorsOf(bomb)).toEqual(["(archive): unpacks to more than the 512 KB a package may hold"]);
  });

  it("refuses too many files and too many bytes in all", () => {
    const many = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`f${i}.md`, "x"]));
    expect(errorsOf(writeArchive("zip", "many", many))).toEqual(["(archive): 17 files, more than the 16 a package may hold"]);
    const big = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}.md`, "y".repeat(120 * 1024)]));
    expect(errorsOf(writeArchive("zip", "big", big))).toEqual(["big/f4.md: the files unpack to more than the 512 KB a package may hold"]);
    expect(errorsOf(writeArchive("tar.gz", "big", big))).toEqual(["big/f4.md: the files unpack to more than the 512 KB a package may hold"]);
    const wide = { "a.md": "z".repeat(300 * 1024) };
    expect(errorsOf(writeArchive("tar.gz", "wide", wide))).toEqual(["wide/a.md: 307200 bytes unpacked, more than the 256 KB a file may hold"]);
    expect(errorsOf(Buffer.alloc(5 * 1024 * 1024))).toEqual(["(archive): 5242880 bytes, more than the 768 KB an upload may be"]);
  });

  it("refuses traversal, absolute paths, nested folders, a second top folder and loose files, naming each", () => {
    const data = Buffer.from("x");
    const zip = rawZip([
      { name: "pkg/../../etc/passwd", data },
      { name: "/abs/prompt.md", data },
      { name: "pkg/sub/prompt.md", data },
      { name: "other/prompt.md", data },
      { name: "loose.md", data },
      { name: "pkg\\win.md", data },
    ]);
    expect(errorsOf(zip)).toEqual([
      "pkg/../../etc/passwd: a path with '..' is not allowed",
      "/abs/prompt.md: an absolute path is not allowed",
      "pkg/sub/prompt.md: a file in a nested folder is not allowed (a package's files sit directly in its folder)",
      "loose.md: a file outside the package's folder is not allowed (pack the folder <id>/)",
      "pkg\\win.md: a path with a backslash is not allowed",
      "(archive): more than one top folder (loose.md, other, pkg); a package archive holds one folder <id>/",
    ]);
    const tar = rawTarGz([{ name: "pkg/../x.md", data }, { name: "pkg/dev", type: "3" }, { name: "pkg/hard", type: "1", linkname: "pkg/x" }]);
    expect(errorsOf(tar)).toEqual(["pkg/../x.md: a path with '..' is not allowed", "pkg/dev: a device or FIFO is not allowed", "pkg/hard: a hard link is not allowed"]);
  });

  it("refuses truncated, corrupt and foreign bytes", () => {
    const zip = writeArchive("zip", "relu-data", files);
    expect(errorsOf(zip.subarray(0, zip.length - 30))).toEqual(["(archive): not a complete zip file (no end of central directory: truncated?)"]);
    const flipped = Buffer.from(zip);
    const at = flipped.indexOf("relu-data/solution.ts") + "relu-data/solution.ts".length + 2;
    flipped[at] = (flipped[at] ?? 0) ^ 0xff;
    expect(errorsOf(flipped)[0]).toMatch(/^relu-data\/solution\.ts: (CRC-32 mismatch|the compressed data is corrupt|unpacks to)/);
    const tgz = writeArchive("tar.gz", "relu-data", files);
    expect(errorsOf(tgz.subarray(0, tgz.length - 40))[0]).toMatch(/^\(archive\): the gzip stream is corrupt or truncated/);
    expect(errorsOf(gzipSync(Buffer.alloc(600, 7)))).toEqual(["(archive): the header at byte 0 is corrupt (checksum mismatch): not a tar archive?"]);
    expect(errorsOf(Buffer.from("hello"))).toEqual(["(archive): not a .zip or .tar.gz file"]);
    expect(errorsOf(rawZip([{ name: "pkg/prompt.md", data: Buffer.from([0xff, 0xfe]) }]))).toEqual(["pkg/prompt.md: not UTF-8 text"]);
    expect(errorsOf(rawZip([{ name: "pkg/prompt.md", data: Buffer.from("abc"), crc: 1 }]))).toEqual(["pkg/prompt.md: CRC-32 mismatch (the data is corrupt)"]);
    const spoofed = rawZip([{ name: "pkg/prompt.md", data: Buffer.from("abc") }]);
    spoofed.write("pkg/xxxxxx.md", 30);
    expect(errorsOf(spoofed)).toEqual(["pkg/prompt.md: its local header names a different file"]);
  });
});

describe("corrupt bytes", () => {
  it("never make readArchive throw: every corruption is accepted intact or refused with errors", () => {
    let state = 12345;
    const random = (n: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % n;
    };
    for (const format of ["zip", "tar.gz"] as const) {
      const good = writeArchive(format, "relu-data", files);
      for (let round = 0; round < 300; round++) {
        const bytes = Buffer.from(good);
        for (let flips = 1 + random(4); flips > 0; flips--) bytes[random(bytes.length)] = random(256);
        const cut = random(5) === 0 ? bytes.subarray(0, random(bytes.length)) : bytes;
        const read = readArchive(cut);
        if (read.ok) expect(Object.keys(read.files).length).toBeLessThanOrEqual(16);
        else expect(read.errors.length).toBeGreaterThan(0);
      }
    }
  });
});
