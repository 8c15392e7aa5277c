import type { ChildProcess } from "node:child_process";
import { eachLine } from "./each-line";
import { problemOfLogLine } from "./problem-of-log-line";

// A crash can print a long stack: a person needs its first lines, the log file has the rest.
const BURST_LINES = 5;
const BURST_MS = 10_000;

/**
 * Sends everything a supervised process prints to the log, and its problems (see
 * problemOfLogLine) to `onProblem` as well, at most five lines per ten seconds each.
 */
export function relayOutput({
  child,
  name,
  log,
  onProblem,
}: {
  child: ChildProcess;
  name: string;
  log: NodeJS.WritableStream;
  onProblem: (text: string) => void;
}): void {
  let windowStart = 0;
  let shown = 0;
  let held = 0;
  const forward = (stream: "stdout" | "stderr") => (line: string) => {
    log.write(`${line}\n`);
    const problem = problemOfLogLine(line, stream);
    if (!problem) return;
    const now = Date.now();
    if (now - windowStart > BURST_MS) {
      if (held > 0) onProblem(`${name}: ${held} more line${held === 1 ? "" : "s"} in the log`);
      windowStart = now;
      shown = 0;
      held = 0;
    }
    if (shown < BURST_LINES) {
      shown++;
      onProblem(`${name}: ${problem.length > 300 ? `${problem.slice(0, 300)}…` : problem}`);
    } else held++;
  };
  if (child.stdout) eachLine(child.stdout, forward("stdout"));
  if (child.stderr) eachLine(child.stderr, forward("stderr"));
}
