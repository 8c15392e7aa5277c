// Version order for npm (SemVer), PyPI (the common numeric PEP 440 forms) and Go (v-prefixed
// SemVer, pseudo-versions): numeric parts compared as numbers, a pre-release before its release.

type Parsed = { release: number[]; pre: (string | number)[] };

function parse(version: string): Parsed {
  const clean = version
    .trim()
    .replace(/^[v=]+/i, "")
    .replace(/\+.*$/, "");
  const match = /^(\d+(?:\.\d+)*)(?:[-.]?((?:a|b|rc|alpha|beta|pre|dev|c)\.?\d*|[0-9A-Za-z.-]+))?$/i.exec(clean);
  if (!match) return { release: [], pre: [clean] };
  const release = match[1]!.split(".").map(Number);
  const pre = match[2] ? match[2].split(/[.-]/).map((part) => (/^\d+$/.test(part) ? Number(part) : part)) : [];
  return { release, pre };
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const left = parse(a);
  const right = parse(b);
  const length = Math.max(left.release.length, right.release.length);
  for (let i = 0; i < length; i++) {
    const diff = (left.release[i] ?? 0) - (right.release[i] ?? 0);
    if (diff !== 0) return diff;
  }
  if (left.pre.length === 0 || right.pre.length === 0) return right.pre.length - left.pre.length;
  for (let i = 0; i < Math.max(left.pre.length, right.pre.length); i++) {
    const x = left.pre[i];
    const y = right.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    if (typeof x === "number") return -1;
    if (typeof y === "number") return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
