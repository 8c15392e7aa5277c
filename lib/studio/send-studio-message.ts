import type { Database } from "@/db/client";
import { insertStudioMessages, touchStudioSession } from "@/db/queries/studio";
import { inngest } from "@/lib/inngest/client";
import { studioMessageSent } from "@/lib/inngest/events";
import { AppError } from "@/lib/platform/errors";
import { editableSession } from "@/lib/studio/editable-session";
import { publishStudioEvent } from "@/lib/studio/publish-studio-event";

/** Records a person's instruction and hands it to the agent (`studio/message.sent`); 202, the steps follow live. */
export async function sendStudioMessage({
  db,
  sessionId,
  text,
}: {
  db: Database;
  sessionId: string;
  text: string;
}): Promise<{ messageId: string }> {
  const { session } = await editableSession({ db, sessionId });
  const [message] = await insertStudioMessages({
    db,
    values: [{ sessionId, role: "user", content: { type: "text", text } }],
  });
  await touchStudioSession({ db, id: sessionId });
  try {
    await inngest.send(studioMessageSent.create({ sessionId, projectId: session.projectId, requestId: message!.id }));
  } catch {
    throw new AppError(
      "unavailable:pipeline",
      "The pipeline engine is not reachable; the instruction waits unanswered",
    );
  }
  await publishStudioEvent(session, "studio.message", {
    id: message!.id,
    role: "user",
    requestId: message!.id,
    content: message!.content,
    createdAt: message!.createdAt.toISOString(),
  });
  return { messageId: message!.id };
}
