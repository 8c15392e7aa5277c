import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Chip from "@mui/material/Chip";
import Divider from "@mui/material/Divider";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";
import { CodeBlock } from "@/components/transcript/code-block";
import type { Validation } from "@/db/schema";
import { AcceptanceList } from "./acceptance-list";
import { artifactUrl, BrowserCheckList } from "./browser-check-list";
import { CommandResultItem } from "./command-result-item";

const statusColor = {
  passed: "success",
  failed: "error",
  error: "error",
  cancelled: "default",
  running: "info",
  pending: "default",
} as const;

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

/** One attempt's validation: commands with their output, browser checks, acceptance verdicts, logs. */
function AttemptValidation({ runId, validation, latest }: { runId: string; validation: Validation; latest: boolean }) {
  const commands = [
    ...validation.setup.map((result) => ({ kind: "setup" as const, result })),
    ...validation.tests.map((result) => ({ kind: "test" as const, result })),
  ];
  const firstFailure = commands.findIndex(({ result }) => result.exitCode !== 0);
  const logs = validation.artifacts.filter((artifact) => artifact.kind === "log");
  return (
    <Stack spacing={1.5} data-testid="validation" data-attempt={validation.attempt} data-status={validation.status}>
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }} useFlexGap>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          Attempt {validation.attempt}
        </Typography>
        <Chip size="small" label={validation.status} color={statusColor[validation.status]} />
        {validation.headSha && (
          <Typography variant="caption" color="text.secondary" sx={{ fontFamily: "monospace" }}>
            {validation.headSha.slice(0, 10)}
          </Typography>
        )}
        {validation.setupCacheHit && <Chip size="small" variant="outlined" label="setup cached" />}
      </Stack>
      {validation.summary && <CodeBlock maxHeight={240}>{validation.summary}</CodeBlock>}
      {commands.length > 0 && (
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

/** Validation per attempt, newest first. */
export function ValidationList({ runId, validations }: { runId: string; validations: Validation[] }) {
  const newestFirst = [...validations].sort((a, b) => b.attempt - a.attempt);
  return (
    <Card component="section" aria-labelledby="validation-title">
      <CardContent>
        <Typography id="validation-title" variant="h2" gutterBottom>
          Validation
        </Typography>
        {validations.length === 0 && <Typography color="text.secondary">No attempt has been validated yet.</Typography>}
        <Stack spacing={2} divider={<Divider flexItem />}>
          {newestFirst.map((validation, index) => (
            <AttemptValidation key={validation.id} runId={runId} validation={validation} latest={index === 0} />
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}
