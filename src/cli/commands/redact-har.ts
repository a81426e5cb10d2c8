/**
 * Redacting a HAR one entry at a time (json-elements.ts), so a capture of any size is rewritten
 * in memory bounded by its largest entry (issue 16: parsing a 238 MB HAR whole took 2.5 GB). An
 * entry with a copy is parsed, redacted (base64 bodies decoded and re-encoded: redact-write.ts)
 * and written back as JSON; every other entry and the text between entries are copied as they
 * were, through the same replacer as a log in case a copy sits outside the entries.
 */
import { createReadStream } from "node:fs";
import { arrayElements } from "../../content/json-elements.js";
import { fileWriter, redactHar, StreamRedactor } from "./redact-write.js";

const ENTRIES = ["log", "entries"] as const;

/** The text of a file in pieces of 1 MiB. */
async function* pieces(file: string): AsyncGenerator<string> {
  for await (const p of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 }))
    yield p as string;
}

/** True when the file is JSON with a log.entries array (read as a stream, stopping at the first entry). */
export async function hasHarEntries(file: string): Promise<boolean> {
  const elements = arrayElements(pieces(file), ENTRIES);
  try {
    const first = await elements.next();
    await elements.return({ found: true, count: 0 });
    return !first.done || first.value.found;
  } catch {
    return false;
  }
}

/** Streams the HAR `input` to `output` with every copy redacted; resolves to the number replaced. */
export async function redactHarFile(
  input: string,
  output: string,
  re: RegExp,
  longest: number,
): Promise<number> {
  const out = fileWriter(output);
  const between = new StreamRedactor(re, longest);
  const n = between.n;
  let pending = "";
  const elements = arrayElements(pieces(input), ENTRIES, (text) => {
    pending += between.push(text);
  });
  try {
    for await (const el of elements) {
      // the text before this entry is complete: nothing held back can run into the entry
      const before = pending + between.end();
      pending = "";
      const was = n.count;
      const entry = redactHar(JSON.parse(el.text), re, n);
      await out.write(before + (n.count > was ? JSON.stringify(entry) : el.text));
    }
    await out.write(pending + between.end());
  } finally {
    await out.close();
  }
  return n.count;
}
