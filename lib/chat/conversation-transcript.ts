import type { ChatMessage } from "@/db/schema";

const MAX_CHARS = 15_000;

/** The words of a conversation (what the person and the assistant wrote, not tool results), oldest first, cut to a budget from the start. */
export function conversationTranscript(messages: readonly Pick<ChatMessage, "role" | "parts">[]): string {
  const lines = messages
    .map((message) => {
      const text = message.parts
        .filter((part) => part.type === "text" && typeof part.text === "string")
        .map((part) => part.text as string)
        .join("\n")
        .trim();
      return text ? `${message.role === "user" ? "Person" : "Assistant"}: ${text}` : "";
    })
    .filter(Boolean);
  let transcript = lines.join("\n\n");
  // The newest words matter most: a long conversation loses its beginning.
  if (transcript.length > MAX_CHARS) transcript = `[...]\n${transcript.slice(-MAX_CHARS)}`;
  return transcript;
}
