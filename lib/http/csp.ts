/** A fresh, unguessable nonce for one response. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
}

/**
 * The Content-Security-Policy for a page: scripts only from this origin with the response's nonce
 * (Next.js stamps it on its own scripts), no plugins, forms only to this origin, and no framing unless
 * `frameAncestors` names who may (an LMS after an LTI launch: lib/http/framing.ts).
 * Inline style attributes stay allowed: KaTeX sizes its output with them. Workers only from this origin (the
 * typed editor's language service, public/editor/ts-worker.js): never blob: or data: URLs.
 */
export function contentSecurityPolicy(nonce: string, { development = false, frameAncestors = "'none'" } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ];
  return directives.join("; ");
}
