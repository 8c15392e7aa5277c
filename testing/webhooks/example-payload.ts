import examples from "@octokit/webhooks-examples";

/**
 * For tests: a copy of GitHub's documented example payload of `event` (the first with
 * `action`, when given), from @octokit/webhooks-examples, with `changes` merged in at the top.
 */
export function examplePayload(
  event: string,
  action?: string,
  changes: Record<string, unknown> = {},
): Record<string, unknown> {
  const found = examples
    .find((group) => group.name === event)
    ?.examples.find((payload) => action === undefined || ("action" in payload && payload.action === action));
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${event}${action ? `.${action}` : ""} payload`);
  return { ...(structuredClone(found) as Record<string, unknown>), ...changes };
}
