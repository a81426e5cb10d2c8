/**
 * What people paste into git besides files: commit messages and annotated tag messages. A commit
 * or tag object is a block of header lines, a blank line, then the message; the headers name
 * the tree, parents, author and tagger, which the recovery pass also reads (see recover.ts).
 */

/** The message of a raw commit or tag object: everything after the first blank line. */
export function messageOf(bytes: Buffer): Buffer {
  const at = bytes.indexOf("\n\n");
  return at === -1 ? bytes.subarray(bytes.length) : bytes.subarray(at + 2);
}

/** The header lines of a raw commit or tag object, by name (repeated ones, such as parent, in order). */
export function headersOf(bytes: Buffer): Map<string, string[]> {
  const end = bytes.indexOf("\n\n");
  const out = new Map<string, string[]>();
  for (const line of bytes.toString("utf8", 0, end === -1 ? bytes.length : end).split("\n")) {
    if (line.startsWith(" ")) continue; // a continued header (a signature)
    const space = line.indexOf(" ");
    if (space === -1) continue;
    const name = line.slice(0, space);
    const list = out.get(name);
    if (list) list.push(line.slice(space + 1));
    else out.set(name, [line.slice(space + 1)]);
  }
  return out;
}

/** A person line (`Name <email> 1700000000 +0100`) as a name and an ISO date. */
export function personOf(line: string | undefined): { name: string; date: string } {
  const m = /^(.*?) <[^>]*> (\d+) ([+-])(\d\d)(\d\d)$/.exec(line ?? "");
  if (!m) return { name: line ?? "", date: "" };
  const offset = (m[3] === "-" ? -1 : 1) * (Number(m[4]) * 60 + Number(m[5]));
  const local = new Date((Number(m[2]) + offset * 60) * 1000).toISOString().slice(0, 19);
  return { name: m[1]!, date: `${local}${m[3]}${m[4]}:${m[5]}` };
}
