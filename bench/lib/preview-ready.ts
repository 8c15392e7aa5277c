import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { percentile } from "./figures";

const SAMPLES = 3;

/**
 * Seconds from starting the fixture web app's preview (`npm run build && npm start` in
 * the sandbox, on a port from the preview range) to its first page answering 2xx/3xx:
 * the median of a few starts, each on a fresh copy.
 */
export async function measurePreviewReady(): Promise<number> {
  const { allocatePort } = await import("@/lib/validation/preview/allocate-port");
  const { launchPreview } = await import("@/lib/validation/preview/launch-preview");
  const { getSandbox } = await import("@/lib/sandbox");
  const { webAppFixture } = await import("@/testing/validation/web-app-scripts");
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-bench-preview-"));
    const lease = await allocatePort();
    try {
      fs.cpSync(webAppFixture, dir, { recursive: true });
      const launched = await launchPreview({
        sandbox: getSandbox(),
        command: "npm run build && npm start",
        cwd: dir,
        port: lease.port,
        readyTimeoutMs: 120_000,
      });
      if (!launched.ok) throw new Error(`preview did not come up: ${launched.message}\n${launched.result.output}`);
      samples.push(launched.readyMs / 1000);
      await launched.service.stop();
    } finally {
      lease.release();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return percentile(samples, 50);
}
