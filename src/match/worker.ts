/**
 * A matching worker: builds the engine from workerData and answers {id, text, path} with matches,
 * and {id, files, opts} (a batch of files to read and match) with one result per file.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { SyncReadOptions } from "../content/file-sync.js";
import { type FileJob, runFileJobs } from "./file-job.js";
import { createMatchEngine, type MatchEngineConfig } from "./index.js";

interface Job {
  id: number;
  text?: string;
  path?: string;
  files?: FileJob[];
  opts?: SyncReadOptions;
}

const engine = createMatchEngine(workerData as MatchEngineConfig);
parentPort?.on("message", (msg: Job) => {
  try {
    if (msg.files) parentPort?.postMessage({ id: msg.id, files: runFileJobs(engine, msg.files, msg.opts!) });
    else parentPort?.postMessage({ id: msg.id, matches: engine.find(msg.text ?? "", msg.path) });
  } catch (err) {
    parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
