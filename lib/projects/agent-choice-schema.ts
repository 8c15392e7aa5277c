import { z } from "zod";
import { type AgentChoice, agentBackendIds } from "@/db/schema";

// A secret's name as project secrets allow it (lib/secrets): the variable it becomes.
const secretName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, "a project secret's name, e.g. OPENAI_API_KEY");

/** The coding agent of a project or a run: backend, model, endpoint, and the secret holding its key. */
export const agentChoiceSchema = z
  .object({
    backend: z.enum(agentBackendIds),
    model: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[\w.:/@-]+$/, "a model name: letters, digits and . : / @ - _")
      .nullish(),
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullish(),
    apiKeySecret: secretName.nullish(),
  })
  .strict() satisfies z.ZodType<AgentChoice>;

/** Best-of-N: 1 to 4 attempts in parallel, with the same or different agents. */
export const agentCandidatesSchema = z.array(agentChoiceSchema).min(1).max(4);
