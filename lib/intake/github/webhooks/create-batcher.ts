/**
 * Coalesces concurrent calls into batches without waiting on a timer: a call flushes at
 * once (next tick) while fewer than `concurrency` flushes are under way; calls that arrive
 * while all are busy go together in the next one. Under load, one database statement or
 * one engine request carries many webhooks; alone, a webhook pays nothing extra. `flush`
 * returns one result per item, in order; if it throws, every caller of that batch gets
 * the error.
 */
export function createBatcher<Item, Result>(
  flush: (items: Item[]) => Promise<Result[]>,
  { maxBatch = 200, concurrency = 1 }: { maxBatch?: number; concurrency?: number } = {},
) {
  type Entry = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void };
  let pending: Entry[] = [];
  let running = 0;
  let scheduled = false;

  const flushOne = async () => {
    const batch = pending.slice(0, maxBatch);
    pending = pending.slice(batch.length);
    try {
      const results = await flush(batch.map((entry) => entry.item));
      for (const [index, entry] of batch.entries()) entry.resolve(results[index] as Result);
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  };
  const pump = () => {
    scheduled = false;
    while (pending.length > 0 && running < concurrency) {
      running++;
      void flushOne().finally(() => {
        running--;
        pump();
      });
    }
  };

  return (item: Item): Promise<Result> =>
    new Promise<Result>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (!scheduled && running < concurrency) {
        scheduled = true;
        setImmediate(pump);
      }
    });
}
