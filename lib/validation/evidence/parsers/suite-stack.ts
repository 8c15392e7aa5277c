type Suite = { indent: number; name: string; path: string };

/**
 * The describe blocks (suites) open above a line of a runner's tree, by indentation. Each keeps
 * its full name, so a test's name is one concatenation rather than a join of the whole stack
 * for every test line of a long run.
 */
export class SuiteStack {
  private readonly suites: Suite[] = [];

  /** The innermost open suite. */
  top(): { indent: number; name: string } | undefined {
    return this.suites[this.suites.length - 1];
  }

  push(indent: number, name: string): void {
    const parent = this.suites[this.suites.length - 1];
    this.suites.push({ indent, name, path: parent ? `${parent.path} > ${name}` : name });
  }

  pop(): void {
    this.suites.pop();
  }

  /** Closes the suites indented at least `indent` (a line at that indentation is not inside them). */
  closeFrom(indent: number): void {
    while (this.suites.length > 0 && this.suites[this.suites.length - 1]!.indent >= indent) this.suites.pop();
  }

  /** Closes the suites indented more than `indent`. */
  closeDeeperThan(indent: number): void {
    while (this.suites.length > 0 && this.suites[this.suites.length - 1]!.indent > indent) this.suites.pop();
  }

  clear(): void {
    this.suites.length = 0;
  }

  /** A test's full name: the open suites' names and its own, joined with " > ". */
  nameOf(leaf: string): string {
    const parent = this.suites[this.suites.length - 1];
    return parent ? `${parent.path} > ${leaf}` : leaf;
  }
}
