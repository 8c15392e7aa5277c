// In-process mutual exclusion per key (a mirror directory, a repository path, a run). The map
// lives on globalThis because the custom server and the bundled route handlers load
// separate copies of this module in one process.
const key = Symbol.for("mergeline.keyed-locks");
const holder = globalThis as typeof globalThis & { [key]?: Map<string, Promise<void>> };
const tails = (holder[key] ??= new Map());

/** Runs `task` after every earlier task with the same key has settled. */
export async function withKeyedLock<T>(lockKey: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(lockKey) ?? Promise.resolve();
  let release!: () => void;
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  // The chained promise never rejects, so a failed task never breaks the queue.
  const tail = previous.then(() => done);
  tails.set(lockKey, tail);
  await previous;
  try {
    return await task();
  } finally {
    release();
    if (tails.get(lockKey) === tail) tails.delete(lockKey);
  }
}
