import ExpandMoreRounded from "@mui/icons-material/ExpandMoreRounded";
import Accordion from "@mui/material/Accordion";
import AccordionDetails from "@mui/material/AccordionDetails";
import AccordionSummary from "@mui/material/AccordionSummary";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { CodeBlock } from "@/components/transcript/code-block";
import type { CommandResult } from "@/db/schema";
import { CommandEvidenceView } from "./command-evidence-view";
import { formatDuration } from "./format-duration";
import { testCounts } from "./test-counts";

function outcome(result: CommandResult): { label: string; color: "success" | "error" | "warning" } {
  if (result.timedOut) return { label: "timed out", color: "warning" };
  if (result.exitCode === 0) return { label: "passed", color: "success" };
  if (result.exitCode === null)
    return { label: result.signal ? `killed (${result.signal})` : "did not finish", color: "error" };
  return { label: `failed, exit ${result.exitCode}`, color: "error" };
}

/**
 * A validation command: its outcome, duration and test counts at a glance; opened, what its
 * output says (failing tests, problems) and then the output itself.
 */
export function CommandResultItem({
  kind,
  result,
  defaultExpanded = false,
}: {
  kind: "setup" | "test";
  result: CommandResult;
  defaultExpanded?: boolean;
}) {
  const { label, color } = outcome(result);
  const counts = result.evidence ? testCounts(result.evidence) : null;
  return (
    <Accordion
      disableGutters
      variant="outlined"
      defaultExpanded={defaultExpanded}
      data-testid="validation-command"
      data-exit-code={result.exitCode ?? ""}
      slotProps={{ heading: { component: "h4" } }}
    >
      <AccordionSummary expandIcon={<ExpandMoreRounded />}>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center", minWidth: 0, flexWrap: "wrap" }} useFlexGap>
          <Typography variant="caption" color="text.secondary">
            {kind}
          </Typography>
          <Typography variant="body2" sx={{ fontFamily: "monospace", overflowWrap: "anywhere" }}>
            {result.command}
          </Typography>
          <Chip size="small" color={color} label={label} />
          {counts && (
            <Typography variant="caption" data-testid="command-counts">
              {counts}
            </Typography>
          )}
          <Typography variant="caption" color="text.secondary">
            {formatDuration(result.durationMs)}
          </Typography>
        </Stack>
      </AccordionSummary>
      <AccordionDetails>
        <Stack spacing={1.5}>
          {result.evidence && <CommandEvidenceView evidence={result.evidence} failed={result.exitCode !== 0} />}
          <Typography variant="caption" color="text.secondary" component="h5">
            Output
          </Typography>
          <CodeBlock testId="command-output">{result.output || "(no output)"}</CodeBlock>
        </Stack>
      </AccordionDetails>
    </Accordion>
  );
}
