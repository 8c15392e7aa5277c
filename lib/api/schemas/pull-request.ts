import { z } from "zod";
import { type PullRequest, pullRequestState } from "@/db/schema";
import { iso, isoDate, isoOrNull } from "./common";

export const apiPullRequestSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  body: z.string(),
  headBranch: z.string(),
  baseBranch: z.string(),
  headSha: z.string().nullable(),
  state: z.enum(pullRequestState.enumValues),
  url: z.string().nullable(),
  mergeCommitSha: z.string().nullable(),
  mergedAt: isoDate.nullable(),
  closedAt: isoDate.nullable(),
  createdAt: isoDate,
});

export type ApiPullRequest = z.input<typeof apiPullRequestSchema>;

export function toApiPullRequest(pr: PullRequest): ApiPullRequest {
  return {
    id: pr.id,
    number: pr.number,
    title: pr.title,
    body: pr.body,
    headBranch: pr.headBranch,
    baseBranch: pr.baseBranch,
    headSha: pr.headSha,
    state: pr.state,
    url: pr.url,
    // While the PR is open the column holds a merge in progress, not a merge.
    mergeCommitSha: pr.state === "merged" ? pr.mergeCommitSha : null,
    mergedAt: isoOrNull(pr.mergedAt),
    closedAt: isoOrNull(pr.closedAt),
    createdAt: iso(pr.createdAt),
  };
}
