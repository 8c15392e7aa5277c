import type { CommandEvidence } from "@/db/schema";

/** "12 passed · 1 failed · 2 skipped" from a command's parsed results, or null when it reported no tests. */
export function testCounts(evidence: CommandEvidence): string | null {
  const passed = evidence.counts?.passed ?? evidence.passing.length;
  const failed = evidence.counts?.failed ?? evidence.failing.length;
  const skipped = evidence.counts?.skipped ?? 0;
  const parts = [
    passed > 0 && `${passed} passed`,
    failed > 0 && `${failed} failed`,
    skipped > 0 && `${skipped} skipped`,
  ].filter(Boolean);
  const problems = evidence.problems.length;
  if (parts.length === 0) return problems > 0 ? `${problems} problem${problems === 1 ? "" : "s"}` : null;
  return parts.join(" · ");
}
