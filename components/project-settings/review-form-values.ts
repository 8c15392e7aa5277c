import type { ProjectSettings } from "@/db/schema";

// The Reviews section's text: secret patterns one per line as "name: pattern", strategies one per line.

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

export function reviewFormValues(settings: ProjectSettings): Record<string, string> {
  return {
    complexityThreshold: String(settings.complexityThreshold ?? 10),
    secretPatterns: (settings.secretPatterns ?? []).map((pattern) => `${pattern.name}: ${pattern.pattern}`).join("\n"),
    "reviewPolicy.blockOnSeverity": settings.reviewPolicy?.blockOnSeverity ?? "none",
    retryStrategies: (settings.retryStrategies ?? ["regenerate_prompt", "different_approach", "simplified_scope"]).join(
      "\n",
    ),
  };
}

/** The review settings the form's fields stand for; the server validates them. */
export function reviewFromForm(form: FormData): Record<string, unknown> {
  const text = (name: string) => String(form.get(name) ?? "");
  const threshold = text("complexityThreshold").trim();
  return {
    autoReview: form.get("autoReview") === "on",
    aiReview: form.get("aiReview") === "on",
    complexityThreshold: threshold === "" ? Number.NaN : Number(threshold),
    secretPatterns: lines(text("secretPatterns")).map((line) => {
      const colon = line.indexOf(":");
      return colon > 0
        ? { name: line.slice(0, colon).trim(), pattern: line.slice(colon + 1).trim() }
        : { name: "", pattern: line };
    }),
    reviewPolicy: {
      blockOnSecrets: form.get("reviewPolicy.blockOnSecrets") === "on",
      blockOnSeverity: text("reviewPolicy.blockOnSeverity") || "none",
      blockOnVulnerabilities: form.get("reviewPolicy.blockOnVulnerabilities") === "on",
    },
    retryStrategies: lines(text("retryStrategies")),
  };
}
