import type { Database } from "@/db/client";
import { getRunContext } from "@/db/queries/runs";
import { getValidation } from "@/db/queries/validations";
import type { NotificationEventType, RunState, Validation } from "@/db/schema";
import { appBaseUrl } from "./app-base-url";
import type { NotificationPayload } from "./notification-payload";

const firstLine = (text: string, max: number) => {
  const line = text.split("\n")[0]?.trim() ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

function failingTestsOf(validation: Validation): string[] {
  const names = new Set<string>();
  for (const result of [...validation.setup, ...validation.tests])
    for (const failing of result.evidence?.failing ?? []) names.add(failing.name);
  return [...names].slice(0, 20);
}

function messageFor(payload: Omit<NotificationPayload["data"], "message">, type: NotificationEventType): string {
  const run = payload.run;
  const where = `"${run?.goal ?? ""}" in ${payload.project?.name ?? "a project"}`;
  const pr = payload.pullRequest ? ` (#${payload.pullRequest.number})` : "";
  const because = run?.reason ? `: ${firstLine(run.reason, 300)}` : "";
  switch (type) {
    case "run.plan_proposed":
      return `Plan awaiting approval: ${where}`;
    case "run.pr_opened":
      return `Pull request${pr} opened: ${where}`;
    case "run.needs_human":
      return `Needs a person: ${where}${because}`;
    case "run.failed":
      return `Run failed: ${where}${because}`;
    case "run.merged":
      return `Merged${pr}: ${where}`;
    case "validation.failed": {
      const failing = payload.validation?.failingTests.length ?? 0;
      const tests = failing > 0 ? `: ${failing} failing test${failing === 1 ? "" : "s"}` : "";
      return `Validation failed (attempt ${payload.validation?.attempt ?? "?"}): ${where}${tests}`;
    }
  }
}

/**
 * The notification of a run event, as the run is now: its project, pull request and, for
 * validation.failed, the attempt's validation. Undefined when the run is gone.
 */
export async function buildRunNotification({
  db,
  runId,
  type,
  previousState = null,
  validationAttempt,
  at,
}: {
  db: Database;
  runId: string;
  type: NotificationEventType;
  previousState?: RunState | null;
  validationAttempt?: number;
  at: Date;
}): Promise<NotificationPayload | undefined> {
  const context = await getRunContext({ db, runId });
  if (!context) return undefined;
  const { run, project, pullRequest } = context;
  const validation =
    validationAttempt === undefined ? undefined : await getValidation({ db, runId, attempt: validationAttempt });
  const data: Omit<NotificationPayload["data"], "message"> = {
    team: { id: project.teamId },
    project: { id: project.id, name: project.name, repository: project.repository, provider: project.provider },
    run: {
      id: run.id,
      goal: firstLine(run.goal, 200),
      state: run.state,
      previousState,
      reason: run.stateReason,
      attempt: run.attempt,
      costUsd: Number(run.costUsd),
      url: `${appBaseUrl()}/runs/${run.id}`,
      createdAt: run.createdAt.toISOString(),
    },
    pullRequest: pullRequest ? { number: pullRequest.number, title: pullRequest.title, url: pullRequest.url } : null,
    validation:
      validation &&
      (validation.status === "passed" || validation.status === "failed" || validation.status === "cancelled")
        ? {
            attempt: validation.attempt,
            status: validation.status,
            failingTests: failingTestsOf(validation),
            summary: (validation.summary ?? "").slice(0, 2000),
          }
        : null,
  };
  return { type, timestamp: at.toISOString(), data: { ...data, message: messageFor(data, type) } };
}
