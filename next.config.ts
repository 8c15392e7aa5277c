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
  // `npm start` builds on every machine it runs on, on 2 cores often: type checking the whole
  // project there (over a minute) catches nothing CI (`npm run typecheck`) does not.
  typescript: { ignoreBuildErrors: true },
  // Nor does it write Turbopack's build cache: on a first start that took a minute of a
  // nine-minute build (2 loaded cores), and only a rebuild of changed sources reads it.
  experimental: { turbopackFileSystemCacheForBuild: false },
  reactStrictMode: true,
};

export default nextConfig;
