import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import { fingerprint } from "@/lib/reviews/fingerprint";
import { redactSecret } from "@/lib/reviews/redact-secret";
import type { DiffFile, Finding } from "@/lib/reviews/types";

/** A project's own secret pattern (settings.reviewSecretPatterns): a name and a regular expression. */
export type SecretPattern = { name: string; pattern: string };

const config = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }] };

// "@secretlint/secretlint-rule-github" -> "GitHub"; the message itself quotes the secret, so it is never used.
const ruleNames: Record<string, string> = {
  aws: "AWS",
  gcp: "Google Cloud",
  github: "GitHub",
  slack: "Slack",
  npm: "npm",
  privatekey: "Private key",
  basicauth: "Basic auth credentials",
  sendgrid: "SendGrid",
  shopify: "Shopify",
  openai: "OpenAI",
  anthropic: "Anthropic",
  linear: "Linear",
  "1password": "1Password",
  "database-connection-string": "Database connection string",
  azure: "Azure",
};

function ruleName(ruleId: string): string {
  const short = ruleId.replace(/^@secretlint\/secretlint-rule-/, "");
  return ruleNames[short] ?? short;
}

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

/** A secret found in an added line: where, by which rule, and its value (never stored or shown). */
export type FoundSecret = { file: DiffFile; line: number; source: string; what: string; value: string };

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

/** The secrets themselves, for redacting text that quotes the diff (a failed attempt's diff in a prompt). */
export async function findSecrets(files: DiffFile[], patterns: SecretPattern[] = []): Promise<FoundSecret[]> {
  const compiled = patterns.map((pattern) => ({ name: pattern.name, regex: new RegExp(pattern.pattern, "g") }));
  const findings: FoundSecret[] = [];
  for (const file of files) {
    if (file.binary || file.addedLines.length === 0) continue;
    const content = file.addedLines.map((added) => added.text).join("\n");
    const starts: number[] = [];
    let offset = 0;
    for (const added of file.addedLines) {
      starts.push(offset);
      offset += added.text.length + 1;
    }
    const lineAt = (index: number) => {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle]! <= index) low = middle;
        else high = middle - 1;
      }
      return file.addedLines[low]!.line;
    };
    const result = await lintSource({
      source: { filePath: `/${file.path}`, content, contentType: "text" },
      options: { config },
    });
    for (const message of result.messages) {
      const value = content.slice(message.range[0], message.range[1]);
      findings.push({
        file,
        line: lineAt(message.range[0]),
        source: message.ruleId,
        what: ruleName(message.ruleId),
        value,
      });
    }
    for (const { name, regex } of compiled) {
      regex.lastIndex = 0;
      for (let match = regex.exec(content); match; match = regex.exec(content)) {
        if (match[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        findings.push({ file, line: lineAt(match.index), source: `project:${name}`, what: name, value: match[0] });
      }
    }
  }
  return findings;
}
