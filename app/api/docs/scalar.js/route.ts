// GET /api/docs/scalar.js: the Scalar API reference bundle from node_modules (no CDN), for /api/docs
import fs from "node:fs/promises";
import path from "node:path";
import { logger } from "@/lib/platform/logger";

// Read at run time from the installed package: the bundle is 4 MB and must not be copied
// into the server build. Kept in memory after the first request.
const bundlePath = path.join(process.cwd(), "node_modules/@scalar/api-reference/dist/browser/standalone.js");
let bundle: Promise<Buffer> | undefined;

export async function GET(): Promise<Response> {
  try {
    bundle ??= fs.readFile(bundlePath);
    const body = new Uint8Array(await bundle);
    return new Response(body, {
      headers: {
        "content-type": "text/javascript; charset=utf-8",
        "cache-control": "public, max-age=3600",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    bundle = undefined;
    logger.error({ err: error, bundlePath }, "the Scalar bundle could not be read");
    return Response.json(
      { error: { code: "unavailable:docs", message: "The API reference bundle is not installed" } },
      { status: 503 },
    );
  }
}
