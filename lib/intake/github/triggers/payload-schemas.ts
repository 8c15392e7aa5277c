import { z } from "zod";

// The fields of GitHub's webhook payloads that Mergeline reads. Any other field is
// dropped (z.object strips what it does not name), GitHub adding fields is no problem,
// and a payload without what a handler needs is ignored. The webhook route forwards to
// Inngest only what these name (lib/intake/github/webhooks/forwarded-events.ts), so a handler
// that reads a new field names it here.

export const senderSchema = z.object({ login: z.string(), id: z.number(), type: z.string().optional() });
export const repositorySchema = z.object({
  id: z.number(),
  full_name: z.string(),
  private: z.boolean().optional(),
  default_branch: z.string().optional(),
});
const installationRepositorySchema = z.object({
  id: z.number(),
  full_name: z.string(),
  private: z.boolean().optional(),
});

export const installationSchema = z.object({
  id: z.number(),
  account: z.object({ login: z.string(), id: z.number(), type: z.string().optional() }).nullable(),
  repository_selection: z.string().optional(),
  suspended_at: z.string().nullable().optional(),
});

export const installationPayloadSchema = z.object({
  installation: installationSchema,
  repositories: z.array(installationRepositorySchema).optional(),
  sender: senderSchema,
});

export const installationRepositoriesPayloadSchema = z.object({
  installation: installationSchema,
  repository_selection: z.string().optional(),
  repositories_added: z.array(installationRepositorySchema).default([]),
  repositories_removed: z.array(installationRepositorySchema).default([]),
  sender: senderSchema,
});

const issueSchema = z.object({
  id: z.number(),
  number: z.number(),
  title: z.string(),
  body: z.string().nullable().optional(),
  html_url: z.string().optional(),
  state: z.string().optional(),
  user: z.object({ login: z.string() }).nullable().optional(),
  labels: z.array(z.union([z.string(), z.object({ name: z.string() })])).optional(),
  pull_request: z.unknown().optional(),
});

export const issueLabeledPayloadSchema = z.object({
  issue: issueSchema,
  label: z.object({ name: z.string() }),
  repository: repositorySchema,
  sender: senderSchema,
});

export const issueCommentPayloadSchema = z.object({
  issue: issueSchema,
  comment: z.object({
    id: z.number(),
    body: z.string().nullable(),
    user: z.object({ login: z.string(), id: z.number(), type: z.string().optional() }).nullable(),
  }),
  repository: repositorySchema,
  sender: senderSchema,
});

export const pullRequestClosedPayloadSchema = z.object({
  pull_request: z.object({
    number: z.number(),
    merged: z.boolean().nullable().optional(),
    merge_commit_sha: z.string().nullable().optional(),
    merged_by: z.object({ login: z.string(), type: z.string().optional() }).nullable().optional(),
    head: z.object({ sha: z.string() }).optional(),
  }),
  repository: repositorySchema,
  sender: senderSchema,
});

/** pull_request.opened / synchronize / reopened: the PR and its branches. */
export const pullRequestUpdatedPayloadSchema = z.object({
  pull_request: z.object({
    number: z.number(),
    state: z.string(),
    head: z.object({ ref: z.string(), sha: z.string() }),
    base: z.object({ ref: z.string() }),
  }),
  repository: repositorySchema,
  sender: senderSchema,
});

const checkApp = z.object({ slug: z.string().optional(), name: z.string().optional() }).nullable().optional();

export const checkRunPayloadSchema = z.object({
  check_run: z.object({
    head_sha: z.string(),
    name: z.string(),
    status: z.string(),
    conclusion: z.string().nullable().optional(),
    details_url: z.string().nullable().optional(),
    html_url: z.string().nullable().optional(),
    app: checkApp,
  }),
  repository: repositorySchema,
});

export const checkSuitePayloadSchema = z.object({
  check_suite: z.object({
    head_sha: z.string(),
    status: z.string().nullable().optional(),
    conclusion: z.string().nullable().optional(),
    app: checkApp,
  }),
  repository: repositorySchema,
});

export const statusPayloadSchema = z.object({
  sha: z.string(),
  context: z.string(),
  state: z.enum(["pending", "success", "failure", "error"]),
  description: z.string().nullable().optional(),
  target_url: z.string().nullable().optional(),
  repository: repositorySchema,
});

const reviewer = z.object({ login: z.string(), type: z.string().optional() }).nullable();

export const reviewPayloadSchema = z.object({
  review: z.object({ id: z.number(), state: z.string(), body: z.string().nullable().optional(), user: reviewer }),
  pull_request: z.object({ number: z.number() }),
  repository: repositorySchema,
});

export const reviewCommentPayloadSchema = z.object({
  comment: z.object({
    id: z.number(),
    body: z.string(),
    path: z.string().optional(),
    line: z.number().nullable().optional(),
    user: reviewer,
  }),
  pull_request: z.object({ number: z.number() }),
  repository: repositorySchema,
});

// Only pushes to the repository's default branch are forwarded: the code index follows that
// branch. A push of a tag, to another branch (a run's) or deleting a branch stops here.
export const pushPayloadSchema = z
  .object({
    ref: z.string(),
    after: z.string(),
    deleted: z.boolean().optional(),
    repository: repositorySchema.extend({ default_branch: z.string() }),
  })
  .refine((push) => push.ref === `refs/heads/${push.repository.default_branch}` && push.deleted !== true, {
    message: "a push to another ref than the default branch",
  });

export type IssuePayload = z.infer<typeof issueSchema>;
export type Sender = z.infer<typeof senderSchema>;
export type InstallationPayload = z.infer<typeof installationSchema>;
