import type { FailingTest, TestCounts } from "../types";

/** What one test-runner parser found in an output. */
export type TestReport = { failing: FailingTest[]; passing: string[]; counts?: TestCounts };

/** Collects a parser's results: one entry per name, a failure wins over a pass of the same name. */
export class TestReportBuilder {
  private readonly failed = new Map<string, FailingTest>();
  private readonly passed = new Set<string>();
  counts: TestCounts | undefined;

  fail(test: FailingTest): void {
    const known = this.failed.get(test.name);
    if (known) {
      // The same name twice (a retried or repeated test): keep the first, fill in what it lacked.
      known.message ??= test.message;
      known.expected ??= test.expected;
      known.actual ??= test.actual;
      known.location ??= test.location;
    } else this.failed.set(test.name, test);
    this.passed.delete(test.name);
  }

  pass(name: string): void {
    if (name && !this.failed.has(name)) this.passed.add(name);
  }

  has(name: string): boolean {
    return this.failed.has(name);
  }

  get(name: string): FailingTest | undefined {
    return this.failed.get(name);
  }

  get failingCount(): number {
    return this.failed.size;
  }

  build(): TestReport {
    const report: TestReport = { failing: [...this.failed.values()], passing: [...this.passed] };
    if (this.counts) report.counts = this.counts;
    return report;
  }
}
