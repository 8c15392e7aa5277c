// GET /api/v1/projects: the pinned projects of the caller's teams with their card summaries, oldest first, paginated
// POST /api/v1/projects: pin a local git repository (or, later, a GitHub one) as a project; admin; 201 with the project
import path from "node:path";
import { z } from "zod";
import { getProjectSummaries } from "@/db/queries/project-summaries";
import { defineRoute } from "@/lib/api/define-route";
import { decodeCursor, pageSchema, paginationQuery, toPage } from "@/lib/api/pagination";
import { resolveTeamId } from "@/lib/api/resolve-team-id";
import { apiProjectSchema, toApiProject } from "@/lib/api/schemas/project";
import { apiProjectSummarySchema, projectStatusQuery, toApiProjectSummary } from "@/lib/api/schemas/project-summary";
import { visibleTeamIds } from "@/lib/auth/actor";
import { pinProject } from "@/lib/projects/pin-project";

export const GET = defineRoute({
  method: "GET",
  path: "/projects",
  tag: "projects",
  summary: "List pinned projects",
  description:
    "Unpinned projects are not listed; GET /projects/{id} still returns them with `pinned: false`. " +
    "Each project carries `summary`, the figures of its dashboard card.",
  permission: "read",
  query: z.object({
    ...paginationQuery,
    teamId: z.uuid().optional().describe("Only this team's projects"),
    q: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe("Only projects whose name or repository contains this text (case-insensitive)"),
    status: projectStatusQuery,
  }),
  response: pageSchema(apiProjectSchema.extend({ summary: apiProjectSummarySchema })),
  handler: async ({ db, actor, query }) => {
    const teamIds = visibleTeamIds(actor).filter((teamId) => !query.teamId || teamId === query.teamId);
    const summaries = await getProjectSummaries({
      db,
      teamIds,
      githubRepositories: actor.kind === "user" ? actor.githubRepositories : undefined,
      query: query.q,
      status: query.status,
      after: decodeCursor(query.cursor),
      limit: query.limit + 1,
    });
    const rows = summaries.map((summary) => ({ ...summary, id: summary.project.id }));
    return toPage(rows, query.limit, (summary) => ({
      ...toApiProject(summary.project),
      summary: toApiProjectSummary(summary),
    }));
  },
});

const teamId = z.uuid().optional().describe("The team to pin it for; optional when the caller has one team");

export const POST = defineRoute({
  method: "POST",
  path: "/projects",
  tag: "projects",
  summary: "Pin a repository as a project",
  description:
    "`local`: the absolute path of a git repository on the server (the repository itself, not a folder inside one). " +
    "`github`: owner/name (answers 503 `unavailable:github` until the GitHub provider exists). " +
    "A repository the team unpinned is pinned again with its id, settings and runs.",
  permission: "admin",
  status: 201,
  body: z.discriminatedUnion("provider", [
    z.object({
      provider: z.literal("local"),
      repository: z
        .string()
        .trim()
        .min(1)
        .max(4096)
        .refine((value) => path.isAbsolute(value), "Must be an absolute path"),
      teamId,
    }),
    z.object({
      provider: z.literal("github"),
      repository: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/, "Must be owner/name"),
      teamId,
    }),
  ]),
  response: apiProjectSchema,
  errors: ["conflict", "unavailable"],
  handler: async ({ db, actor, ip, body }) => {
    const team = resolveTeamId(actor, body.teamId, "admin");
    const { project } = await pinProject({
      db,
      actor,
      ip,
      input: { teamId: team, provider: body.provider, repository: body.repository },
    });
    return toApiProject(project);
  },
});
