import { describe, expect, it } from "vitest";
import { getSandbox, sandboxStatus } from "@/lib/sandbox/index";
import { bwrapProbe, makeWorkspace } from "@/testing/sandbox-test-kit";

describe("getSandbox", () => {
  it("picks bubblewrap when it works here, and says why not otherwise", () => {
    const status = sandboxStatus();
    expect(status.driver).toBe(bwrapProbe.ok ? "bwrap" : "process");
    if (!bwrapProbe.ok) expect(status.warning).toContain("bubblewrap");
  });

  it("probes once and returns the same working driver", async () => {
    expect(getSandbox()).toBe(getSandbox());
    const workspace = makeWorkspace();
    try {
      const result = await getSandbox().run({ command: "echo ok", cwd: workspace.dir });
      expect(result.output).toBe("ok\n");
    } finally {
      workspace.remove();
    }
  });
});
