import type { Account, EmulatorState, Installation, Repo } from "./state";
import type { Urls } from "./urls";

export type AppInfo = {
  id: number;
  slug: string;
  owner: Account;
  createdAt: string;
  publicKeyPem: string;
  privateKeyPem: string;
};

/** What route handlers, merges and person helpers share. */
export interface EmulatorContext {
  state: EmulatorState;
  urls: Urls;
  app: AppInfo;
  gitRoot: string;
  tokenTtlSeconds: number;
  /** Queue a signed webhook delivery (no-op without the `webhook` option). */
  emit(
    event: string,
    action: string | undefined,
    repo: Repo | null,
    sender: Account,
    fields: Record<string, unknown>,
  ): void;
  /** Track background work so `idle()` can wait for it. */
  background(work: () => Promise<unknown>): void;
  /** Check runs or statuses changed for a commit: auto-merge may now proceed. */
  checksChanged(repo: Repo, sha: string): void;
}

export type Auth =
  | { kind: "none" }
  | { kind: "app" }
  | { kind: "installation"; installation: Installation; token: string };

export type RequestContext = {
  ctx: EmulatorContext;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  auth: Auth;
  /** The Accept header: `application/vnd.github.diff` / `.patch` ask for text. */
  accept: string;
  /** The request url (for pagination links) and headers a handler adds to its reply (Link). */
  url: URL;
  responseHeaders: Record<string, string>;
};

/** `contentType` marks a text body (diff/patch media types) that is sent as is and not validated. */
export type Reply = { status: number; body?: unknown; headers?: Record<string, string>; contentType?: string };

/** "diff" or "patch" when the client asked for that media type. */
export function textFormat(request: RequestContext): "diff" | "patch" | null {
  const match = /application\/vnd\.github(?:\.v3)?\.(diff|patch)/.exec(request.accept);
  return match ? (match[1] as "diff" | "patch") : null;
}
export type Handler = (request: RequestContext) => Promise<Reply> | Reply;

const DOCS = "https://docs.github.com/rest";

/** A GitHub-style error reply: { message, documentation_url, status }. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
  toReply(): Reply {
    return {
      status: this.status,
      body: { message: this.message, documentation_url: DOCS, status: String(this.status), ...this.extra },
    };
  }
}

export function validationFailed(message: string, field: string, resource: string, code = "invalid"): HttpError {
  return new HttpError(422, "Validation Failed", { errors: [{ resource, field, code, message }] });
}

/** The body as an object, or a 400 like GitHub's "Problems parsing JSON". */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new HttpError(400, "Problems parsing JSON");
  return body as Record<string, unknown>;
}

/** The repository named in the path, checked against the installation token's access. */
export function repoFromParams(request: RequestContext): Repo {
  const fullName = `${request.params.owner}/${request.params.repo}`;
  const repo = request.ctx.state.repo(fullName);
  if (!repo) throw new HttpError(404, "Not Found");
  if (
    request.auth.kind === "installation" &&
    request.ctx.state.installationFor(repo.fullName)?.id !== request.auth.installation.id
  )
    throw new HttpError(404, "Not Found");
  return repo;
}

/** The account an installation token acts as: `<app slug>[bot]`. */
export function botAccount(ctx: EmulatorContext) {
  return ctx.state.account(`${ctx.app.slug}[bot]`, "Bot");
}

/** The issue or PR numbered in the path (`issue_number` or `pull_number`). */
export function issueFromParams(request: RequestContext, repo: Repo, pullOnly = false) {
  const number = Number(request.params.issue_number ?? request.params.pull_number);
  const issue = repo.issues.get(number);
  if (!issue || (pullOnly && !issue.pull)) throw new HttpError(404, "Not Found");
  return issue;
}

/** One page of a list (per_page default 30, at most 100) with GitHub's Link header for the others. */
export function page<T>(items: T[], request: RequestContext): T[] {
  const perPage = Math.min(Number(request.query.get("per_page") ?? 30) || 30, 100);
  const pageNumber = Math.max(Number(request.query.get("page") ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (n: number, rel: string) => {
    const url = new URL(request.url);
    url.searchParams.set("per_page", String(perPage));
    url.searchParams.set("page", String(n));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links = [
    ...(pageNumber < last ? [link(pageNumber + 1, "next"), link(last, "last")] : []),
    ...(pageNumber > 1 ? [link(1, "first"), link(pageNumber - 1, "prev")] : []),
  ];
  if (links.length) request.responseHeaders.link = links.join(", ");
  return items.slice((pageNumber - 1) * perPage, pageNumber * perPage);
}
