import { z } from "zod";

// The fields of GitHub's webhook payloads that Mergeline reads, checked loosely: GitHub
// adds fields all the time, and a payload without what a handler needs is ignored.

export const senderSchema = z.looseObject({ login: z.string(), id: z.number(), type: z.string().optional() });
export const repositorySchema = z.looseObject({ id: z.number(), full_name: z.string(), private: z.boolean().optional(), default_branch: z.string().optional() });
const installationRepositorySchema = z.looseObject({ id: z.number(), full_name: z.string(), private: z.boolean().optional() });

export const installationSchema = z.looseObject({
  id: z.number(),
  account: z.looseObject({ login: z.string(), id: z.number(), type: z.string().optional() }).nullable(),
  repository_selection: z.string().optional(),
  suspended_at: z.string().nullable().optional(),
});

export const installationPayloadSchema = z.looseObject({
  installation: installationSchema,
  repositories: z.array(installationRepositorySchema).optional(),
  sender: senderSchema,
});

export const installationRepositoriesPayloadSchema = z.looseObject({
  installation: installationSchema,
  repository_selection: z.string().optional(),
  repositories_added: z.array(installationRepositorySchema).default([]),
  repositories_removed: z.array(installationRepositorySchema).default([]),
  sender: senderSchema,
});

const issueSchema = z.looseObject({
  id: z.number(),
  number: z.number(),
  title: z.string(),
  body: z.string().nullable().optional(),
  html_url: z.string().optional(),
  state: z.string().optional(),
  user: z.looseObject({ login: z.string() }).nullable().optional(),
  labels: z.array(z.union([z.string(), z.looseObject({ name: z.string() })])).optional(),
  pull_request: z.unknown().optional(),
});

export const issueLabeledPayloadSchema = z.looseObject({
  issue: issueSchema,
  label: z.looseObject({ name: z.string() }),
  repository: repositorySchema,
  sender: senderSchema,
});

export const issueCommentPayloadSchema = z.looseObject({
  issue: issueSchema,
  comment: z.looseObject({ id: z.number(), body: z.string().nullable(), user: z.looseObject({ login: z.string(), id: z.number(), type: z.string().optional() }).nullable() }),
  repository: repositorySchema,
  sender: senderSchema,
});

export const pullRequestClosedPayloadSchema = z.looseObject({
  pull_request: z.looseObject({
    number: z.number(),
    merged: z.boolean().nullable().optional(),
    merge_commit_sha: z.string().nullable().optional(),
    merged_by: z.looseObject({ login: z.string(), type: z.string().optional() }).nullable().optional(),
    head: z.looseObject({ sha: z.string() }).optional(),
  }),
  repository: repositorySchema,
  sender: senderSchema,
});

export type IssuePayload = z.infer<typeof issueSchema>;
export type Sender = z.infer<typeof senderSchema>;
export type InstallationPayload = z.infer<typeof installationSchema>;
