import type { Database } from "@/db/client";
import { getProjectSecretNames } from "@/db/queries/project-secrets";
import { getRunById } from "@/db/queries/runs";
import { type AgentMessageValues, appendAgentMessages } from "@/db/queries/transcripts";
import type { AgentMessagePurpose } from "@/db/schema";
import { promptMessages, stepMessages } from "@/lib/agents/record-transcript-messages";
import type { TranscriptStep } from "@/lib/agents/transcript";
import { logger } from "@/lib/platform/logger";
import { getProjectSecretValues } from "@/lib/secrets";

/** Where the planner and the coder report what they said and did, as it happens. */
export type TranscriptRecorder = {
  prompt(input: { instructions: string; prompt: string }): void;
  step(step: TranscriptStep): void;
  /** Resolves when everything reported so far is written (or has failed to be). */
  flush(): Promise<void>;
};

/**
 * A recorder writing to agent_messages for one (run, purpose, attempt). Writes run in the
 * order reported, off the model's path: a failed write is logged and never fails the run.
 * Everything is redacted with the project's secret values first; when those cannot be
 * read, nothing is recorded rather than risk showing a secret.
 */
export function recordTranscript({
  db,
  runId,
  purpose,
  attempt = 0,
  redact,
}: {
  db: Database;
  runId: string;
  purpose: AgentMessagePurpose;
  attempt?: number;
  /** Values to redact; read from the project's secrets when not given. */
  redact?: string[];
}): TranscriptRecorder {
  let secrets: Promise<string[] | null> | null = null;
  const redactions = () =>
    (secrets ??= redact
      ? Promise.resolve(redact)
      : (async () => {
          const run = await getRunById({ db, id: runId });
          if (!run) return null;
          // No secrets, nothing to redact: and no need for the encryption key to say so.
          if ((await getProjectSecretNames({ db, projectId: run.projectId })).length === 0) return [];
          return Object.values(await getProjectSecretValues({ db, projectId: run.projectId }));
        })().catch((error: unknown) => {
          logger.warn(
            { err: error, runId },
            "the transcript is not recorded: the project's secrets could not be read to redact it",
          );
          return null;
        }));

  let chain: Promise<void> = Promise.resolve();
  const write = (build: (redact: string[]) => AgentMessageValues[]) => {
    chain = chain.then(async () => {
      try {
        const values = await redactions();
        if (!values) return;
        await appendAgentMessages({ db, runId, purpose, attempt, messages: build(values) });
      } catch (error) {
        logger.warn({ err: error, runId, purpose, attempt }, "could not record the agent's transcript");
      }
    });
  };

  return {
    prompt: (input) => write((values) => promptMessages(input, values)),
    step: (step) => write((values) => stepMessages(step, values)),
    flush: () => chain,
  };
}
