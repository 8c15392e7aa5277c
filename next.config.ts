import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Loaded from node_modules at run time, never bundled: PGlite ships wasm and data
  // files, and pino / prom-client keep process-wide state shared with the custom server.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "pino-http", "prom-client", "postgres"],
  poweredByHeader: false,
  // `npm start` builds on every machine it runs on, on 2 cores often: type checking the whole
  // project there (over a minute) catches nothing CI (`npm run typecheck`) does not.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
};

export default nextConfig;
