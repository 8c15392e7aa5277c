import type { PlanContent } from "@/db/schema";

const stopWords = new Set([
  "the",
  "and",
  "with",
  "that",
  "this",
  "from",
  "into",
  "when",
  "then",
  "them",
  "they",
  "their",
  "there",
  "what",
  "which",
  "have",
  "has",
  "should",
  "would",
  "could",
  "must",
  "will",
  "each",
  "every",
  "some",
  "only",
  "also",
  "test",
  "tests",
  "file",
  "files",
  "code",
  "make",
  "sure",
  "returns",
  "return",
  "works",
  "work",
  "page",
  "shows",
]);

const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .flatMap((word) => [word, word.replace(/s$/, "")])
      .filter((word) => word.length >= 4 && !stopWords.has(word)),
  );

/**
 * The plan narrowed to what its acceptance checks need (simplified_scope): the steps that
 * share a significant word with a check (its description, test or page) stay, with the files
 * they or the checks name; the other steps become follow-up suggestions. A plan whose steps
 * all relate, or none do, keeps its first step at least.
 */
export function narrowPlan(plan: PlanContent): { plan: PlanContent; followUps: string[] } {
  const checkWords = new Set<string>();
  for (const check of plan.acceptanceChecks)
    for (const word of words([check.description, check.test ?? "", check.page ?? ""].join(" "))) checkWords.add(word);
  const related = (text: string) => [...words(text)].some((word) => checkWords.has(word));
  let kept = plan.steps.filter((step) => related(`${step.title} ${step.detail ?? ""}`));
  if (kept.length === 0) kept = plan.steps.slice(0, 1);
  const followUps = plan.steps.filter((step) => !kept.includes(step)).map((step) => step.title);
  const keptText = kept.map((step) => `${step.title} ${step.detail ?? ""}`).join(" ");
  const files = plan.files.filter((file) => {
    const name = file.slice(file.lastIndexOf("/") + 1).replace(/\.[^.]+$/, "");
    return (
      keptText.includes(file) ||
      related(name.replace(/[-_.]/g, " ")) ||
      keptText.toLowerCase().includes(name.toLowerCase())
    );
  });
  return {
    plan: {
      ...plan,
      summary: `${plan.summary} (Scope narrowed to what the acceptance checks need.)`,
      steps: kept,
      files: files.length > 0 ? files : plan.files,
    },
    followUps,
  };
}
