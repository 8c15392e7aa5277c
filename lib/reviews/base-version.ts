/** The version a manifest's range names at least (`^1.2.3` -> `1.2.3`); null for tags, URLs and `*`. */
export function baseVersion(range: string): string | null {
  const match = /(\d+(?:\.\d+){0,3}(?:-[0-9A-Za-z.-]+)?)/.exec(range.replace(/^[\^~>=<v\s]+/, ""));
  return match && /^[\^~>=<v\s]*\d/.test(range) ? match[1]! : null;
}
