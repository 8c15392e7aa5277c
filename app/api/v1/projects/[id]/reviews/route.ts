// GET /api/v1/projects/{id}/reviews: the project's reviews, newest first (optionally of one pull request)
// POST /api/v1/projects/{id}/reviews: review a pull request of the project; write; 202 with the review (running)
import { z } from "zod";
import { getReviewsByProjectId } from "@/db/queries/reviews";
import { recordAudit } from "@/lib/audit";
import { actorUserId } from "@/lib/api/actor-user-id";
import { defineRoute } from "@/lib/api/define-route";
import { loadProjectFor } from "@/lib/api/load-project-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiReviewSchema, toApiReview } from "@/lib/api/schemas/review";
import { requestReview } from "@/lib/reviews/request-review";

const pullRequestNumber = z.coerce.number().int().min(1).max(2_147_483_647);

export const GET = defineRoute({
  method: "GET",
  path: "/projects/{id}/reviews",
  tag: "reviews",
  summary: "List a project's reviews",
  permission: "read",
  params: idParams,
  query: z.object({
    pullRequest: pullRequestNumber.optional().describe("Only the reviews of this pull request"),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  }),
  response: z.object({ items: z.array(apiReviewSchema) }),
  handler: async ({ db, actor, params, query }) => {
    const project = await loadProjectFor({ db, actor, projectId: params.id, permission: "read" });
    const rows = await getReviewsByProjectId({
      db,
      projectId: project.id,
      pullRequestNumber: query.pullRequest,
      limit: query.limit,
    });
    return { items: rows.map(toApiReview) };
  },
});

export const POST = defineRoute({
  method: "POST",
  path: "/projects/{id}/reviews",
  tag: "reviews",
  summary: "Review a pull request",
  description:
    "Reviews an open pull request of a pinned project: diff metadata, complexity, dependency changes, secrets, " +
    "known vulnerabilities (when MERGELINE_ADVISORY_DB is set) and the AI review; the findings are posted on the " +
    "pull request. Answers 202 with the review while it runs (a review of it already running is returned); " +
    "404 `not_found:pull_request` for a pull request the repository does not have, 409 for a closed one.",
  permission: "write",
  status: 202,
  params: idParams,
  body: z.object({ pullRequest: pullRequestNumber.describe("The pull request's number") }).strict(),
  response: apiReviewSchema,
  errors: ["conflict", "unavailable"],
  handler: async ({ db, actor, ip, params, body }) => {
    const project = await loadProjectFor({ db, actor, projectId: params.id, permission: "write" });
    const userId = actorUserId(actor);
    const { review, created } = await requestReview({
      db,
      project,
      number: body.pullRequest,
      trigger: "request",
      requestedBy: userId,
    });
    if (created)
      await recordAudit({
        db,
        actor,
        ip,
        teamId: project.teamId,
        action: "review.created",
        targetType: "review",
        targetId: review.id,
        data: { projectId: project.id, pullRequest: body.pullRequest },
      });
    return toApiReview(review);
  },
});
