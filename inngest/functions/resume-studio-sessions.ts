import { getDb } from "@/db";
import { getLiveStudioSessions } from "@/db/queries/studio";
import { inngest } from "@/lib/inngest/client";
import { studioResumeRequested } from "@/lib/inngest/events";
import { watchStudioSession } from "@/lib/studio/watch-studio-session";

// When the app starts: every live session gets its dev server back in this process (its
// branch holds every commit), or is torn down if it sat idle past the timeout meanwhile.
export const resumeStudioSessions = inngest.createFunction(
  { id: "resume-studio-sessions", triggers: [studioResumeRequested], retries: 1 },
  async ({ step }) => {
    const ids = await step.run("list-live-sessions", async () =>
      (await getLiveStudioSessions({ db: getDb() })).map((session) => session.id),
    );
    const outcomes: { sessionId: string; status: string }[] = [];
    for (const sessionId of ids) {
      const watched = await step.run(`resume-${sessionId}`, () => watchStudioSession({ db: getDb(), sessionId }));
      outcomes.push({ sessionId, status: watched.status });
    }
    return { resumed: outcomes };
  },
);
