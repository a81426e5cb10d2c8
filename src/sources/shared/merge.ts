/**
 * At most `n` item streams at once, merged: the organization sources run one stream per
 * repository (clone, then read its history), so while one repository is being matched the next
 * ones are already cloning and walking. Each stream's items come out in its own order, and a
 * stream is asked for its next item only once its last one was taken (an item may be a lazy body
 * the reader must consume first). Starting streams lazily keeps a listing of thousands bounded.
 */

type Pulled<T> = { slot: Slot<T>; r: IteratorResult<T> };
interface Slot<T> {
  gen: AsyncGenerator<T>;
  next: Promise<Pulled<T>>;
}

/** Merges the streams `jobs` starts, `n` at a time; `return()` ends every running stream (their `finally` runs). */
export async function* mergeBounded<T>(
  jobs: AsyncIterable<() => AsyncGenerator<T>>,
  n: number,
): AsyncGenerator<T> {
  const listing = jobs[Symbol.asyncIterator]();
  const active = new Set<Slot<T>>();
  const pull = (slot: Slot<T>) => {
    slot.next = slot.gen.next().then((r) => ({ slot, r }));
    // a rejection is taken by the race below; this only keeps it from being called unhandled meanwhile
    slot.next.catch(() => {});
  };
  let more = true;
  const fill = async () => {
    while (more && active.size < n) {
      const job = await listing.next();
      if (job.done) more = false;
      else {
        const slot = { gen: job.value() } as Slot<T>;
        pull(slot);
        active.add(slot);
      }
    }
  };
  try {
    await fill();
    while (active.size) {
      const { slot, r } = await Promise.race([...active].map((s) => s.next));
      if (r.done) {
        active.delete(slot);
        await fill();
        continue;
      }
      yield r.value;
      pull(slot);
    }
  } finally {
    // a stream with a pending next() finishes that step first, then returns (its finally cleans up)
    await Promise.allSettled([...active].map((s) => s.gen.return(undefined)));
    await listing.return?.();
  }
}
