/**
 * The Redis connection of the sweep queue (BullMQ over ioredis). A server that is not there when
 * a sweep or worker starts is one line and exit status 2; once started, a lost connection is
 * retried without end (maxRetriesPerRequest: null), so the sweep resumes when Redis returns.
 */
import { Redis } from "ioredis";
import { ResidueError, reasonOf } from "../errors.js";
import { maskUrls } from "../mask-url.js";

/** The queue cannot be reached or used. Exit status 2. */
export class QueueError extends ResidueError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("queue", message, options);
  }
}

/** The default BullMQ queue name. */
export const QUEUE_NAME = "residue-sweep";

/** Checks a redis:// URL and that the server answers; QueueError with one line otherwise. */
export async function checkRedis(url: string): Promise<void> {
  if (!/^rediss?:\/\//i.test(url))
    throw new QueueError(`--queue: expected redis://HOST:PORT, got "${maskUrls(url)}"`);
  const probe = new Redis(url, {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    connectTimeout: 5000,
  });
  probe.on("error", () => {});
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw new QueueError(`${maskUrls(url)}: cannot reach Redis: ${reasonOf(err) || "connection refused"}`, {
      cause: err,
    });
  } finally {
    probe.disconnect();
  }
}

/** A connection for BullMQ that retries while Redis is away. */
export function redisConnection(url: string): Redis {
  const conn = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
  conn.on("error", () => {}); // reconnects on its own; an unhandled error event would crash
  return conn;
}
