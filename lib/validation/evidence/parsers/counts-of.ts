import type { TestCounts } from "../types";

const passed = /(\d+) passed/;
const failed = /(\d+) failed/;
const skipped = /(\d+) skipped/;
const errors = /(\d+) errors?\b/;

/** `3 failed, 1 skipped, 4 passed` (jest, vitest, pytest summaries; pytest's errors count as failures). */
export function countsOf(text: string): TestCounts {
  const number = (pattern: RegExp) => {
    const match = pattern.exec(text);
    return match ? Number(match[1]) : undefined;
  };
  const failures = (number(failed) ?? 0) + (number(errors) ?? 0);
  return { passed: number(passed), failed: failures || number(failed), skipped: number(skipped) };
}
