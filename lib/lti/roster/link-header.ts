/**
 * The URL of the `rel="next"` link of an HTTP `Link` header (RFC 8288), resolved against `base`: several
 * links, quoted or bare `rel`, several relation types in one `rel`, relative URLs. Null when there is none.
 */
export function nextLink(header: string | null, base: string): string | null {
  if (!header) return null;
  // Each link is `<uri>` then `; param=value` pairs; commas inside <…> or quotes do not separate links.
  const links = header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,=\s]+\s*(?:=\s*(?:"[^"]*"|[^;,]*))?)*)/g);
  for (const [, uri, params] of links) {
    for (const [, name, quoted, bare] of (params ?? "").matchAll(/;\s*([^;,=\s]+)\s*(?:=\s*(?:"([^"]*)"|([^;,]*)))?/g)) {
      if (name!.toLowerCase() !== "rel") continue;
      const relations = (quoted ?? bare ?? "").trim().toLowerCase().split(/\s+/);
      if (!relations.includes("next")) continue;
      return URL.canParse(uri!, base) ? new URL(uri!, base).toString() : null;
    }
  }
  return null;
}
