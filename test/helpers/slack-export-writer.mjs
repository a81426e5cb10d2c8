// Writes fake-Slack workspace data as a standard Slack export (folder or zip): channels.json,
// groups.json, mpims.json, dms.json, users.json and one folder of YYYY-MM-DD.json per conversation.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeZip } from "./zip-writer.mjs";

const META = {
  public_channel: "channels.json",
  private_channel: "groups.json",
  mpim: "mpims.json",
  im: "dms.json",
};

/** The export's files as {relative path: JSON text}, generated one channel at a time. */
export function* exportFiles(data) {
  for (const [type, file] of Object.entries(META)) {
    const list = data.channels.filter((c) => (c.type ?? "public_channel") === type);
    yield [file, JSON.stringify(list.map(({ type: _t, ...c }) => c))];
  }
  yield ["users.json", JSON.stringify([{ id: "U1", name: "ann" }])];
  for (const c of data.channels) {
    const folder = c.type === "im" ? c.id : c.name;
    const byDay = new Map();
    for (const m of data.messages(c.id) ?? []) {
      const day = new Date(Number(m.ts) * 1000).toISOString().slice(0, 10);
      if (!byDay.has(day)) byDay.set(day, []);
      byDay.get(day).push(m);
    }
    for (const [day, msgs] of byDay)
      yield [`${folder}/${day}.json`, JSON.stringify(msgs, null, 2).replaceAll("/", "\\/")];
  }
}

/** Writes the export as a folder. */
export function writeSlackExportDir(data, dir) {
  for (const [rel, text] of exportFiles(data)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
}

/** Writes the export as a zip. */
export function writeSlackExportZip(data, file) {
  writeZip(file, Object.fromEntries(exportFiles(data)));
}
