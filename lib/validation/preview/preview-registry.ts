// The previews this process runs, by preview id. A preview's processes belong to the
// process that ran the validation step; other processes stop it by marking its row
// stopped (the owner's watcher sees that), this process also directly.

export type LivePreview = { id: string; runId: string; stop: (reason: string) => Promise<void> };

const live = new Map<string, LivePreview>();

export const previewRegistry = {
  add: (preview: LivePreview) => void live.set(preview.id, preview),
  remove: (id: string) => void live.delete(id),
  get: (id: string) => live.get(id),
  forRun: (runId: string) => [...live.values()].filter((preview) => preview.runId === runId),
  all: () => [...live.values()],
};
