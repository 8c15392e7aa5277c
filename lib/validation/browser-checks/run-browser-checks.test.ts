import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserCheckPassed } from "./browser-check-passed";
import { runBrowserChecks } from "./run-browser-checks";

// Real Chromium against a real server on loopback.
const pages: Record<string, [number, string, string]> = {
  "/": [200, "text/html", "<!doctype html><title>ok</title><h1>Clean</h1>"],
  "/broken": [
    200,
    "text/html",
    `<!doctype html><title>broken</title><h1>Broken</h1>
     <img src="/missing.png">
     <script>console.error("widget failed to mount"); document.getElementById("nope").textContent = "x";</script>`,
  ],
  "/late": [
    200,
    "text/html",
    `<!doctype html><title>late</title><script>setTimeout(() => { throw new Error("late boom"); }, 100);</script>`,
  ],
  "/gone": [404, "text/plain", "not here"],
};

let server: Server;
let baseUrl: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-browser-checks-"));

beforeAll(async () => {
  server = createServer((req, res) => {
    const page = pages[req.url ?? ""];
    if (page) res.writeHead(page[0], { "content-type": page[1] }).end(page[2]);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("runBrowserChecks", () => {
  it("records status, console errors, uncaught errors and failed requests, with a screenshot of each page", async () => {
    const runId = randomUUID();
    const { checks, artifacts } = await runBrowserChecks({
      baseUrl,
      pages: ["/", "/broken", "/late", "/gone"],
      runId,
      attempt: 1,
      dataDir,
    });
    const [clean, broken, late, gone] = checks;

    expect(clean).toMatchObject({ page: "/", status: 200, consoleErrors: [], pageErrors: [], failedRequests: [] });
    expect(browserCheckPassed(clean!)).toBe(true);

    expect(broken!.status).toBe(200);
    expect(broken!.consoleErrors).toContain("widget failed to mount");
    expect(broken!.pageErrors.join("\n")).toMatch(/Cannot set properties of null/);
    expect(broken!.failedRequests.join("\n")).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/missing\.png: HTTP 404/);
    expect(browserCheckPassed(broken!)).toBe(false);

    expect(late!.pageErrors.join("\n")).toContain("late boom");
    expect(gone!.status).toBe(404);
    expect(browserCheckPassed(gone!)).toBe(false);

    expect(artifacts.map((artifact) => artifact.name)).toEqual([
      "screenshot-1-root.png",
      "screenshot-2-broken.png",
      "screenshot-3-late.png",
      "screenshot-4-gone.png",
    ]);
    for (const artifact of artifacts) {
      expect(artifact).toMatchObject({ kind: "screenshot", path: `artifacts/${runId}/1/${artifact.name}` });
      const png = fs.readFileSync(path.join(dataDir, artifact.path));
      expect(png.subarray(1, 4).toString()).toBe("PNG");
    }
    expect(clean!.screenshot).toBe("screenshot-1-root.png");
  });

  it("reports a page that does not answer at all", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { checks, artifacts } = await runBrowserChecks({
      baseUrl: `http://127.0.0.1:${port}`,
      pages: ["/"],
      runId: randomUUID(),
      attempt: 1,
      dataDir,
    });
    expect(checks[0]).toMatchObject({ page: "/", status: null });
    expect(checks[0]!.failedRequests.join("\n")).toMatch(/ERR_CONNECTION_REFUSED/);
    expect(artifacts).toEqual([]);
  });
});
