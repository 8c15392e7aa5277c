import { describe, expect, it } from "vitest";
import { GET as page } from "./route";
import { GET as bundle } from "./scalar.js/route";

describe("the API reference page", () => {
  it("loads Scalar from this app and points it at the OpenAPI document", async () => {
    const response = page();
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<script src="/api/docs/scalar.js"></script>');
    expect(html).toContain('url: "/api/v1/openapi.json"');
    expect(html).not.toMatch(/https?:\/\//);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  it("serves the installed Scalar bundle", async () => {
    const response = await bundle();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
    const script = await response.text();
    expect(script.length).toBeGreaterThan(1_000_000);
    expect(script).toContain("createApiReference");
  });
});
