import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { env } from "../env";

/** Resolves a host name to all its addresses (node:dns lookup; injectable for tests). */
export type ResolveAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

const resolveAll: ResolveAll = (hostname) => lookup(hostname, { all: true, verbatim: true });

// Loopback, private (RFC 1918, fc00::/7), link-local and unspecified: an address on the tool's own side.
const internal = new BlockList();
internal.addSubnet("0.0.0.0", 8, "ipv4");
internal.addSubnet("127.0.0.0", 8, "ipv4");
internal.addSubnet("10.0.0.0", 8, "ipv4");
internal.addSubnet("172.16.0.0", 12, "ipv4");
internal.addSubnet("192.168.0.0", 16, "ipv4");
internal.addSubnet("169.254.0.0", 16, "ipv4");
internal.addAddress("::", "ipv6");
internal.addAddress("::1", "ipv6");
internal.addSubnet("fc00::", 7, "ipv6");
internal.addSubnet("fe80::", 10, "ipv6");

/** Whether `address` (an IP literal) is loopback, private, link-local or unspecified, IPv4-mapped IPv6 included. */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return internal.check(mapped[1]!, "ipv4");
  // The same in hex, as URL writes it (::ffff:c0a8:101 = 192.168.1.1).
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const [high, low] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
    return internal.check(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, "ipv4");
  }
  const family = isIP(address);
  if (family === 0) return true;
  return internal.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Whether the deployment allows http and internal platform addresses (development and tests: LTI_ALLOW_INSECURE_PLATFORM_URLS=true). */
export function insecurePlatformUrlsAllowed(): boolean {
  return env().LTI_ALLOW_INSECURE_PLATFORM_URLS === "true";
}

/** A platform URL the tool will not call, with why (shown to whoever registers). */
export class PlatformUrlRefused extends Error {
  override name = "PlatformUrlRefused";
}

/**
 * Refuses a URL the tool is asked to call on a platform's word (dynamic registration is public): it must
 * be https and its host must resolve only to public addresses, so that a registration URL cannot make the
 * server reach its own network. `allowInsecure` (development, tests) skips both checks.
 */
export async function assertPublicPlatformUrl(url: string, what: string, options: { allowInsecure?: boolean; resolve?: ResolveAll } = {}): Promise<void> {
  if (options.allowInsecure ?? insecurePlatformUrlsAllowed()) return;
  if (!URL.canParse(url)) throw new PlatformUrlRefused(`${what} is not a URL.`);
  const parsed = new URL(url);
  if (parsed.protocol !== "https:") throw new PlatformUrlRefused(`${what} must be an https address (${parsed.protocol.replace(/:$/, "")} is not accepted).`);
  const hostname = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: { address: string }[];
  try {
    addresses = isIP(hostname) ? [{ address: hostname }] : await (options.resolve ?? resolveAll)(hostname);
  } catch {
    throw new PlatformUrlRefused(`${what}: the host ${hostname} could not be resolved.`);
  }
  if (addresses.length === 0) throw new PlatformUrlRefused(`${what}: the host ${hostname} could not be resolved.`);
  if (addresses.some(({ address }) => isInternalAddress(address))) {
    throw new PlatformUrlRefused(`${what}: the host ${hostname} is a loopback, private or link-local address, which Tensorgrade does not call.`);
  }
}
