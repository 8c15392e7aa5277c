import { instanceCommands } from "@/lib/instances/instance-commands";

// The previews this process runs, by preview id. A preview's processes belong to the
// process that ran the validation step; another instance stops them through the command
// channel ("preview.stop", sent by stopRunPreviews) or by marking the row stopped (the
// owner's watcher sees that).

export type LivePreview = {
  id: string;
  runId: string;
  /** When its row was made (the database's clock), to compare with a command's sentAt. */
  startedAt: Date;
  stop: (reason: string) => Promise<void>;
};

const live = new Map<string, LivePreview>();

let listening = false;
function listenForStops(): void {
  if (listening) return;
  listening = true;
  void instanceCommands.handle("preview.stop", async ({ target, data, sentAt }) => {
    // Only previews that existed when the stop was sent: one caught up on after a reconnect
    // must not stop a preview started since.
    const stopping = [...live.values()].filter(
      (preview) => preview.runId === target && preview.id !== data.exceptId && preview.startedAt <= sentAt,
    );
    await Promise.all(stopping.map((preview) => preview.stop(data.reason)));
  });
}

export const previewRegistry = {
  add: (preview: LivePreview) => {
    listenForStops();
    live.set(preview.id, preview);
  },
  remove: (id: string) => void live.delete(id),
  get: (id: string) => live.get(id),
  forRun: (runId: string) => [...live.values()].filter((preview) => preview.runId === runId),
  all: () => [...live.values()],
};
