import { findSecrets } from "@/lib/reviews/find-secrets";
import { fingerprint } from "@/lib/reviews/fingerprint";
import { redactSecret } from "@/lib/reviews/redact-secret";
import type { DiffFile, Finding, SecretPattern } from "@/lib/reviews/types";

function finding(file: DiffFile, line: number, source: string, what: string, value: string): Finding {
  return {
    kind: "secret",
    severity: "critical",
    path: file.path,
    line,
    title: `${what} in an added line`,
    message: `${what} is added here: ${redactSecret(value)}. Anyone who can read the repository can use it.`,
    suggestion: "Remove it from the change, revoke or rotate it, and read it from a project secret or the environment.",
    source,
    fingerprint: fingerprint("secret", file.path, source, value),
  };
}

/**
 * Secrets in the lines a diff adds: secretlint's recommended rules, then the project's own
 * patterns. Each file's added lines are scanned as one text (consecutive lines stay together,
 * so a private key spread over lines is found); values are reported redacted only.
 */
export async function scanSecrets(files: DiffFile[], patterns: SecretPattern[] = []): Promise<Finding[]> {
  return (await findSecrets(files, patterns)).map((found) =>
    finding(found.file, found.line, found.source, found.what, found.value),
  );
}
