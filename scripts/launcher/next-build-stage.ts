// `next build`'s own progress lines (Next 16, Turbopack) and what the launcher calls each
// step. Everything else it prints (warnings, the route table) goes to the build log only.
const stages: [RegExp, (match: RegExpExecArray) => string][] = [
  [/Creating an optimized production build/, () => "compiling"],
  [/Compiled successfully in (.+)$/, (match) => `compiled in ${match[1]!.trim()}`],
  [/Running TypeScript/, () => "checking types"],
  [/Collecting page data/, () => "collecting page data"],
  [/Generating static pages[^(]*\((\d+)\/(\d+)\)/, (match) => `generating pages (${match[1]} of ${match[2]})`],
  [/Finalizing page optimization/, () => "finalizing"],
  [/Collecting build traces/, () => "collecting build traces"],
];

// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape sequences of colored output are what it removes
const ansi = /\x1b\[[0-9;]*[A-Za-z]/g;

/** The build step a line of `next build` output announces, or null for any other line. */
export function nextBuildStage(line: string): string | null {
  const plain = line.replace(ansi, "").trim();
  for (const [pattern, describe] of stages) {
    const match = pattern.exec(plain);
    if (match) return describe(match);
  }
  return null;
}
