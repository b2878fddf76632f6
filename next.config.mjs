/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addons, wasm and big UMD bundles load from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "isolated-vm", "@tensorflow/tfjs", "tsx", "esbuild", "typescript", "pg-boss", "pg", "pino"],
  poweredByHeader: false,
  // Next.js's default, stated: proxy.ts answers 413 above it (SERVER_ACTION_BODY_LIMIT_BYTES), where Next.js answers 500.
  experimental: { serverActions: { bodySizeLimit: "1mb" } },
  reactStrictMode: true,
  async headers() {
    // The per-page Content-Security-Policy (with its nonce) and X-Frame-Options are set in proxy.ts: pages
    // an LMS frames after an LTI launch may be framed by it (lib/http/framing.ts). What the proxy does not
    // see (the JSON API, static files) is never framed.
    return [
      { source: "/api/:path*", headers: [{ key: "X-Frame-Options", value: "DENY" }] },
      { source: "/_next/:path*", headers: [{ key: "X-Frame-Options", value: "DENY" }] },
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
