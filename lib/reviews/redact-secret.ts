/** A secret as a finding may show it: its first characters (a token's public prefix) and its length. */
export function redactSecret(value: string): string {
  const trimmed = value.trim();
  const firstLine = trimmed.split("\n")[0] ?? "";
  if (firstLine.startsWith("-----BEGIN")) return `${firstLine.slice(0, 40)} [redacted, ${trimmed.length} characters]`;
  const shown = trimmed.length >= 16 ? 4 : 0;
  return `${trimmed.slice(0, shown)}${"*".repeat(8)} [redacted, ${trimmed.length} characters]`;
}
