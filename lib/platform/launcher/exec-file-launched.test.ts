import os from "node:os";
import { describe, expect, it } from "vitest";
import { execFileLaunched, LaunchedCommandError } from "./exec-file-launched";

const options = { cwd: os.tmpdir(), env: { PATH: "/usr/bin:/bin" } };

describe("execFileLaunched", () => {
  it("runs a command from the launcher with the given directory, environment and input", async () => {
    const { stdout } = await execFileLaunched("sh", ["-c", 'pwd; echo "$GREETING"; cat'], {
      ...options,
      env: { ...options.env, GREETING: "hello" },
      input: "from stdin",
    });
    expect(stdout).toBe(`${await import("node:fs").then((fs) => fs.realpathSync(os.tmpdir()))}\nhello\nfrom stdin`);
  });

  it("fails like execFile: the exit code, with what the command printed", async () => {
    const failed = await execFileLaunched("sh", ["-c", "echo out; echo err >&2; exit 3"], options).catch(
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(LaunchedCommandError);
    expect(failed).toMatchObject({ code: 3, stdout: "out\n", stderr: "err\n" });
    const missing = await execFileLaunched("no-such-command-here", [], options).catch((error: unknown) => error);
    expect(missing).toMatchObject({ code: "ENOENT" });
  });

  it("runs many commands at once, each answer to its own caller", async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => execFileLaunched("sh", ["-c", `echo ${i}`], options)),
    );
    expect(answers.map((answer) => answer.stdout)).toEqual(Array.from({ length: 20 }, (_, i) => `${i}\n`));
  });

  it("starts a new launcher when the last one died", async () => {
    const { stdout: pid } = await execFileLaunched("sh", ["-c", "echo $PPID"], options);
    process.kill(Number(pid), "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { stdout } = await execFileLaunched("sh", ["-c", "echo again"], options);
    expect(stdout).toBe("again\n");
  });
});
