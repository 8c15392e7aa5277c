import { describe, expect, it } from "vitest";
import { routeLabel } from "./route-label";

describe("routeLabel", () => {
  it("replaces ids and drops the query", () => {
    expect(routeLabel("/api/v1/runs/3f1c2a9e-8a3b-4d6c-9e1f-0a2b3c4d5e6f/events?after=3")).toBe(
      "/api/v1/runs/:id/events",
    );
    expect(routeLabel("/projects/42")).toBe("/projects/:id");
  });

  it("collapses Next assets and caps the depth", () => {
    expect(routeLabel("/_next/static/chunks/abc.js")).toBe("/_next/*");
    expect(routeLabel("/a/b/c/d/e/f/g")).toBe("/a/b/c/d/e");
    expect(routeLabel(undefined)).toBe("/");
  });
});
