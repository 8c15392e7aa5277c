import { describe, expect, it } from "vitest";
import { parsePreviewHost, projectSlug, pullRequestLabel } from "./preview-address";

describe("preview host names", () => {
  const domain = "preview.localhost:3000";
  it("names a PR's preview and a studio session under the domain, with or without the port", () => {
    expect(parsePreviewHost(`${pullRequestLabel(12, "Demo Cart")}.preview.localhost:3000`, domain)).toEqual({
      label: "pr-12--demo-cart",
      target: { kind: "pull_request", number: 12, projectSlug: "demo-cart" },
    });
    const id = "0b5f5f5e-1c1a-4c8e-9a51-3b0f4c1f2a7d";
    expect(parsePreviewHost(`studio-${id}.PREVIEW.localhost`, domain)?.target).toEqual({
      kind: "studio",
      sessionId: id,
    });
  });

  it("leaves the app's own host and other domains alone, and names nothing for unknown labels", () => {
    expect(parsePreviewHost("127.0.0.1:3000", domain)).toBeNull();
    expect(parsePreviewHost("preview.localhost:3000", domain)).toBeNull();
    expect(parsePreviewHost("pr-1--x.preview.localhost.evil.test", domain)).toBeNull();
    expect(parsePreviewHost("a.b.preview.localhost:3000", domain)?.target).toBeNull();
    expect(parsePreviewHost("pr-0--x.preview.localhost", domain)?.target).toBeNull();
    expect(parsePreviewHost("studio-not-a-uuid.preview.localhost", domain)?.target).toBeNull();
  });

  it("makes project names DNS-safe", () => {
    expect(projectSlug("My  App_v2!")).toBe("my-app-v2");
    expect(projectSlug("---")).toBe("project");
    expect(projectSlug("x".repeat(80))).toHaveLength(40);
  });
});
