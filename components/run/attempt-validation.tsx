import Chip from "@mui/material/Chip";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";
import type { Validation } from "@/db/schema";
import { AcceptanceList } from "./acceptance-list";
import { artifactUrl, BrowserCheckList } from "./browser-check-list";
import { CommandResultItem } from "./command-result-item";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle2" component="h4">
        {title}
      </Typography>
      {children}
    </Stack>
  );
}

/**
 * One attempt's validation as structured results: each command with what its output says
 * (the first failure of the newest attempt opened), browser checks, acceptance verdicts, logs.
 */
export function AttemptValidation({
  runId,
  validation,
  latest,
}: {
  runId: string;
  validation: Validation;
  latest: boolean;
}) {
  const commands = [
    ...validation.setup.map((result) => ({ kind: "setup" as const, result })),
    ...validation.tests.map((result) => ({ kind: "test" as const, result })),
  ];
  const firstFailure = commands.findIndex(({ result }) => result.exitCode !== 0);
  const logs = validation.artifacts.filter((artifact) => artifact.kind === "log");
  return (
    <Stack spacing={1.5} data-testid="validation" data-attempt={validation.attempt} data-status={validation.status}>
      {(validation.headSha || validation.setupCacheHit) && (
        <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }} useFlexGap>
          {validation.headSha && (
            <Typography variant="caption" color="text.secondary" sx={{ fontFamily: "monospace" }}>
              at {validation.headSha.slice(0, 10)}
            </Typography>
          )}
          {validation.setupCacheHit && (
            <Chip size="small" variant="outlined" label="setup restored from cache" title={validation.setupCacheHit} />
          )}
        </Stack>
      )}
      {commands.length > 0 ? (
        <Section title="Commands">
          {commands.map(({ kind, result }, index) => (
            <CommandResultItem
              key={index}
              kind={kind}
              result={result}
              defaultExpanded={latest && index === firstFailure}
            />
          ))}
        </Section>
      ) : (
        validation.status !== "running" &&
        validation.status !== "pending" && (
          <Typography variant="body2" color="text.secondary">
            No setup or test commands are configured for this project.
          </Typography>
        )
      )}
      {validation.browserChecks.length > 0 && (
        <Section title="Browser checks">
          <BrowserCheckList runId={runId} attempt={validation.attempt} checks={validation.browserChecks} />
        </Section>
      )}
      {validation.acceptance.length > 0 && (
        <Section title="Acceptance checks">
          <AcceptanceList results={validation.acceptance} />
        </Section>
      )}
      {logs.length > 0 && (
        <Section title="Logs">
          <Stack direction="row" spacing={1.5} sx={{ flexWrap: "wrap" }} useFlexGap>
            {logs.map((artifact) => (
              <Link
                key={artifact.name}
                href={artifactUrl(runId, validation.attempt, artifact.name)}
                target="_blank"
                rel="noreferrer"
                variant="body2"
              >
                {artifact.name}
              </Link>
            ))}
          </Stack>
        </Section>
      )}
    </Stack>
  );
}
