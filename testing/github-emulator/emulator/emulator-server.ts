import { rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { appRoutes, needsAppJwt } from "./app-routes";
import { authenticate, gitCredential } from "./authenticate";
import { HttpError, type AppInfo, type Auth, type EmulatorContext, type Handler, type Reply } from "./context";
import { gitHttpBackend } from "./git-http-backend";
import { git } from "./run-git";
import { serializeUser } from "./serialize-basics";
import { serializeRepo } from "./serialize-repo";
import { getSpecValidator, type SpecViolation } from "./spec-validator";
import { EmulatorState, type Account, type Repo } from "./state";
import { Urls } from "./urls";
import { WebhookSender, type WebhookDelivery } from "./webhook-sender";

export type FailNextOptions = { status: 403 | 429; secondary?: boolean; retryAfterSeconds?: number; count?: number };
export type ExtraRoutes = {
  rest: Record<string, Handler>;
  graphql?: (
    server: EmulatorServer,
    body: unknown,
    auth: Auth,
    violation: (errors: string[]) => void,
  ) => Promise<Reply>;
};

const RATE_LIMIT = 5000;

/** The HTTP side: REST under /api/v3 (spec-validated), GraphQL at /api/graphql, git at /<owner>/<repo>.git. */
export class EmulatorServer implements EmulatorContext {
  readonly state = new EmulatorState();
  readonly violations: SpecViolation[] = [];
  urls = new Urls("http://127.0.0.1");
  private readonly server: Server;
  private readonly validator = getSpecValidator();
  private readonly sender: WebhookSender;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly failures: FailNextOptions[] = [];
  private readonly corrupters: ((body: unknown) => unknown)[] = [];
  private readonly used = new Map<string, number>();
  private readonly resetAt = Math.floor(Date.now() / 1000) + 3600;
  /** Hook for auto-merge; set by the emulator once merges are wired. */
  onChecksChanged: (repo: Repo, sha: string) => void = () => undefined;
  /** Hook run after every push over git HTTP with the refs that moved. */
  onPush: (
    repo: Repo,
    moved: { ref: string; before: string | null; after: string | null }[],
    pusher: Account,
  ) => Promise<void> = async () => undefined;

  constructor(
    readonly app: AppInfo,
    readonly gitRoot: string,
    readonly tokenTtlSeconds: number,
    webhook: { url: string; secret: string } | undefined,
    private readonly routes: ExtraRoutes,
  ) {
    this.sender = new WebhookSender(webhook);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        // An emulator bug must fail the test that met it, not hide behind a 500 the client may retry.
        this.violations.push({
          kind: "internal",
          method: req.method ?? "",
          path: req.url ?? "",
          status: 500,
          errors: [error instanceof Error ? (error.stack ?? error.message) : String(error)],
        });
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: error instanceof Error ? error.message : String(error) }));
      });
    });
  }

  get deliveries(): WebhookDelivery[] {
    return this.sender.deliveries;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.urls = new Urls(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}`);
  }

  /** Stops the server after background work and deletes the bare repositories. */
  async close(): Promise<void> {
    await this.idle();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await rm(this.gitRoot, { recursive: true, force: true });
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    await this.sender.idle();
  }

  background(work: () => Promise<unknown>): void {
    const promise = work().catch((error: unknown) => {
      this.violations.push({
        kind: "internal",
        method: "BACKGROUND",
        path: "",
        errors: [error instanceof Error ? (error.stack ?? error.message) : String(error)],
      });
    });
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }

  checksChanged(repo: Repo, sha: string): void {
    this.onChecksChanged(repo, sha);
  }

  /** Test hook proving responses are checked: the next REST reply body passes through `mutate` before validation. */
  corruptNextResponse(mutate: (body: unknown) => unknown): void {
    this.corrupters.push(mutate);
  }

  failNext(options: FailNextOptions): void {
    for (let i = 0; i < (options.count ?? 1); i++) this.failures.push(options);
  }

  emit(
    event: string,
    action: string | undefined,
    repo: Repo | null,
    sender: Account,
    fields: Record<string, unknown>,
  ): void {
    const installation = repo ? this.state.installationFor(repo.fullName) : [...this.state.installations.values()][0];
    const payload: Record<string, unknown> = {
      ...(action ? { action } : {}),
      ...fields,
      ...(repo ? { repository: serializeRepo(this.urls, repo) } : {}),
      sender: serializeUser(this.urls, sender),
      ...(installation
        ? {
            installation: {
              id: installation.id,
              node_id: Buffer.from(`Installation:${installation.id}`).toString("base64"),
            },
          }
        : {}),
      // installation events carry the full installation object, push events their own repository shape.
      ...(fields.installation ? { installation: fields.installation } : {}),
      ...(fields.repository ? { repository: fields.repository } : {}),
    };
    const errors = this.validator.validateWebhook(event, action, payload);
    if (errors.length)
      this.violations.push({ kind: "webhook", method: "POST", path: `webhook ${event}.${action ?? ""}`, errors });
    const delivered = this.sender.send(event, action, payload);
    this.pending.add(delivered);
    void delivered.finally(() => this.pending.delete(delivered));
  }

  private rateHeaders(key: string, resource: string): Record<string, string> {
    const used = (this.used.get(key) ?? 0) + 1;
    this.used.set(key, used);
    return {
      "x-ratelimit-limit": String(RATE_LIMIT),
      "x-ratelimit-remaining": String(Math.max(RATE_LIMIT - used, 0)),
      "x-ratelimit-reset": String(this.resetAt),
      "x-ratelimit-used": String(used),
      "x-ratelimit-resource": resource,
      "x-github-api-version-selected": "2022-11-28",
      "x-github-request-id": `EMU:${this.state.nextId()}`,
    };
  }

  private injectedFailure(resource: string): Reply | undefined {
    const failure = this.failures.shift();
    if (!failure) return undefined;
    const retryAfter = failure.retryAfterSeconds ?? 1;
    const reset = String(Math.floor(Date.now() / 1000) + retryAfter);
    const headers: Record<string, string> = {
      "x-ratelimit-limit": String(RATE_LIMIT),
      "x-ratelimit-reset": reset,
      "x-ratelimit-resource": resource,
    };
    if (failure.secondary) {
      headers["retry-after"] = String(retryAfter);
      headers["x-ratelimit-remaining"] = "4000";
      headers["x-ratelimit-used"] = "1000";
      const message =
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID EMU.";
      return {
        status: failure.status,
        headers,
        body: {
          message,
          documentation_url:
            "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
        },
      };
    }
    headers["x-ratelimit-remaining"] = "0";
    headers["x-ratelimit-used"] = String(RATE_LIMIT);
    if (failure.status === 429) headers["retry-after"] = String(retryAfter);
    return {
      status: failure.status,
      headers,
      body: {
        message: "API rate limit exceeded for installation.",
        documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-rate-limits",
      },
    };
  }

  private send(res: ServerResponse, reply: Reply, extra: Record<string, string>): void {
    const headers: Record<string, string> = { ...extra, ...reply.headers };
    if (reply.contentType) {
      res.writeHead(reply.status, { "content-type": reply.contentType, ...headers }).end(String(reply.body));
      return;
    }
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers).end();
      return;
    }
    res
      .writeHead(reply.status, { "content-type": "application/json; charset=utf-8", ...headers })
      .end(JSON.stringify(reply.body));
  }

  private async readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.urls.base);
    const method = req.method ?? "GET";
    if (url.pathname.startsWith("/api/v3/") || url.pathname === "/api/v3")
      return this.handleRest(req, res, method, url);
    if (url.pathname === "/api/graphql" && method === "POST") return this.handleGraphql(req, res);
    const git = /^\/([^/]+)\/([^/]+?)\.git(\/.*)$/.exec(url.pathname);
    if (git) return this.handleGit(req, res, git[1], git[2], git[3], url.search.slice(1));
    this.send(res, { status: 404, body: { message: "Not Found" } }, {});
  }

  private async handleGraphql(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await this.readBody(req);
    const rate = this.rateHeaders(req.headers.authorization ?? "anonymous", "graphql");
    const injected = this.injectedFailure("graphql");
    if (injected) return this.send(res, injected, {});
    let reply: Reply;
    try {
      const auth = await authenticate(req.headers, this.app, this.state);
      if (auth.kind === "none") throw new HttpError(401, "This endpoint requires you to be authenticated.");
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        throw new HttpError(400, "Problems parsing JSON");
      }
      if (!this.routes.graphql) throw new HttpError(404, "Not Found");
      reply = await this.routes.graphql(this, body, auth, (errors) =>
        this.violations.push({ kind: "graphql", method: "POST", path: "/api/graphql", errors }),
      );
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      reply = error.toReply();
    }
    this.send(res, reply, rate);
  }

  private async handleRest(req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<void> {
    const path = url.pathname.slice("/api/v3".length) || "/";
    const raw = await this.readBody(req);
    const rate = this.rateHeaders(req.headers.authorization ?? "anonymous", "core");
    const injected = this.injectedFailure("core");
    if (injected) return this.send(res, injected, {});
    // Two templates can fit one path (compare/{basehead} and compare/{base}...{head}): prefer one we serve.
    const candidates = this.validator.matchAll(method, path);
    const route =
      candidates.find((r) => this.routes.rest[`${method} ${r.template}`] ?? appRoutes[`${method} ${r.template}`]) ??
      candidates[0];
    if (!route) {
      this.violations.push({
        kind: "route",
        method,
        path,
        errors: ["no such operation in the api.github.com description"],
      });
      return this.send(
        res,
        { status: 404, body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" } },
        rate,
      );
    }
    const handler = this.routes.rest[`${method} ${route.template}`] ?? appRoutes[`${method} ${route.template}`];
    let reply: Reply;
    try {
      let body: unknown;
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw);
        } catch {
          this.violations.push({ kind: "request", method, path, errors: ["request body is not JSON"] });
          throw new HttpError(400, "Problems parsing JSON");
        }
      }
      const requestErrors = this.validator.validateRequest(route, body, url.searchParams);
      if (requestErrors.length) {
        this.violations.push({ kind: "request", method, path, errors: requestErrors });
        throw new HttpError(422, "Invalid request.", {
          errors: requestErrors.map((message) => ({ code: "invalid", message })),
        });
      }
      if (!handler) {
        this.violations.push({
          kind: "unimplemented",
          method,
          path,
          errors: [`${route.template} is in the spec but the emulator does not implement it`],
        });
        throw new HttpError(404, "Not Found");
      }
      const auth = await authenticate(req.headers, this.app, this.state);
      if (auth.kind !== (needsAppJwt(route.template) ? "app" : "installation")) {
        throw new HttpError(
          auth.kind === "none" ? 401 : 403,
          auth.kind === "none" ? "Requires authentication" : "Resource not accessible by integration",
        );
      }
      const responseHeaders: Record<string, string> = {};
      // Links point at the public /api/v3 url the client used.
      reply = await handler({
        ctx: this,
        params: route.params,
        query: url.searchParams,
        body,
        auth,
        accept: String(req.headers.accept ?? ""),
        url,
        responseHeaders,
      });
      reply = { ...reply, headers: { ...responseHeaders, ...reply.headers } };
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      reply = error.toReply();
    }
    const corrupt = this.corrupters.shift();
    if (corrupt) reply = { ...reply, body: corrupt(structuredClone(reply.body)) };
    const responseErrors = reply.contentType ? [] : this.validator.validateResponse(route, reply.status, reply.body);
    if (responseErrors.length)
      this.violations.push({ kind: "response", method, path, status: reply.status, errors: responseErrors });
    this.send(res, reply, rate);
  }

  private async handleGit(
    req: IncomingMessage,
    res: ServerResponse,
    owner: string,
    name: string,
    pathRest: string,
    query: string,
  ): Promise<void> {
    const repo = this.state.repo(`${owner}/${name}`);
    const credential = gitCredential(req.headers, this.state);
    const allowed = repo && credential && this.state.installationFor(repo.fullName)?.id === credential.installationId;
    if (!repo || !allowed) {
      req.resume();
      res
        .writeHead(401, { "www-authenticate": 'Basic realm="GitHub"', "content-type": "text/plain" })
        .end("Invalid username or token. Password authentication is not supported for Git operations.\n");
      return;
    }
    const isPush = pathRest === "/git-receive-pack" && req.method === "POST";
    const before = isPush ? await this.refSnapshot(repo) : undefined;
    await gitHttpBackend(req, res, {
      projectRoot: this.gitRoot,
      pathInfo: `/${repo.fullName}.git${pathRest}`,
      query,
      remoteUser: "x-access-token",
    });
    if (!before) return;
    const after = await this.refSnapshot(repo);
    const moved = [...new Set([...before.keys(), ...after.keys()])]
      .filter((ref) => before.get(ref) !== after.get(ref))
      .map((ref) => ({ ref, before: before.get(ref) ?? null, after: after.get(ref) ?? null }));
    if (moved.length === 0) return;
    repo.pushedAt = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    const bot = this.state.account(`${this.app.slug}[bot]`, "Bot");
    this.background(() => this.onPush(repo, moved, bot));
  }

  private async refSnapshot(repo: Repo): Promise<Map<string, string>> {
    const out = await git(repo.dir, ["for-each-ref", "--format=%(refname) %(objectname)", "refs/heads"]);
    return new Map(
      out
        .split("\n")
        .filter(Boolean)
        .map((line) => line.split(" ") as [string, string]),
    );
  }
}
