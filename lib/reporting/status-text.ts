import type { Plan, PullRequest, Run, RunState, Validation } from "@/db/schema";

// The state labels an issue carries while its run progresses: exactly one at a time.
export const RUN_STATE_LABELS = [
  "mergeline:planning",
  "mergeline:in-progress",
  "mergeline:ready-for-review",
  "mergeline:merged",
  "mergeline:failed",
] as const;
export type RunStateLabel = (typeof RUN_STATE_LABELS)[number];

const labelByState: Record<RunState, RunStateLabel> = {
  queued: "mergeline:planning",
  planning: "mergeline:planning",
  awaiting_approval: "mergeline:planning",
  coding: "mergeline:in-progress",
  pr_open: "mergeline:in-progress",
  validating: "mergeline:in-progress",
  fixing: "mergeline:in-progress",
  ready: "mergeline:ready-for-review",
  merging: "mergeline:ready-for-review",
  merged: "mergeline:merged",
  failed: "mergeline:failed",
  cancelled: "mergeline:failed",
  needs_human: "mergeline:failed",
};

export const runStateLabel = (state: RunState): RunStateLabel => labelByState[state];

const stateWords: Record<RunState, string> = {
  queued: "Queued",
  planning: "Planning",
  awaiting_approval: "Plan proposed, waiting for approval",
  coding: "Coding",
  pr_open: "Pull request opened",
  validating: "Validating",
  fixing: "Fixing what validation found",
  ready: "Ready for review",
  merging: "Merging",
  merged: "Merged",
  failed: "Failed",
  cancelled: "Cancelled",
  needs_human: "Needs a person",
};

// Lets the status comment be recognized (and never mistaken for a person's comment).
export const STATUS_COMMENT_MARKER = "<!-- mergeline:status -->";

/** The body of the one status comment on a run's issue, rewritten at each state change. */
export function statusCommentBody(input: {
  run: Run;
  pullRequest?: PullRequest;
  validation?: Validation;
  runUrl: string | null;
}): string {
  const { run, pullRequest, validation, runUrl } = input;
  const lines = [STATUS_COMMENT_MARKER, `### Mergeline: ${stateWords[run.state]}`, ""];
  lines.push(`- Run: ${runUrl ? `[${run.id}](${runUrl})` : `\`${run.id}\``}`);
  if (run.attempt > 0) lines.push(`- Attempt: ${run.attempt} of at most ${run.budget.maxAttempts}`);
  if (pullRequest)
    lines.push(
      `- Pull request: ${pullRequest.url ? `[#${pullRequest.number}](${pullRequest.url})` : `#${pullRequest.number}`} (${pullRequest.state})`,
    );
  if (validation) lines.push(`- Validation of attempt ${validation.attempt}: ${validation.status}`);
  if (Number(run.costUsd) > 0) lines.push(`- Cost so far: $${Number(run.costUsd).toFixed(4)}`);
  if (run.state === "awaiting_approval")
    lines.push("", "Approve the plan with `/mergeline approve`, or reject it with `/mergeline reject <reason>`.");
  if (run.stateReason && ["failed", "cancelled", "needs_human"].includes(run.state))
    lines.push("", `> ${run.stateReason.split("\n").join("\n> ")}`);
  if (validation?.status === "failed" && validation.summary && run.state !== "merged") {
    lines.push(
      "",
      "<details><summary>Why validation failed</summary>",
      "",
      "```",
      validation.summary.slice(0, 4000),
      "```",
      "</details>",
    );
  }
  return lines.join("\n");
}

/** The proposed plan as an issue comment. */
export function planCommentBody(plan: Plan): string {
  const { content } = plan;
  const lines = [
    `<!-- mergeline:plan v${plan.version} -->`,
    `### Mergeline plan (version ${plan.version})`,
    "",
    content.summary,
    "",
  ];
  for (const [index, step] of content.steps.entries()) {
    lines.push(`${index + 1}. **${step.title}**${step.detail ? `: ${step.detail}` : ""}`);
  }
  if (content.files.length > 0) lines.push("", "Files:", ...content.files.map((file) => `- \`${file}\``));
  if (content.acceptanceChecks.length > 0)
    lines.push("", "Acceptance checks:", ...content.acceptanceChecks.map((check) => `- [ ] ${check.description}`));
  lines.push(
    "",
    "Reply `/mergeline approve` to start coding, or `/mergeline reject <reason>`; the dashboard can edit the plan.",
  );
  return lines.join("\n");
}
