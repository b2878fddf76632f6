/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addons, wasm and big UMD bundles load from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "isolated-vm", "@tensorflow/tfjs"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
