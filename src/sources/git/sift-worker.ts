/**
 * The sift's second reader (sift.ts): builds the known-secret test from the manifests it is
 * given, reads the ids it is sent (null: no more) through its own git process, and posts what
 * it found.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Manifest } from "../../manifest/index.js";
import { knownFilter } from "../../match/known-filter.js";
import { IdQueue } from "./cat-file.js";
import type { Posted } from "./sift.js";
import { emptySift } from "./sift-check.js";
import { siftIds } from "./sift-read.js";

const { dir, manifests } = workerData as { dir: string; manifests: Manifest[] };
const ids = new IdQueue();
parentPort?.on("message", (sent: string[] | null) => {
  if (!sent) ids.close();
  else for (const id of sent) ids.push(id);
});
const test = knownFilter(manifests);
const out = emptySift();
const read = test !== undefined && (await siftIds(dir, ids, test, out));
const posted: Posted = read
  ? { keep: [...out.keep], seen: [...out.seen], gitlinks: out.gitlinks, read: out.read }
  : null;
parentPort?.postMessage(posted);
