// Small text helpers for prompts and transcripts: trimming, redaction, untrusted blocks.

// Very short values would blank out ordinary words; secrets are longer than this.
const MIN_REDACTED_LENGTH = 4;

/** Replaces every occurrence of each secret value with [redacted]. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_REDACTED_LENGTH) result = result.split(secret).join("[redacted]");
  }
  return result;
}

/** Keeps the start and the end, cutting the middle with a marker. */
export function trimMiddle(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const half = Math.floor(maxChars / 2);
  return `${text.slice(0, half)}\n[... ${text.length - 2 * half} characters cut ...]\n${text.slice(-half)}`;
}

/** The last lines of an output (where runners print failures), within a character budget. */
export function tailText(
  text: string,
  { maxLines = 80, maxChars = 6000 }: { maxLines?: number; maxChars?: number } = {},
): string {
  const lines = text.trimEnd().split("\n");
  let kept = lines.slice(-maxLines).join("\n");
  if (kept.length > maxChars) kept = kept.slice(-maxChars);
  const cut = text.trimEnd().length - kept.length;
  return cut > 0 ? `[... ${cut} earlier characters cut ...]\n${kept}` : kept;
}

/**
 * Wraps text that came from outside (issue bodies, tool output) in a tagged block the
 * instructions tell the model to treat as data. A closing tag inside the text is
 * defused so the text cannot end its own block early and speak as the prompt.
 */
export function untrustedBlock(tag: string, text: string, attributes: Record<string, string> = {}): string {
  const attrs = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${value.replace(/["<>]/g, "")}"`)
    .join("");
  const safe = text.replace(new RegExp(`<(/?)(${tag})`, "gi"), "<$1_$2");
  return `<${tag}${attrs}>\n${safe}\n</${tag}>`;
}
