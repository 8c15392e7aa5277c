"use client";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useState, useTransition } from "react";
import type { StudioActions, StudioView } from "./types";

function describe(message: StudioView["messages"][number]): string {
  const content = message.content;
  if (content.type === "text" || content.type === "status") return content.text;
  if (content.type === "tool-call") return `${content.toolName} ${JSON.stringify(content.input).slice(0, 300)}`;
  return `${content.toolName} → ${JSON.stringify(content.output).slice(0, 300)}`;
}

/** The conversation with the agent: the person's instructions and every step the agent took. */
export function StudioChat({
  sessionId,
  messages,
  canWrite,
  live,
  send,
}: {
  sessionId: string;
  messages: StudioView["messages"];
  canWrite: boolean;
  live: boolean;
  send: StudioActions["send"];
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = () =>
    startTransition(async () => {
      const result = await send({ sessionId, text });
      if (result.ok) setText("");
      setError(result.ok ? null : result.error);
    });
  return (
    <Paper variant="outlined" sx={{ p: 1.5, display: "flex", flexDirection: "column", gap: 1 }}>
      <Typography variant="h2">Chat</Typography>
      <Box component="ol" sx={{ listStyle: "none", p: 0, m: 0, maxHeight: 360, overflowY: "auto" }} aria-label="Chat">
        {messages.length === 0 && <Typography color="text.secondary">Ask the agent for a change.</Typography>}
        {messages.map((message) => (
          <Box
            component="li"
            key={message.id}
            data-role={message.role}
            sx={{
              py: 0.5,
              fontFamily: message.role === "tool" ? "monospace" : undefined,
              fontSize: message.role === "tool" ? 12 : 14,
              color: message.role === "tool" ? "text.secondary" : "text.primary",
              fontWeight: message.role === "user" ? 600 : 400,
              whiteSpace: "pre-wrap",
              wordBreak: "break-word",
            }}
          >
            {describe(message)}
          </Box>
        ))}
      </Box>
      {canWrite && live && (
        <Box
          component="form"
          sx={{ display: "flex", gap: 1, alignItems: "flex-start" }}
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <TextField
            label="Instruction"
            value={text}
            onChange={(event) => setText(event.target.value)}
            size="small"
            fullWidth
            multiline
            maxRows={4}
          />
          <Button type="submit" variant="contained" disabled={pending || !text.trim()}>
            Send
          </Button>
        </Box>
      )}
      {error && <Alert severity="error">{error}</Alert>}
    </Paper>
  );
}
