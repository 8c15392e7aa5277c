"use client";
import BuildRounded from "@mui/icons-material/BuildRounded";
import ExpandMoreRounded from "@mui/icons-material/ExpandMoreRounded";
import Accordion from "@mui/material/Accordion";
import AccordionDetails from "@mui/material/AccordionDetails";
import AccordionSummary from "@mui/material/AccordionSummary";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { AgentMessage } from "@/db/schema";
import { ToolCallDetails } from "./tool-call-details";

/** A one-line hint of what the call did: its path, command or pattern. */
function hint(input: unknown): string {
  if (!input || typeof input !== "object") return "";
  const record = input as Record<string, unknown>;
  for (const key of ["command", "path", "pattern", "query"]) {
    if (typeof record[key] === "string") return String(record[key]).split("\n")[0]!.slice(0, 120);
  }
  return "";
}

/** One tool call with its result, collapsed to its name and a hint until opened. */
export function ToolCallItem({ message }: { message: AgentMessage }) {
  const failed = Boolean(message.toolError);
  const pending = !failed && message.toolOutput === null;
  return (
    <Accordion
      disableGutters
      variant="outlined"
      data-testid="transcript-tool-call"
      data-tool={message.toolName ?? ""}
      slotProps={{ transition: { unmountOnExit: true }, heading: { component: "h4" } }}
    >
      <AccordionSummary expandIcon={<ExpandMoreRounded />}>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center", minWidth: 0, overflow: "hidden" }}>
          <BuildRounded fontSize="small" color="action" aria-hidden />
          <Typography variant="body2" sx={{ fontFamily: "monospace", fontWeight: 600, flexShrink: 0 }}>
            {message.toolName}
          </Typography>
          <Typography variant="body2" color="text.secondary" noWrap sx={{ fontFamily: "monospace", minWidth: 0 }}>
            {hint(message.toolInput)}
          </Typography>
          {failed && <Chip size="small" color="error" label="error" />}
          {pending && <Chip size="small" label="no result" />}
        </Stack>
      </AccordionSummary>
      <AccordionDetails>
        <ToolCallDetails message={message} />
      </AccordionDetails>
    </Accordion>
  );
}
