import BuildOutlined from "@mui/icons-material/BuildOutlined";
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import type { UIMessage } from "ai";
import { CitedText } from "./cited-text";

const toolSummary = (input: unknown) => {
  if (!input || typeof input !== "object") return "";
  const values = Object.values(input as Record<string, unknown>).filter(
    (value) => typeof value === "string" || typeof value === "number",
  );
  return values.join(", ").slice(0, 80);
};

/** One message of a chat: the person's, or the assistant's text (citations linked) and the tools it used. */
export function ChatMessageView({
  message,
  projectId,
  commit,
}: {
  message: UIMessage;
  projectId: string;
  commit: string | null;
}) {
  const mine = message.role === "user";
  return (
    <Box
      data-testid={mine ? "chat-question" : "chat-answer"}
      sx={{
        alignSelf: mine ? "flex-end" : "stretch",
        maxWidth: mine ? "85%" : "100%",
        bgcolor: mine ? "action.selected" : "transparent",
        borderRadius: 2,
        px: mine ? 1.5 : 0,
        py: mine ? 1 : 0,
      }}
    >
      <Stack spacing={1}>
        {message.parts.map((part, index) => {
          const key = `${message.id}-${index}`;
          if (part.type === "text")
            return (
              <Typography
                key={key}
                variant="body2"
                component="div"
                sx={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
              >
                <CitedText text={part.text} projectId={projectId} commit={commit} />
              </Typography>
            );
          if (part.type.startsWith("tool-") && "input" in part) {
            const name = part.type.slice("tool-".length);
            const summary = toolSummary(part.input);
            return (
              <Tooltip key={key} title={JSON.stringify(part.input)}>
                <Chip
                  size="small"
                  variant="outlined"
                  icon={<BuildOutlined />}
                  label={`${name}${summary ? `: ${summary}` : ""}`}
                  sx={{ alignSelf: "flex-start", maxWidth: "100%" }}
                />
              </Tooltip>
            );
          }
          return null;
        })}
      </Stack>
    </Box>
  );
}
