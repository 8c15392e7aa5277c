import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import type { DiffFile, SecretPattern } from "@/lib/reviews/types";

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

/** A secret found in an added line: where, by which rule, and its value (never stored or shown). */
export type FoundSecret = { file: DiffFile; line: number; source: string; what: string; value: string };

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
