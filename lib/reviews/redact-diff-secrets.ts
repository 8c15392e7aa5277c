import { findSecrets } from "@/lib/reviews/find-secrets";
import { parseDiff } from "@/lib/reviews/parse-diff";
import { redactSecret } from "@/lib/reviews/redact-secret";
import type { SecretPattern } from "@/lib/reviews/types";

/**
 * A unified diff with the secrets its added lines hold replaced by their redacted form: a
 * failed approach's diff goes into the next prompt, and a leaked key must not travel with it.
 */
export async function redactDiffSecrets(diff: string, patterns: SecretPattern[] = []): Promise<string> {
  const found = await findSecrets(parseDiff(diff), patterns);
  let redacted = diff;
  // Each line of a multi-line secret (a private key) is replaced on its own: the diff prefixes lines with "+".
  const values = [
    ...new Set(found.flatMap((secret) => secret.value.split("\n")).filter((part) => part.trim().length >= 8)),
  ];
  for (const value of values.sort((a, b) => b.length - a.length))
    redacted = redacted.split(value).join(redactSecret(value));
  return redacted;
}
