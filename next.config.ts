import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Loaded from node_modules at run time, never bundled: PGlite ships wasm and data
  // files, and pino / prom-client keep process-wide state shared with the custom server.
  // web-tree-sitter likewise loads its wasm, and the grammars', from node_modules.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-pgvector",
    "web-tree-sitter",
    "pino",
    "pino-http",
    "prom-client",
    "postgres",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
