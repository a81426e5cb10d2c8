/**
 * Downloads of CI logs and artifacts to a temporary file under the HTTP policy, with a size cap:
 * a zip is then read in place by the content layer (never held in memory), and the file is
 * removed as soon as its item was read.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileBytes } from "../../content/text.js";
import type { ByteItem, Provenance } from "../../types.js";
import type { FetchFn } from "./http.js";
import { HttpProblem, statusReason } from "./http-problem.js";

/** Where a download landed, and how to remove it. */
export interface Downloaded {
  file: string;
  size: number;
  remove(): Promise<void>;
}

/**
 * GETs `url` (following redirects; fetch drops the credentials on a redirect to another host)
 * into a temporary file of at most `cap` bytes. A bigger answer is a "too-large" HttpProblem, an
 * error status an HttpProblem naming it and `system`.
 */
export async function downloadToFile(
  get: FetchFn,
  url: string,
  headers: Record<string, string>,
  opts: { cap: number; system: string; name: string },
): Promise<Downloaded> {
  const res = await get(url, { headers, redirect: "follow" });
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new HttpProblem("status", statusReason(res.status, opts.system), res.status);
  }
  const dir = await mkdtemp(path.join(tmpdir(), "residue-dl-"));
  const file = path.join(dir, opts.name.replace(/[^\w.-]+/g, "_") || "download");
  const remove = () => rm(dir, { recursive: true, force: true });
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > opts.cap)
        done(new HttpProblem("too-large", `larger than the ${opts.cap >> 20} MiB download cap`, res.status));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(res.body as never), count, createWriteStream(file));
  } catch (err) {
    await remove();
    throw err;
  }
  return { file, size, remove };
}

/** What a downloaded item is and what to do when it cannot be had. */
export interface DownloadSpec {
  url: string;
  headers: Record<string, string>;
  cap: number;
  system: string;
  provenance: Provenance & { path: string };
  /** Read it as a build log (CI noise stripped). */
  log?: boolean;
  /** Statuses that mean the content is gone (expired, deleted): skipped, not an error. */
  gone: number[];
  skip(): void;
  error(err: unknown): void;
}

/** Downloads one file as an item, read in place by the content layer and removed afterwards. */
export async function* downloadedItem(get: FetchFn, d: DownloadSpec): AsyncGenerator<ByteItem> {
  let got: Downloaded;
  try {
    got = await downloadToFile(get, d.url, d.headers, {
      cap: d.cap,
      system: d.system,
      name: d.provenance.path.split("/").pop()!,
    });
  } catch (err) {
    if (d.gone.includes((err as { status?: number }).status ?? -1)) d.skip();
    else d.error(err);
    return;
  }
  try {
    yield {
      id: d.provenance.path,
      name: d.provenance.path,
      provenance: d.provenance,
      file: got.file,
      size: got.size,
      bytes: () => fileBytes(got.file),
      transient: true,
      ...(d.log && { as: "log" as const }),
    };
  } finally {
    await got.remove();
  }
}
