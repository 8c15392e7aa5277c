"use client";
import ExpandMoreRounded from "@mui/icons-material/ExpandMoreRounded";
import Accordion from "@mui/material/Accordion";
import AccordionDetails from "@mui/material/AccordionDetails";
import AccordionSummary from "@mui/material/AccordionSummary";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { AgentMessage } from "@/db/schema";
import { CodeBlock } from "./code-block";
import { ToolCallItem } from "./tool-call-item";

type Group = { key: string; title: string; messages: AgentMessage[] };

function groups(messages: AgentMessage[]): Group[] {
  const byKey = new Map<string, Group>();
  for (const message of messages) {
    const key = `${message.purpose}:${message.attempt}`;
    let group = byKey.get(key);
    if (!group) {
      const title =
        message.purpose === "plan"
          ? "Planning"
          : message.purpose === "code"
            ? message.attempt > 100
              ? `Coding, best-of-N candidate ${message.attempt - 100}`
              : `Coding, attempt ${message.attempt}`
            : `Judging, attempt ${message.attempt}`;
      group = { key, title, messages: [] };
      byKey.set(key, group);
    }
    group.messages.push(message);
  }
  return [...byKey.values()];
}

function parseObject(text: string): object | null {
  if (!text.trimStart().startsWith("{")) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? value : null;
  } catch {
    return null;
  }
}

function Message({ message }: { message: AgentMessage }) {
  if (message.role === "tool") return <ToolCallItem message={message} />;
  if (message.role === "assistant") {
    // Structured answers (the planner's plan) arrive as JSON text: shown indented.
    const structured = parseObject(message.content);
    if (structured) return <CodeBlock testId="transcript-text">{JSON.stringify(structured, null, 2)}</CodeBlock>;
    return (
      <Typography
        variant="body2"
        sx={{
          whiteSpace: "pre-wrap",
          wordBreak: "break-word",
          borderLeft: 3,
          borderColor: "primary.main",
          pl: 1.5,
          py: 0.5,
        }}
        data-testid="transcript-text"
      >
        {message.content}
      </Typography>
    );
  }
  return (
    <Accordion
      disableGutters
      variant="outlined"
      slotProps={{ transition: { unmountOnExit: true }, heading: { component: "h4" } }}
    >
      <AccordionSummary expandIcon={<ExpandMoreRounded />}>
        <Typography variant="body2" color="text.secondary">
          {message.role === "system" ? "Instructions" : "Prompt"} ({message.content.length.toLocaleString("en")}{" "}
          characters)
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <CodeBlock>{message.content}</CodeBlock>
      </AccordionDetails>
    </Accordion>
  );
}

/** What the planner and the coding agent said and did, per attempt; tool calls open to show input and result. */
export function TranscriptView({ messages }: { messages: AgentMessage[] }) {
  const all = groups(messages);
  return (
    <Card component="section" aria-labelledby="transcript-title">
      <CardContent>
        <Typography id="transcript-title" variant="h2" gutterBottom>
          Agent transcript
        </Typography>
        {all.length === 0 && (
          <Typography color="text.secondary">Nothing yet: the transcript appears as the agent works.</Typography>
        )}
        <Stack spacing={1} data-testid="transcript">
          {all.map((group, index) => (
            <Accordion
              key={group.key}
              defaultExpanded={index === all.length - 1}
              data-testid="transcript-group"
              slotProps={{ heading: { component: "h3" } }}
            >
              <AccordionSummary expandIcon={<ExpandMoreRounded />}>
                <Typography variant="subtitle2" component="span">
                  {group.title} · {group.messages.filter((message) => message.role === "tool").length} tool calls
                </Typography>
              </AccordionSummary>
              <AccordionDetails sx={{ px: { xs: 1, sm: 2 } }}>
                <Stack spacing={1}>
                  {group.messages.map((message) => (
                    <Message key={message.id} message={message} />
                  ))}
                </Stack>
              </AccordionDetails>
            </Accordion>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}
