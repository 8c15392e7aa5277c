import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Loaded from node_modules at run time, never bundled: PGlite ships wasm and data
  // files, and pino / prom-client keep process-wide state shared with the custom server.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "pino-http", "prom-client", "postgres"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
