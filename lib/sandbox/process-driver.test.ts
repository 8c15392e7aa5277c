import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driverVariants, makeWorkspace, processesWith, uniqueSleep } from "@/testing/sandbox-test-kit";

// A daemon that double-forks, starts a new session and clears its environment: no process
// group, parentage or tag leads to it. It keeps the output pipe open.
const daemon = (token: string) => `(env -i setsid sh -c 'trap "" TERM; exec sleep ${token}' &) ; echo started`;

describe.each(driverVariants().filter((variant) => variant.driver.name === "process"))(
  "$label",
  ({ driver, limit }) => {
    let workspace: ReturnType<typeof makeWorkspace>;
    beforeAll(() => {
      workspace = makeWorkspace();
    });
    afterAll(() => workspace.remove());

    it("returns promptly even when a daemon keeps the output pipe open", async () => {
      const token = uniqueSleep();
      try {
        const result = await driver.run({ command: daemon(token), cwd: workspace.dir });
        expect(result).toMatchObject({ exitCode: 0, output: "started\n" });
        expect(result.durationMs).toBeLessThan(2500);
        // The documented gap: only a cgroup finds such a daemon once it has left.
        if (limit === "cgroup") expect(processesWith(token)).toEqual([]);
      } finally {
        for (const pid of processesWith(token)) process.kill(pid, "SIGKILL");
      }
    });

    it("runs a Node.js program with the default limits", async () => {
      const result = await driver.run({
        command: "node -e \"fetch('http://127.0.0.1:9').catch(() => console.log('fetch ran'))\"",
        cwd: workspace.dir,
      });
      expect(result.output).toBe("fetch ran\n");
    });
  },
);
