import { liveHeadSha } from "./pull-head";
import type { Auth, EmulatorContext, Reply } from "./context";
import { botAccount } from "./context";
import { emitIssueEvent, timestamp } from "./issue-actions";
import { runAutoMerges } from "./merge-pull";
import { parseGraphql, type GqlField, type GqlValue } from "./parse-graphql";
import { requiredChecksState } from "./required-checks";
import type { Issue, MergeMethod, Repo } from "./state";
import { nodeId, parseNodeId } from "./urls";

type Violation = (errors: string[]) => void;
class GqlError extends Error {
  constructor(
    message: string,
    readonly type = "UNPROCESSABLE",
  ) {
    super(message);
  }
}

const METHODS: Record<string, MergeMethod> = { MERGE: "merge", SQUASH: "squash", REBASE: "rebase" };

function resolveValue(value: GqlValue, variables: Record<string, unknown>): unknown {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    if ("variable" in value && typeof value.variable === "string") return variables[value.variable];
    if ("enum" in value && typeof value.enum === "string") return value.enum;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v as GqlValue, variables)]));
  }
  return Array.isArray(value) ? value.map((v) => resolveValue(v, variables)) : value;
}

/** Keeps only the fields the query selected (aliases honoured), as GraphQL does. */
function project(source: unknown, selections: GqlField[], path: string): unknown {
  if (source === null || source === undefined || selections.length === 0) return source ?? null;
  const out: Record<string, unknown> = {};
  for (const field of selections) {
    const record = source as Record<string, unknown>;
    if (field.name === "__typename") out[field.alias] = record.__typename ?? null;
    else if (!(field.name in record))
      throw new GqlError(`Field '${field.name}' doesn't exist on type at ${path}`, "undefinedField");
    else {
      const value = record[field.name];
      out[field.alias] =
        typeof value === "function"
          ? project(
              (value as (args: Record<string, GqlValue>) => unknown)(field.args),
              field.selections,
              `${path}.${field.name}`,
            )
          : project(value, field.selections, `${path}.${field.name}`);
    }
  }
  return out;
}

function pullNode(ctx: EmulatorContext, repo: Repo, issue: Issue): Record<string, unknown> {
  const auto = issue.pull!.autoMerge;
  return {
    __typename: "PullRequest",
    id: nodeId("PullRequest", issue.id),
    number: issue.number,
    title: issue.title,
    url: ctx.urls.html(`${repo.fullName}/pull/${issue.number}`),
    state: issue.pull!.merged ? "MERGED" : issue.state === "open" ? "OPEN" : "CLOSED",
    merged: issue.pull!.merged,
    autoMergeRequest: auto
      ? {
          enabledAt: issue.updatedAt,
          mergeMethod: auto.method.toUpperCase(),
          enabledBy: { login: auto.enabledBy.login },
        }
      : null,
  };
}

function findPull(ctx: EmulatorContext, id: unknown): { repo: Repo; issue: Issue } {
  const parsed = typeof id === "string" ? parseNodeId(id) : undefined;
  if (parsed?.type === "PullRequest") {
    for (const repo of ctx.state.repos.values())
      for (const issue of repo.issues.values()) if (issue.id === parsed.id && issue.pull) return { repo, issue };
  }
  throw new GqlError(`Could not resolve to a node with the global id of '${String(id)}'`, "NOT_FOUND");
}

async function autoMerge(
  ctx: EmulatorContext,
  auth: Auth,
  input: Record<string, unknown>,
  enable: boolean,
): Promise<Record<string, unknown>> {
  const { repo, issue } = findPull(ctx, input.pullRequestId);
  if (auth.kind === "installation" && ctx.state.installationFor(repo.fullName)?.id !== auth.installation.id)
    throw new GqlError("Resource not accessible by integration", "FORBIDDEN");
  const pull = issue.pull!;
  if (!enable) {
    pull.autoMerge = null;
    await emitIssueEvent(ctx, repo, issue, "auto_merge_disabled", botAccount(ctx), { reason: "disabled by the App" });
    return { pullRequest: pullNode(ctx, repo, issue) };
  }
  const method = METHODS[String(input.mergeMethod ?? "MERGE")];
  if (!method)
    throw new GqlError(
      `Argument 'mergeMethod' has an invalid value (${String(input.mergeMethod)})`,
      "INVALID_ARGUMENT",
    );
  if (!repo.autoMergeAllowed) throw new GqlError("Pull request Auto merge is not allowed for this repository");
  if (issue.state !== "open") throw new GqlError("Pull request Pull request is closed");
  const headSha = (await liveHeadSha(repo, issue)) ?? "";
  // Like GitHub: nothing to wait for means the PR should simply be merged.
  if ((await requiredChecksState(ctx, repo, pull.base, headSha)) === "success")
    throw new GqlError("Pull request Pull request is in clean status");
  pull.autoMerge = {
    method,
    enabledBy: botAccount(ctx),
    title: input.commitHeadline as string | undefined,
    message: input.commitBody as string | undefined,
  };
  issue.updatedAt = timestamp();
  await emitIssueEvent(ctx, repo, issue, "auto_merge_enabled", botAccount(ctx));
  ctx.background(() => runAutoMerges(ctx, repo, headSha));
  return { pullRequest: pullNode(ctx, repo, issue) };
}

/** POST /api/graphql: enable/disablePullRequestAutoMerge, repository { autoMergeAllowed pullRequest(number) }, node(id). */
export async function handleGraphql(
  ctx: EmulatorContext,
  body: unknown,
  auth: Auth,
  violation: Violation,
): Promise<Reply> {
  const request = body as { query?: unknown; variables?: unknown; operationName?: unknown };
  const shapeErrors: string[] = [];
  if (!request || typeof request !== "object" || Array.isArray(request)) shapeErrors.push("body must be an object");
  else {
    if (typeof request.query !== "string") shapeErrors.push("query must be a string");
    if (
      request.variables !== undefined &&
      request.variables !== null &&
      (typeof request.variables !== "object" || Array.isArray(request.variables))
    )
      shapeErrors.push("variables must be an object");
    const extra = Object.keys(request).filter((k) => !["query", "variables", "operationName"].includes(k));
    if (extra.length) shapeErrors.push(`unknown body fields: ${extra.join(", ")}`);
  }
  if (shapeErrors.length) {
    violation(shapeErrors);
    return {
      status: 400,
      body: { message: "Problems parsing JSON", documentation_url: "https://docs.github.com/graphql" },
    };
  }
  const variables = (request.variables ?? {}) as Record<string, unknown>;
  try {
    const operation = parseGraphql(String(request.query));
    for (const declared of operation.variables)
      if (declared.type.endsWith("!") && (variables[declared.name] === undefined || variables[declared.name] === null))
        throw new GqlError(
          `Variable $${declared.name} of type ${declared.type} was provided invalid value`,
          "INVALID_VARIABLE",
        );
    const data: Record<string, unknown> = {};
    for (const field of operation.selections) {
      const args = Object.fromEntries(
        Object.entries(field.args).map(([k, v]) => [k, resolveValue(v, variables)]),
      ) as Record<string, unknown>;
      let result: unknown;
      if (
        operation.type === "mutation" &&
        (field.name === "enablePullRequestAutoMerge" || field.name === "disablePullRequestAutoMerge")
      ) {
        result = await autoMerge(
          ctx,
          auth,
          (args.input ?? {}) as Record<string, unknown>,
          field.name === "enablePullRequestAutoMerge",
        );
      } else if (operation.type === "query" && field.name === "repository") {
        const repo = ctx.state.repo(`${String(args.owner)}/${String(args.name)}`);
        if (!repo)
          throw new GqlError(
            `Could not resolve to a Repository with the name '${String(args.owner)}/${String(args.name)}'.`,
            "NOT_FOUND",
          );
        result = {
          id: nodeId("Repository", repo.id),
          nameWithOwner: repo.fullName,
          autoMergeAllowed: repo.autoMergeAllowed,
          pullRequest: (a: Record<string, GqlValue>) => {
            const issue = repo.issues.get(Number(resolveValue(a.number, variables)));
            return issue?.pull ? pullNode(ctx, repo, issue) : null;
          },
        };
      } else if (operation.type === "query" && field.name === "node") {
        const { repo, issue } = findPull(ctx, args.id);
        result = pullNode(ctx, repo, issue);
      } else {
        violation([`GraphQL ${operation.type} field '${field.name}' is not supported by the emulator`]);
        throw new GqlError(
          `Field '${field.name}' doesn't exist on type '${operation.type === "query" ? "Query" : "Mutation"}'`,
          "undefinedField",
        );
      }
      data[field.alias] = project(result, field.selections, field.name);
    }
    return { status: 200, body: { data } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const type = error instanceof GqlError ? error.type : "PARSE_ERROR";
    if (!(error instanceof GqlError)) violation([message]);
    return { status: 200, body: { data: null, errors: [{ type, message, locations: [{ line: 1, column: 1 }] }] } };
  }
}
