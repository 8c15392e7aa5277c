import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { studioSessionRequested, studioStopRequested } from "@/lib/inngest/events";
import { bringUpStudioSession } from "@/lib/studio/bring-up-studio-session";
import { studioSettings } from "@/lib/studio/studio-settings";
import { watchStudioSession } from "@/lib/studio/watch-studio-session";

// Wake-ups per function run; past them the session goes on in a new run of this function
// (the same event again), so a long session never nears Inngest's limit of steps per run.
const MAX_WAKES = 200;
const LIVE = ["starting", "running", "restarting"];

/** How long to sleep between looks: a quarter of the idle timeout, at most 15 minutes, at least a second. */
function wakeEvery(idleMs: number): string {
  return `${Math.max(1, Math.round(Math.min(idleMs / 4, 15 * 60_000) / 1000))}s`;
}

// A studio session, durable: brings the app up, then wakes on a stop (or every few
// minutes) to tear down a session that ended or sat idle past MERGELINE_STUDIO_TIMEOUT_HOURS,
// and to bring the dev server back in a Mergeline that restarted. The dev server's health
// checks and restarts happen in the owning process (supervise-dev-server.ts), every few seconds.
export const runStudioSession = inngest.createFunction(
  {
    id: "run-studio-session",
    triggers: [studioSessionRequested],
    concurrency: [{ limit: 1, key: "event.data.sessionId" }],
    retries: 2,
  },
  async ({ event, step }) => {
    const { sessionId, projectId } = event.data;
    const db = () => getDb();
    const started = await step.run("bring-up", () => bringUpStudioSession({ db: db(), sessionId }));
    if (!LIVE.includes(started.status)) return { sessionId, status: started.status };
    const every = wakeEvery(studioSettings().idleMs);
    for (let wake = 0; wake < MAX_WAKES; wake++) {
      await step.waitForEvent(`wait-${wake}`, {
        event: studioStopRequested,
        timeout: every,
        if: "async.data.sessionId == event.data.sessionId",
      });
      const watched = await step.run(`watch-${wake}`, () => watchStudioSession({ db: db(), sessionId }));
      if (watched.ended) return { sessionId, status: watched.status };
    }
    await step.sendEvent("continue", studioSessionRequested.create({ sessionId, projectId }));
    return { sessionId, status: "continued" };
  },
);
