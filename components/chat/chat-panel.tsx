"use client";
import AddRounded from "@mui/icons-material/AddRounded";
import Button from "@mui/material/Button";
import MenuItem from "@mui/material/MenuItem";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import type { UIMessage } from "ai";
import { useState, useTransition } from "react";
import type { ServerAction } from "@/components/server-action";
import { ChatConversation, type StartRunFromChatAction } from "./chat-conversation";
import { newConversationId } from "./new-conversation-id";

export type ConversationSummary = { id: string; title: string; runId: string | null };
export type LoadConversationAction = ServerAction<
  { projectId: string; conversationId: string },
  { messages: UIMessage[]; runId: string | null }
>;

/**
 * "Chat with a project": a person's conversations about the project's code, runs and pull
 * requests (their own; others' are never shown). Answers stream in; "Do it" turns the
 * conversation into a run.
 */
export function ChatPanel({
  projectId,
  commit,
  modelLabel,
  conversations,
  canStartRun,
  loadConversationAction,
  startRunAction,
}: {
  projectId: string;
  /** The indexed commit: file citations open the file at it. */
  commit: string | null;
  modelLabel: string;
  conversations: ConversationSummary[];
  canStartRun: boolean;
  loadConversationAction: LoadConversationAction;
  startRunAction: StartRunFromChatAction;
}) {
  const [current, setCurrent] = useState<{ id: string; messages: UIMessage[]; runId: string | null }>(() => ({
    id: newConversationId(),
    messages: [],
    runId: null,
  }));
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const open = (conversationId: string) =>
    startTransition(async () => {
      const result = await loadConversationAction({ projectId, conversationId });
      if (!result.ok) return setError(result.error);
      setError(null);
      setCurrent({ id: conversationId, messages: result.messages, runId: result.runId });
    });

  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 3 }} component="section" aria-labelledby="chat-title">
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", mb: 1.5, flexWrap: "wrap", rowGap: 1 }}>
        <Typography variant="h2" id="chat-title" sx={{ flexGrow: 1 }}>
          Ask about this project
        </Typography>
        {conversations.length > 0 && (
          <TextField
            select
            size="small"
            label="Conversation"
            value={conversations.some((c) => c.id === current.id) ? current.id : ""}
            onChange={(event) => open(event.target.value)}
            disabled={pending}
            sx={{ minWidth: 220, maxWidth: 320 }}
          >
            {conversations.map((conversation) => (
              <MenuItem key={conversation.id} value={conversation.id}>
                {conversation.title}
              </MenuItem>
            ))}
          </TextField>
        )}
        <Button
          size="small"
          startIcon={<AddRounded />}
          onClick={() => setCurrent({ id: newConversationId(), messages: [], runId: null })}
        >
          New conversation
        </Button>
      </Stack>
      <Typography variant="caption" color="text.secondary" sx={{ display: "block", mb: 1 }}>
        Answers by {modelLabel}, from the code index, the files and the project's runs. Only you see your conversations.
      </Typography>
      {error && (
        <Typography color="error" variant="body2" role="alert">
          {error}
        </Typography>
      )}
      <ChatConversation
        key={current.id}
        projectId={projectId}
        conversationId={current.id}
        initialMessages={current.messages}
        initialRunId={current.runId}
        commit={commit}
        canStartRun={canStartRun}
        startRunAction={startRunAction}
      />
    </Paper>
  );
}
