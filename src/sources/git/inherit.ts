/**
 * The findings of every version of a file, whole: a version matched only around its change
 * (delta.ts) has its own findings in that window, and its predecessor's above the window and in
 * the unchanged tail (moved down by the lines the change added). Versions are resolved in the
 * order they were read, so a predecessor is always complete before its successor.
 */
import type { Finding } from "../../types.js";
import type { BlobInfo } from "./history.js";

/** A finding of the predecessor as it stands in this version. */
function moved(f: Finding, line: number): Finding {
  return line === f.line ? f : { ...f, line };
}

/** The findings of one cut version, in the order of its text. */
function whole(info: BlobInfo, own: Finding[], base: Finding[]): Finding[] {
  const cut = info.cut!;
  const shift = cut.tail - cut.baseTail;
  const out: Finding[] = [];
  for (const f of base) if (f.line < cut.top) out.push(f);
  for (const f of own) if (f.line < cut.tail) out.push(f);
  for (const f of base) if (f.line >= cut.baseTail) out.push(moved(f, f.line + shift));
  return out;
}

/** Each blob with findings, and its findings whole (own and carried over), in reading order. */
export function* versionFindings(
  blobs: Map<string, BlobInfo>,
  own: Map<string, Finding[]>,
): Generator<[BlobInfo, Finding[]]> {
  const resolved = new Map<string, Finding[]>();
  for (const info of blobs.values()) {
    const mine = own.get(info.sha);
    const base = info.cut && resolved.get(info.cut.base.sha);
    if (!mine && !base) continue;
    const found = info.cut ? whole(info, mine ?? [], base ?? []) : mine!;
    if (!found.length) continue;
    resolved.set(info.sha, found);
    yield [info, found];
  }
}
