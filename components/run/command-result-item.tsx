import ExpandMoreRounded from "@mui/icons-material/ExpandMoreRounded";
import Accordion from "@mui/material/Accordion";
import AccordionDetails from "@mui/material/AccordionDetails";
import AccordionSummary from "@mui/material/AccordionSummary";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { CodeBlock } from "@/components/transcript/code-block";
import type { CommandResult } from "@/db/schema";

function outcome(result: CommandResult): { label: string; color: "success" | "error" | "warning" } {
  if (result.timedOut) return { label: "timed out", color: "warning" };
  if (result.exitCode === 0) return { label: "exit 0", color: "success" };
  if (result.exitCode === null)
    return { label: result.signal ? `killed (${result.signal})` : "did not finish", color: "error" };
  return { label: `exit ${result.exitCode}`, color: "error" };
}

/** A validation command, collapsed to its outcome; open to read its output. */
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
          <Typography variant="body2" sx={{ fontFamily: "monospace", wordBreak: "break-all" }}>
            {result.command}
          </Typography>
          <Chip size="small" color={color} label={label} />
          <Typography variant="caption" color="text.secondary">
            {(result.durationMs / 1000).toFixed(1)} s
          </Typography>
        </Stack>
      </AccordionSummary>
      <AccordionDetails>
        <CodeBlock testId="command-output">{result.output || "(no output)"}</CodeBlock>
      </AccordionDetails>
    </Accordion>
  );
}
