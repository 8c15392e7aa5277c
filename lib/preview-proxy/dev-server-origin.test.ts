import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { devServerOrigin } from "@/lib/preview-proxy/dev-server-origin";

const host = "studio-0b6e.preview.example.com";
const request = (url: string, origin?: string) =>
  ({ url, headers: origin === undefined ? {} : { origin } }) as unknown as IncomingMessage;

describe("devServerOrigin", () => {
  it("shows a websocket from the app's own address to the dev server as from its loopback address", () => {
    const req = request("/_next/hmr?id=1", `https://${host}`);
    expect(devServerOrigin(req, { host, port: 4700, upgrade: true })).toBe("rewritten");
    expect(req.headers.origin).toBe("http://localhost:4700");
  });

  it("keeps the Origin of the app's own websockets", () => {
    const req = request("/socket.io/?EIO=4&transport=websocket", `https://${host}`);
    expect(devServerOrigin(req, { host, port: 4700, upgrade: true })).toBe("kept");
    expect(req.headers.origin).toBe(`https://${host}`);
  });

  it("refuses a websocket from another site or an opaque origin, and leaves one without an Origin alone", () => {
    for (const origin of ["https://evil.example", `https://${host}.evil.example`, "null", "not a url"])
      expect(devServerOrigin(request("/_next/hmr", origin), { host, port: 4700, upgrade: true })).toBe("cross-origin");
    expect(devServerOrigin(request("/"), { host, port: 4700, upgrade: true })).toBe("kept");
  });

  it("rewrites a same-origin request only for the dev server's own resources", () => {
    const devResource = request("/__nextjs_original-stack-frames", `http://${host}`);
    expect(devServerOrigin(devResource, { host, port: 4700, upgrade: false })).toBe("rewritten");
    // A Server Action posts to a page: the app compares its Origin with the Host, so it stays.
    const action = request("/checkout", `http://${host}`);
    expect(devServerOrigin(action, { host, port: 4700, upgrade: false })).toBe("kept");
    expect(action.headers.origin).toBe(`http://${host}`);
    const foreign = request("/_next/static/chunk.js", "https://evil.example");
    expect(devServerOrigin(foreign, { host, port: 4700, upgrade: false })).toBe("kept");
    expect(foreign.headers.origin).toBe("https://evil.example");
  });
});
