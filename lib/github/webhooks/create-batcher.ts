/**
 * Coalesces concurrent calls into batches without waiting on a timer: the first call
 * flushes at once (next tick), and calls that arrive while a flush is under way go
 * together in the next one. Under load, one database statement or one engine request
 * carries many webhooks; alone, a webhook pays nothing extra. `flush` returns one result
 * per item, in order; if it throws, every caller of that batch gets the error.
 */
export function createBatcher<Item, Result>(flush: (items: Item[]) => Promise<Result[]>, { maxBatch = 200 }: { maxBatch?: number } = {}) {
  type Entry = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void };
  let pending: Entry[] = [];
  let running = false;

  const drain = async () => {
    running = true;
    while (pending.length > 0) {
      const batch = pending.slice(0, maxBatch);
      pending = pending.slice(batch.length);
      try {
        const results = await flush(batch.map((entry) => entry.item));
        batch.forEach((entry, index) => entry.resolve(results[index] as Result));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    running = false;
  };

  return (item: Item): Promise<Result> =>
    new Promise<Result>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (!running) {
        running = true;
        setImmediate(() => void drain());
      }
    });
}
