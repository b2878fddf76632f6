import { env } from "../env";

/**
 * The client's address: the x-forwarded-for entry `trustedProxyHops` from the right. scripts/start.mjs
 * appends the socket's peer address as the last entry (scripts/peer-address.mjs) and each trusted proxy
 * in front appends the address it was reached from, so with 0 hops this is the socket's peer and with
 * one proxy the address that proxy saw. Entries further left were written by the client and are ignored.
 */
export function clientAddress(headers: Record<string, unknown> | undefined, trustedProxyHops = env().TRUSTED_PROXY_HOPS): string | undefined {
  const forwarded = headers?.["x-forwarded-for"];
  if (typeof forwarded !== "string") return undefined;
  const entries = forwarded.split(",").map((entry) => entry.trim()).filter(Boolean);
  // Fewer entries than hops: the request did not come through every proxy; the leftmost is still one a party we trust wrote.
  const entry = entries[Math.max(0, entries.length - 1 - trustedProxyHops)];
  return entry ? withoutIpv4Mapping(entry) : undefined;
}

/** "::ffff:203.0.113.7" (an IPv4 client of a dual-stack socket) is the same client as "203.0.113.7". */
const withoutIpv4Mapping = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
