import type { ParsedOutput, TestLookup } from "./types";

const segmentSeparator = / > | › |::/;

function segments(name: string): string[] {
  return name.split(segmentSeparator).map((segment) => segment.trim());
}

/** Case, quotes and the separators of every runner (` > `, `›`, `::`, `/`, `.`, `_`) set aside. */
function loose(name: string): string {
  return name
    .toLowerCase()
    .replace(/["'`]/g, "")
    .replace(/ > | › |::|[/._\s]+/g, " ")
    .trim();
}

function endsWith(whole: string[], part: string[]): boolean {
  if (part.length > whole.length) return false;
  const offset = whole.length - part.length;
  return part.every((segment, i) => whole[offset + i] === segment);
}

/** `part` names a describe block or parent test of `whole`: a run of its segments before the last. */
function isGroupOf(whole: string[], part: string[]): boolean {
  for (let start = 0; start + part.length < whole.length; start++) {
    if (part.every((segment, i) => whole[start + i] === segment)) return true;
  }
  return false;
}

type Match = (candidate: string) => boolean;

/**
 * A test by the name a plan gives it, as the runner prints it: the full name
 * (`parse > values > reads a value`), its last segments (`reads a value`), or a describe block
 * or parent test (`parse`: failed when any test under it failed). Exact and case-sensitive
 * first, then loosely (case, quotes, separators). A name found nowhere is "absent".
 */
export function findTest(parsed: Pick<ParsedOutput, "failing" | "passing">, name: string): TestLookup {
  const query = name.trim();
  if (!query) return { status: "absent" };
  const wanted = segments(query);
  const wantedLoose = loose(query);
  const levels: Match[] = [
    (candidate) => candidate === query,
    (candidate) => endsWith(segments(candidate), wanted),
    (candidate) => isGroupOf(segments(candidate), wanted),
    (candidate) => loose(candidate) === wantedLoose,
    (candidate) => {
      const text = loose(candidate);
      return (
        text.endsWith(` ${wantedLoose}`) || text.startsWith(`${wantedLoose} `) || text.includes(` ${wantedLoose} `)
      );
    },
  ];
  for (const matches of levels) {
    const failed = parsed.failing.find((test) => matches(test.name));
    if (failed) return { status: "failed", test: failed, name: failed.name };
    const passed = parsed.passing.find(matches);
    if (passed) return { status: "passed", name: passed };
  }
  return { status: "absent" };
}
