import { getSandbox } from "@/lib/sandbox";
import type { SandboxCommand, SandboxDriver } from "@/lib/sandbox/types";

/** For tests: the real sandbox of this machine, remembering the commands it was given. */
export function recordingSandbox(driver: SandboxDriver = getSandbox()): SandboxDriver & { commands: SandboxCommand[] } {
  const commands: SandboxCommand[] = [];
  return {
    name: driver.name,
    commands,
    run(command) {
      commands.push(command);
      return driver.run(command);
    },
  };
}
