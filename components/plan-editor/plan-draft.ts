import type { PlanContent } from "@/db/schema";

// The editor's working copy of a plan: every field a string, each row with a stable key
// so React keeps focus in the right field while rows move.

export type DraftStep = { key: number; title: string; detail: string };
export type DraftCheck = { key: number; description: string; test: string; page: string };
export type PlanDraft = { summary: string; files: string; steps: DraftStep[]; acceptanceChecks: DraftCheck[] };

let nextKey = 1;
export const newKey = () => nextKey++;

export function toDraft(plan: PlanContent): PlanDraft {
  return {
    summary: plan.summary,
    files: plan.files.join("\n"),
    steps: plan.steps.map((step) => ({ key: newKey(), title: step.title, detail: step.detail ?? "" })),
    acceptanceChecks: plan.acceptanceChecks.map((check) => ({
      key: newKey(),
      description: check.description,
      test: check.test ?? "",
      page: check.page ?? "",
    })),
  };
}

/** The draft as the plan the server validates (empty optional fields left out). */
export function fromDraft(draft: PlanDraft): PlanContent {
  return {
    summary: draft.summary.trim(),
    files: draft.files
      .split("\n")
      .map((file) => file.trim())
      .filter(Boolean),
    steps: draft.steps.map(({ title, detail }) => ({
      title: title.trim(),
      ...(detail.trim() ? { detail: detail.trim() } : {}),
    })),
    acceptanceChecks: draft.acceptanceChecks.map(({ description, test, page }) => ({
      description: description.trim(),
      ...(test.trim() ? { test: test.trim() } : {}),
      ...(page.trim() ? { page: page.trim() } : {}),
    })),
  };
}

export function move<T>(items: T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return items;
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item!);
  return copy;
}
