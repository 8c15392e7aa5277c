import type { CommandResult } from "@/db/schema";

const MAX_TAIL_LINES = 60;
const MAX_SUMMARY_CHARS = 6000;

// Failing test names as the common runners print them: node --test (TAP), vitest/jest,
// mocha, pytest, go test.
const failurePatterns = [/^\s*not ok \d+ - (.+)$/, /^\s*(?:×|✕|✖)\s+(.+?)(?:\s+\d+ms)?$/, /^\s*FAIL\s+(.+)$/, /^\s*\d+\) (.+)$/, /^FAILED (.+?)(?: - .*)?$/, /^--- FAIL: (\S+)/];

export function failingTestNames(output: string): string[] {
  const names = new Set<string>();
  for (const line of output.split("\n")) {
    for (const pattern of failurePatterns) {
      const match = pattern.exec(line);
      if (match?.[1]) {
        names.add(match[1].trim());
        break;
      }
    }
    if (names.size >= 20) break;
  }
  return [...names];
}

function tail(output: string): string {
  const lines = output.trimEnd().split("\n");
  const kept = lines.slice(-MAX_TAIL_LINES).join("\n");
  return lines.length > MAX_TAIL_LINES ? `[... ${lines.length - MAX_TAIL_LINES} earlier lines ...]\n${kept}` : kept;
}

/**
 * A short account of why validation failed, for the agent's next attempt, the PR
 * comment and the check run: the failing command, how it ended, the failing test names
 * and the end of its output.
 */
export function summarizeFailure(phase: "setup" | "tests", result: CommandResult): string {
  const ending = result.timedOut
    ? `timed out after ${Math.round(result.durationMs / 1000)} s`
    : result.signal
      ? `was killed by ${result.signal}`
      : `exited with code ${result.exitCode}`;
  const names = failingTestNames(result.output);
  const parts = [`The ${phase === "setup" ? "setup" : "test"} command \`${result.command}\` ${ending}.`];
  if (names.length > 0) parts.push(`Failing tests:\n${names.map((name) => `- ${name}`).join("\n")}`);
  parts.push(`End of its output:\n${tail(result.output)}`);
  const summary = parts.join("\n\n");
  return summary.length > MAX_SUMMARY_CHARS ? `${summary.slice(0, MAX_SUMMARY_CHARS)}\n[... cut ...]` : summary;
}
