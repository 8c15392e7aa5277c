import type { FailingTest, TestCounts } from "../types";

/** What one test-runner parser found in an output. */
export type TestReport = { failing: FailingTest[]; passing: string[]; counts?: TestCounts };

type Failure = { test: FailingTest; origin?: string };

/**
 * Collects a parser's results: one entry per test, a failure wins over a pass of the same
 * name. Runners that print no file in a test's name (node:test's top-level tests) can fail
 * two tests of the same name in two files: a failure's `origin` (the file that defines the
 * test, when the runner says) keeps them apart. Without one, a name is one test.
 */
export class TestReportBuilder {
  private readonly failed = new Map<string, Failure[]>();
  private readonly passed = new Set<string>();
  // Every failure once, in the order the output printed them.
  private readonly ordered: FailingTest[] = [];
  counts: TestCounts | undefined;

  fail(test: FailingTest, origin?: string): void {
    const known = this.find(test.name, origin);
    if (known) {
      // The same test twice (a retried or repeated test): keep the first, fill in what it lacked.
      known.message ??= test.message;
      known.expected ??= test.expected;
      known.actual ??= test.actual;
      known.location ??= test.location;
    } else {
      const entries = this.failed.get(test.name);
      if (entries) entries.push({ test, origin });
      else this.failed.set(test.name, [{ test, origin }]);
      this.ordered.push(test);
    }
    this.passed.delete(test.name);
  }

  pass(name: string): void {
    // A long run passes the same names again: one lookup finds a name passed already. Most
    // outputs fail nothing or little: no lookup in an empty map for each of their passes.
    if (!name || this.passed.has(name)) return;
    if (this.failed.size === 0 || !this.failed.has(name)) this.passed.add(name);
  }

  has(name: string): boolean {
    return this.failed.has(name);
  }

  /** The failure recorded under `name` (from `origin`, when given and known); the first one otherwise. */
  get(name: string, origin?: string): FailingTest | undefined {
    return this.find(name, origin);
  }

  /** Whether a failure of `name` from `origin` would be a test not recorded yet. */
  isNew(name: string, origin: string | undefined): boolean {
    return this.find(name, origin) === undefined;
  }

  get failingCount(): number {
    return this.ordered.length;
  }

  build(): TestReport {
    const report: TestReport = { failing: [...this.ordered], passing: [...this.passed] };
    if (this.counts) report.counts = this.counts;
    return report;
  }

  private find(name: string, origin: string | undefined): FailingTest | undefined {
    const entries = this.failed.get(name);
    if (!entries) return undefined;
    if (origin === undefined) return entries[0]!.test;
    for (const entry of entries) if (entry.origin === undefined || entry.origin === origin) return entry.test;
    return undefined;
  }
}
