import { z } from "zod";
import { notificationEventTypes, runStates, TEST_NOTIFICATION_EVENT } from "@/db/schema";

// The body of every notification, as webhooks receive it (Standard Webhooks' convention:
// type, timestamp, data) and as Slack and email render it. Documented in the OpenAPI
// document's `webhooks` section. Fields are added, never renamed or removed.

const projectSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  repository: z.string().describe("owner/name on GitHub; a path on the server for local projects"),
  provider: z.enum(["local", "github"]),
});

const runSchema = z.object({
  id: z.uuid(),
  goal: z.string().describe("The run's goal, its first line, at most 200 characters"),
  state: z.enum(runStates),
  previousState: z.enum(runStates).nullable(),
  reason: z.string().nullable().describe("Why the run is in this state, when it says (failed, needs_human)"),
  attempt: z.number().int(),
  costUsd: z.number(),
  url: z.url().describe("The run's page in the dashboard"),
  createdAt: z.iso.datetime(),
});

const pullRequestSchema = z.object({ number: z.number().int(), title: z.string(), url: z.string().nullable() });

const validationSchema = z.object({
  attempt: z.number().int(),
  status: z.enum(["passed", "failed", "cancelled"]),
  failingTests: z.array(z.string()).describe("Names of the failing tests (at most 20)"),
  summary: z.string().describe("The validation's summary, at most 2,000 characters"),
});

export const notificationPayloadSchema = z.object({
  type: z.enum([...notificationEventTypes, TEST_NOTIFICATION_EVENT]),
  timestamp: z.iso.datetime().describe("When the event happened"),
  data: z.object({
    team: z.object({ id: z.uuid() }),
    project: projectSchema.nullable().describe("Null for a test notification"),
    run: runSchema.nullable().describe("Null for a test notification"),
    pullRequest: pullRequestSchema.nullable(),
    validation: validationSchema.nullable().describe("Set for validation.failed"),
    message: z.string().describe("One line for people, as Slack and email show it"),
  }),
});

export type NotificationPayload = z.infer<typeof notificationPayloadSchema>;
