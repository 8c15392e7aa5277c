// Directives people write in issues and comments, read from untrusted text: anchored,
// bounded patterns only.

const targetLine = /^[ \t]*target:[ \t]*([A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100})[ \t]*$/im;
const commandLine = /^[ \t]*\/mergeline[ \t]+(run|plan|approve|cancel|review)\b[ \t]*(.{0,500})$/im;

/** `target: owner/repo` on a line of its own: the run goes to that repository. */
export function parseTarget(body: string): string | null {
  return targetLine.exec(body)?.[1] ?? null;
}

export type MergelineCommand = { command: "run" | "plan" | "approve" | "cancel" | "review"; rest: string };

/** The first `/mergeline <command>` line of a comment. */
export function parseCommand(body: string): MergelineCommand | null {
  const found = commandLine.exec(body);
  return found ? { command: found[1] as MergelineCommand["command"], rest: (found[2] ?? "").trim() } : null;
}
