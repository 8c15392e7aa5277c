import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { CommandEvidence, CommandResult } from "@/db/schema";
import { logger } from "@/lib/platform/logger";
import { runGit } from "@/lib/workspaces/run-git";
import { annotationsOf, parseTestOutput } from "@/lib/validation/evidence";

// Bounds on what is stored with a validation: enough for the prompt, the PR and the check
// run, and for acceptance checks to find a test by name in a big suite.
const MAX_FAILING = 50;
const MAX_PASSING = 2000;
const MAX_PROBLEMS = 100;
const MAX_REPORTS = 10;
const MAX_REPORT_BYTES = 5 * 1024 * 1024;

/** JUnit XML reports a command wrote in the workspace (many runners write one on request), newest first. */
export async function findJunitReports(workspacePath: string, since: number): Promise<string[]> {
  let listed: string;
  try {
    listed = await runGit(workspacePath, ["ls-files", "--others", "--ignored", "--exclude-standard", "--", "*.xml"]);
  } catch {
    return [];
  }
  const candidates = listed
    .split("\n")
    .filter((file) => file && !file.includes("node_modules/") && /(junit|test-?results?|TEST-)[^/]*\.xml$/i.test(file));
  const reports: string[] = [];
  for (const file of candidates.slice(0, 200)) {
    const absolute = path.join(workspacePath, file);
    const info = await stat(absolute).catch(() => null);
    if (!info || info.mtimeMs < since || info.size > MAX_REPORT_BYTES) continue;
    const text = await readFile(absolute, "utf8").catch(() => "");
    if (text.includes("<testsuite")) reports.push(text);
    if (reports.length >= MAX_REPORTS) break;
  }
  return reports;
}

/**
 * What a command's output says, parsed once where it ran (lib/validation/evidence): failing
 * tests with their messages, passing names, lint and type-check problems, and annotations
 * at file:line relative to the repository. Stored with the validation, so acceptance
 * checks, the next attempt's prompt, the PR comment and the check run read the same facts.
 */
export async function commandEvidence({
  result,
  workspacePath,
  startedAt,
}: {
  result: Pick<CommandResult, "output">;
  workspacePath: string;
  /** When the command started (epoch ms): JUnit reports written since are read too. */
  startedAt: number;
}): Promise<CommandEvidence | undefined> {
  try {
    const junitReports = await findJunitReports(workspacePath, startedAt);
    const parsed = parseTestOutput(result.output, { junitReports });
    return {
      format: parsed.format,
      failing: parsed.failing.slice(0, MAX_FAILING),
      passing: parsed.passing.slice(0, MAX_PASSING),
      problems: parsed.problems.slice(0, MAX_PROBLEMS),
      ...(parsed.counts ? { counts: parsed.counts } : {}),
      ...(parsed.excerpt ? { excerpt: parsed.excerpt } : {}),
      annotations: annotationsOf(parsed, { workspacePath }),
    };
  } catch (error) {
    // Evidence helps; a parser that trips on some output must not fail the validation.
    logger.warn({ err: error }, "could not parse a command's output");
    return undefined;
  }
}
