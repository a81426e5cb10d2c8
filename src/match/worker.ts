/**
 * A matching worker: builds the engine from workerData and answers {id, text, path} with matches,
 * {id, files, opts} (a batch of files to read and match) with one result per file, and {id, blobs,
 * opts} (a batch of history blobs, read by this thread's own cat-file) with one result per blob.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { SyncReadOptions } from "../content/file-sync.js";
import { type BlobJob, BlobReaders, runBlobJobs } from "../sources/git/blob-job.js";
import { type FileJob, runFileJobs } from "./file-job.js";
import { createMatchEngine, type MatchEngineConfig } from "./index.js";

interface Job {
  id: number;
  text?: string;
  path?: string;
  files?: FileJob[];
  blobs?: BlobJob[];
  opts?: SyncReadOptions;
}

const engine = createMatchEngine(workerData as MatchEngineConfig);
const readers = new BlobReaders();
const fail = (id: number, err: unknown) =>
  parentPort?.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
parentPort?.on("message", (msg: Job) => {
  try {
    if (msg.blobs)
      runBlobJobs(engine, msg.blobs, msg.opts!, readers).then(
        (files) => parentPort?.postMessage({ id: msg.id, files }),
        (err: unknown) => fail(msg.id, err),
      );
    else if (msg.files)
      parentPort?.postMessage({ id: msg.id, files: runFileJobs(engine, msg.files, msg.opts!) });
    else parentPort?.postMessage({ id: msg.id, matches: engine.find(msg.text ?? "", msg.path) });
  } catch (err) {
    fail(msg.id, err);
  }
});
