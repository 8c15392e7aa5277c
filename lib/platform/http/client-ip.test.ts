import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

const request = (headers: Record<string, string>) => new Request("http://127.0.0.1/api/v1/projects", { headers });

describe("clientIp", () => {
  it("takes the address the nearest hop added (the last one), so a client cannot choose it", () => {
    expect(clientIp(request({ "x-forwarded-for": "1.2.3.4, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(request({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
  });

  it("looks past the trusted proxies in front of the app", () => {
    // client, proxy (added by the proxy's peer view), then the app server's own entry
    const header = { "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" };
    expect(clientIp(request(header), 1)).toBe("198.51.100.7");
    expect(clientIp(request(header), 0)).toBe("10.0.0.2");
    // More hops configured than entries: the leftmost entry, never undefined.
    expect(clientIp(request({ "x-forwarded-for": "198.51.100.7" }), 3)).toBe("198.51.100.7");
  });

  it("folds IPv4-mapped IPv6 addresses and keeps real IPv6 ones", () => {
    expect(clientIp(request({ "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("127.0.0.1");
    expect(clientIp(request({ "x-forwarded-for": "2001:db8::1" }))).toBe("2001:db8::1");
  });

  it("falls back to x-real-ip, and gives null for anything that is not an address", () => {
    expect(clientIp(request({ "x-real-ip": "198.51.100.5" }))).toBe("198.51.100.5");
    expect(clientIp(request({ "x-forwarded-for": "not-an-ip" }))).toBeNull();
    expect(clientIp(request({}))).toBeNull();
  });
});
