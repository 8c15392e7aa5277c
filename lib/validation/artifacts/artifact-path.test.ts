import { describe, expect, it } from "vitest";
import { artifactContentType } from "./artifact-content-type";
import { artifactPath } from "./artifact-path";

const runId = "0b6e5a8e-3d1c-4c1f-9a51-8d0e2f1b7c44";

describe("artifactPath", () => {
  it("places an artifact under the data dir by run and attempt", () => {
    expect(artifactPath({ runId, attempt: 2, name: "screenshot-1-root.png", dataDir: "/data" })).toEqual({
      relative: `artifacts/${runId}/2/screenshot-1-root.png`,
      absolute: `/data/artifacts/${runId}/2/screenshot-1-root.png`,
    });
  });

  it("refuses names and ids that could leave that directory", () => {
    for (const name of ["..", "../secrets.json", "a/b.png", ".hidden", "a\\b", "x..png/..", "", "a\0.png", "%2e%2e"]) {
      expect(artifactPath({ runId, attempt: 1, name, dataDir: "/data" }), name).toBeNull();
    }
    expect(artifactPath({ runId: "../../etc", attempt: 1, name: "a.png", dataDir: "/data" })).toBeNull();
    expect(artifactPath({ runId, attempt: 0, name: "a.png", dataDir: "/data" })).toBeNull();
    expect(artifactPath({ runId, attempt: 1.5, name: "a.png", dataDir: "/data" })).toBeNull();
  });

  it("serves screenshots as images and logs as text", () => {
    expect(artifactContentType("screenshot-1-root.png")).toBe("image/png");
    expect(artifactContentType("preview.log")).toBe("text/plain; charset=utf-8");
    expect(artifactContentType("blob.bin")).toBe("application/octet-stream");
  });
});
