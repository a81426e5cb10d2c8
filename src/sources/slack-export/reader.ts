/**
 * Reads the files of a Slack export, from a folder or straight from the zip (yauzl, no
 * extraction): a listing of relative paths, then one file at a time, each size-capped so a zip
 * bomb or a runaway file is an error item and not an out-of-memory.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import yauzl from "yauzl";

/** Largest export file read (a day of one channel, or a metadata file). */
export const EXPORT_FILE_CAP = 64 << 20;

/** A folder or zip of export files. */
export interface ExportReader {
  /** Relative paths with `/` separators. */
  files: string[];
  read(file: string): Promise<string>;
  close(): void;
}

/** Files every Slack export holds at its top (`dms.json` and `mpims.json` only with DMs). */
const EXPORT_MARKERS = ["channels.json", "users.json", "groups.json", "dms.json", "mpims.json"];

/**
 * Whether the files look like a Slack export at all: a metadata file, or a day file
 * (`CHANNEL/YYYY-MM-DD.json`). An unrelated folder or zip is then an error, not a clean run.
 */
export function holdsExport(files: readonly string[]): boolean {
  return files.some((f) => EXPORT_MARKERS.includes(f) || /^[^/]+\/\d{4}-\d{2}-\d{2}\.json$/.test(f));
}

/** Opens a folder or a zip as an export. */
export async function openExport(where: string): Promise<ExportReader> {
  const st = await stat(where);
  return st.isDirectory() ? openFolder(where) : openZip(where);
}

async function openFolder(root: string): Promise<ExportReader> {
  const files: string[] = [];
  for (const top of await readdir(root, { withFileTypes: true })) {
    if (top.isFile() && top.name.endsWith(".json")) files.push(top.name);
    else if (top.isDirectory()) {
      for (const f of await readdir(path.join(root, top.name), { withFileTypes: true }))
        if (f.isFile() && f.name.endsWith(".json")) files.push(`${top.name}/${f.name}`);
    }
  }
  return {
    files,
    async read(file) {
      const full = path.join(root, file);
      if ((await stat(full)).size > EXPORT_FILE_CAP) throw new Error(`larger than ${EXPORT_FILE_CAP} bytes`);
      return readFile(full, "utf8");
    },
    close() {},
  };
}

function openZipFile(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    ),
  );
}

async function openZip(file: string): Promise<ExportReader> {
  const zip = await openZipFile(file);
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (e: yauzl.Entry) => {
      // exports made by unzipping and re-zipping sometimes wrap everything in one folder
      if (!e.fileName.endsWith("/") && e.fileName.endsWith(".json")) entries.set(e.fileName, e);
      zip.readEntry();
    });
    zip.on("end", () => resolve());
    zip.on("error", reject);
    zip.readEntry();
  });
  const prefix = commonPrefix([...entries.keys()]);
  const files = [...entries.keys()].map((k) => k.slice(prefix.length));
  return {
    files,
    read: (f) => readEntry(zip, entries.get(prefix + f)!),
    close: () => zip.close(),
  };
}

/** A leading folder every entry shares when no metadata file sits at the top. */
function commonPrefix(names: string[]): string {
  if (names.some((n) => !n.includes("/") || /^[^/]+\.json$/.test(n))) return "";
  const first = names[0]?.split("/")[0];
  if (!first || !names.every((n) => n.startsWith(`${first}/`))) return "";
  const rest = names.map((n) => n.slice(first.length + 1));
  return rest.some((n) => !n.includes("/")) ? `${first}/` : "";
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  if (entry.uncompressedSize > EXPORT_FILE_CAP)
    return Promise.reject(new Error(`larger than ${EXPORT_FILE_CAP} bytes uncompressed`));
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      const parts: Buffer[] = [];
      let n = 0;
      stream.on("data", (b: Buffer) => {
        n += b.length;
        if (n > EXPORT_FILE_CAP)
          stream.destroy(new Error(`larger than ${EXPORT_FILE_CAP} bytes uncompressed`));
        else parts.push(b);
      });
      stream.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
      stream.on("error", reject);
    }),
  );
}
