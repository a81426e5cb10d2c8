/** Abort signals of HTTP calls, linked with plain listeners, and a sleep they cut short. */

/** The signals that stop a call: the mode's, the caller's, the Request's. */
export type Signals = readonly (AbortSignal | null | undefined)[];

/** Waits `ms`, or less when a signal aborts. */
export function sleep(ms: number, signals: Signals): Promise<void> {
  const ctl = new AbortController();
  const unlink = follow(ctl, signals);
  return new Promise<void>((resolve) => {
    const end = () => {
      clearTimeout(t);
      unlink();
      resolve();
    };
    const t = setTimeout(end, ms);
    if (ctl.signal.aborted) end();
    else ctl.signal.addEventListener("abort", end, { once: true });
  });
}

/**
 * Aborts `ctl` when any of the signals aborts; returns the unlinking function. (Plain listeners,
 * not AbortSignal.any: a composite signal nobody else holds may be collected before it fires.)
 */
export function follow(ctl: AbortController, signals: Signals): () => void {
  const links: [AbortSignal, () => void][] = [];
  for (const s of signals) {
    if (!s) continue;
    if (s.aborted) ctl.abort(s.reason);
    const on = () => ctl.abort(s.reason);
    s.addEventListener("abort", on, { once: true });
    links.push([s, on]);
  }
  return () => {
    for (const [s, on] of links) s.removeEventListener("abort", on);
  };
}

/**
 * The promise, or a rejection with the signal's reason as soon as it aborts: a timeout must end a
 * read even when the transport does not notice the abort itself.
 */
export function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    // the abandoned operation still settles (a fetch rejects with AbortError): not an unhandled rejection
    p.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const on = () => reject(signal.reason);
    signal.addEventListener("abort", on, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", on));
  });
}
