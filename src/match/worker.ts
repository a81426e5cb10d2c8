/** A matching worker: builds the engine from workerData and answers {id, text, path} with matches. */
import { parentPort, workerData } from "node:worker_threads";
import { createMatchEngine, type MatchEngineConfig } from "./index.js";

const engine = createMatchEngine(workerData as MatchEngineConfig);
parentPort?.on("message", (msg: { id: number; text: string; path?: string }) => {
  try {
    parentPort?.postMessage({ id: msg.id, matches: engine.find(msg.text, msg.path) });
  } catch (err) {
    parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
