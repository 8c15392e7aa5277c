"use client";
import { useChat } from "@ai-sdk/react";
import PlayArrowRounded from "@mui/icons-material/PlayArrowRounded";
import SendRounded from "@mui/icons-material/SendRounded";
import StopRounded from "@mui/icons-material/StopRounded";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { DefaultChatTransport, type UIMessage } from "ai";
import NextLink from "next/link";
import { type FormEvent, useMemo, useState, useTransition } from "react";
import type { ServerAction } from "@/components/server-action";
import { ChatMessageView } from "./chat-message-view";

export type StartRunFromChatAction = ServerAction<
  { projectId: string; conversationId: string; goal: string },
  { runId: string }
>;

const lastQuestion = (messages: UIMessage[]) =>
  [...messages]
    .reverse()
    .find((message) => message.role === "user")
    ?.parts.flatMap((part) => (part.type === "text" ? [part.text] : []))
    .join("\n") ?? "";

/** One conversation: its messages, the box to ask, and "Do it". */
export function ChatConversation({
  projectId,
  conversationId,
  initialMessages,
  initialRunId,
  commit,
  canStartRun,
  startRunAction,
}: {
  projectId: string;
  conversationId: string;
  initialMessages: UIMessage[];
  initialRunId: string | null;
  commit: string | null;
  canStartRun: boolean;
  startRunAction: StartRunFromChatAction;
}) {
  // Only the new message goes to the server, which keeps the conversation itself.
  const transport = useMemo(
    () =>
      new DefaultChatTransport<UIMessage>({
        api: `/api/projects/${projectId}/chat`,
        prepareSendMessagesRequest: ({ id, messages }) => ({
          body: { conversationId: id, message: messages.at(-1) },
        }),
      }),
    [projectId],
  );
  const { messages, sendMessage, status, stop, error } = useChat({
    id: conversationId,
    messages: initialMessages,
    transport,
  });
  const [input, setInput] = useState("");
  const [runId, setRunId] = useState(initialRunId);
  const [goal, setGoal] = useState<string | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const [starting, startTransition] = useTransition();
  const busy = status === "submitted" || status === "streaming";

  const ask = (event: FormEvent) => {
    event.preventDefault();
    const text = input.trim();
    if (!text || busy) return;
    setInput("");
    void sendMessage({ text });
  };
  const doIt = () =>
    startTransition(async () => {
      const result = await startRunAction({ projectId, conversationId, goal: goal ?? "" });
      if (!result.ok) return setRunError(result.error);
      setRunId(result.runId);
      setGoal(null);
    });

  return (
    <Stack spacing={1.5}>
      <Stack spacing={1.5} aria-live="polite" data-testid="chat-messages">
        {messages.map((message) => (
          <ChatMessageView key={message.id} message={message} projectId={projectId} commit={commit} />
        ))}
      </Stack>
      {error && <Alert severity="error">{error.message}</Alert>}
      {runId && (
        <Alert severity="success">
          This conversation became a run:{" "}
          <Link component={NextLink} href={`/runs/${runId}`}>
            open it
          </Link>
        </Alert>
      )}
      <Stack component="form" direction="row" spacing={1} onSubmit={ask} sx={{ alignItems: "flex-start" }}>
        <TextField
          label="Ask about the code, its runs and pull requests"
          value={input}
          onChange={(event) => setInput(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey) ask(event);
          }}
          multiline
          maxRows={6}
          size="small"
          fullWidth
          slotProps={{ htmlInput: { maxLength: 8000 } }}
        />
        {busy ? (
          <Button onClick={() => void stop()} startIcon={<StopRounded />} variant="outlined">
            Stop
          </Button>
        ) : (
          <Button type="submit" startIcon={<SendRounded />} variant="contained" disabled={!input.trim()}>
            Ask
          </Button>
        )}
        {canStartRun && messages.length > 0 && !busy && (
          <Button startIcon={<PlayArrowRounded />} onClick={() => setGoal(lastQuestion(messages).slice(0, 2000))}>
            Do it
          </Button>
        )}
      </Stack>
      <Dialog open={goal !== null} onClose={() => setGoal(null)} fullWidth maxWidth="sm" aria-labelledby="do-it-title">
        <DialogTitle id="do-it-title">Start a run from this conversation</DialogTitle>
        <DialogContent>
          <TextField
            label="Goal"
            value={goal ?? ""}
            onChange={(event) => setGoal(event.target.value)}
            multiline
            minRows={3}
            fullWidth
            margin="dense"
            helperText="The conversation goes with it: the planner and the coding agent read it."
            error={runError !== null}
          />
          {runError && <Alert severity="error">{runError}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setGoal(null)}>Cancel</Button>
          <Button variant="contained" onClick={doIt} disabled={starting || (goal ?? "").trim().length < 3}>
            Start the run
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
