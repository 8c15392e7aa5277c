import { randomBytes } from "node:crypto";
import { HttpError, repoFromParams, type Handler, type RequestContext } from "./context";
import { APP_PERMISSIONS, serializeApp, serializeInstallation } from "./serialize-basics";
import { serializeRepo } from "./serialize-repo";

function installationOr404(request: RequestContext) {
  const installation = request.ctx.state.installations.get(Number(request.params.installation_id));
  if (!installation) throw new HttpError(404, "Not Found");
  return installation;
}

/** /app and installation routes: JWT-authenticated except /installation/repositories. */
export const appRoutes: Record<string, Handler> = {
  "GET /app": ({ ctx }) => ({ status: 200, body: serializeApp(ctx.urls, ctx.app) }),
  "GET /app/installations": ({ ctx }) => ({
    status: 200,
    body: [...ctx.state.installations.values()].map((i) => serializeInstallation(ctx.urls, i, ctx.app)),
  }),
  "GET /app/installations/{installation_id}": (request) => ({
    status: 200,
    body: serializeInstallation(request.ctx.urls, installationOr404(request), request.ctx.app),
  }),
  "POST /app/installations/{installation_id}/access_tokens": (request) => {
    const { ctx } = request;
    const installation = installationOr404(request);
    if (installation.suspended) throw new HttpError(403, "This installation has been suspended");
    const token = `ghs_${randomBytes(18).toString("base64url").replace(/[-_]/g, "0").slice(0, 36)}`;
    const expiresAt = Date.now() + ctx.tokenTtlSeconds * 1000;
    ctx.state.tokens.set(token, { token, installationId: installation.id, expiresAt });
    const repositories =
      installation.repositories === "all"
        ? undefined
        : ctx.state.installationRepos(installation).map((r) => serializeRepo(ctx.urls, r));
    return {
      status: 201,
      body: {
        token,
        expires_at: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
        permissions: APP_PERMISSIONS,
        repository_selection: installation.repositories === "all" ? "all" : "selected",
        ...(repositories ? { repositories } : {}),
      },
    };
  },
  "GET /installation/repositories": ({ ctx, auth, query }) => {
    if (auth.kind !== "installation") throw new HttpError(401, "Bad credentials");
    const all = ctx.state.installationRepos(auth.installation);
    const perPage = Math.min(Number(query.get("per_page") ?? 30), 100);
    const page = Math.max(Number(query.get("page") ?? 1), 1);
    return {
      status: 200,
      body: {
        total_count: all.length,
        repository_selection: auth.installation.repositories === "all" ? "all" : "selected",
        repositories: all.slice((page - 1) * perPage, page * perPage).map((r) => serializeRepo(ctx.urls, r)),
      },
    };
  },
  "GET /repos/{owner}/{repo}/installation": (request) => {
    const repo = repoFromParams(request);
    const installation = request.ctx.state.installationFor(repo.fullName);
    if (!installation) throw new HttpError(404, "Not Found");
    return { status: 200, body: serializeInstallation(request.ctx.urls, installation, request.ctx.app) };
  },
};

/** Routes that take the App's JWT rather than an installation token. */
export function needsAppJwt(template: string): boolean {
  return template.startsWith("/app") || template === "/repos/{owner}/{repo}/installation";
}
