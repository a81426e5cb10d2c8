/** `residue manifest add | list | remove`: keyed fingerprints of known-compromised secrets. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type Command, Option } from "commander";
import { UsageError } from "../../errors.js";
import {
  addToManifest,
  listEntries,
  type ManifestEntryInfo,
  removeFromManifest,
} from "../../manifest/index.js";
import { readSecretInputs, type SecretInputFormat } from "../../manifest/input.js";
import { TIERS, type Tier } from "../../manifest/schema.js";
import type { CliIO } from "../io.js";
import { addKeyFileOption, keyFileOf } from "../options/key.js";
import type { RegisterCommand } from "./types.js";

const DEFAULT_MANIFEST = "residue.manifest.json";
const FORMATS = ["lines", "dotenv", "json", "k8s", "file"];

async function readStdin(io: CliIO): Promise<string> {
  if (!io.stdin) throw new UsageError("manifest add: no standard input; pipe secrets in or use --from FILE");
  const parts: Buffer[] = [];
  for await (const b of io.stdin as AsyncIterable<Buffer | string>) parts.push(Buffer.from(b));
  return Buffer.concat(parts).toString("utf8");
}

async function add(io: CliIO, opts: Record<string, string | undefined>): Promise<void> {
  const file = path.resolve(io.cwd, opts.manifest ?? DEFAULT_MANIFEST);
  const text = opts.from ? await readFrom(path.resolve(io.cwd, opts.from)) : await readStdin(io);
  const read = readSecretInputs(text, {
    input: opts.input as SecretInputFormat | undefined,
    filename: opts.from,
  });
  if (!read.length) throw new UsageError(`manifest add: no secrets in ${opts.from ?? "standard input"}`);
  const r = await addToManifest(file, read, {
    env: io.env,
    keyFile: keyFileOf(opts, io.cwd),
    ...(opts.id !== undefined && { idPrefix: opts.id }),
    ...(opts.label !== undefined && { label: opts.label }),
    tier: (opts.tier as Tier | undefined) ?? "standard",
  });
  const shown = path.relative(io.cwd, file) || file;
  if (!r.added.length && r.refused.length && !r.warnings.length)
    throw new UsageError(`manifest add: nothing added to ${shown}: refused ${r.refused.join("; ")}`);
  for (const w of r.refused) io.stderr.write(`residue: refused: ${w}\n`);
  for (const w of r.warnings) io.stderr.write(`residue: warning: ${w}\n`);
  io.stdout.write(
    r.added.length
      ? `added ${r.added.length} secret${r.added.length === 1 ? "" : "s"} to ${shown}: ${idList(r.added)}\n`
      : `nothing added to ${shown}\n`,
  );
  if (r.keyFile)
    io.stdout.write(
      `new key for ${shown}: ${r.keyFile} (scans find it there; keep it apart from the manifest: together they are as sensitive as the secrets)\n`,
    );
}

/** The ids added, the first 20 of them when there are more. */
function idList(ids: string[]): string {
  const shown = ids.slice(0, 20).join(", ");
  return ids.length > 20 ? `${shown} and ${ids.length - 20} more` : shown;
}

async function readFrom(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    throw new UsageError(
      `manifest add: --from ${file}: cannot read (${(err as NodeJS.ErrnoException).code})`,
    );
  }
}

/** One table row of an entry. */
function row(e: ManifestEntryInfo): string[] {
  return [e.id, e.tier, String(e.length), e.addedAt.slice(0, 19).replace("T", " "), e.label ?? ""];
}

/** Writes to stdout, waiting when a stream asks to (a million rows into a slow pipe stay bounded). */
async function write(io: CliIO, text: string): Promise<void> {
  const out = io.stdout as { write(t: string): unknown; once?(event: string, fn: () => void): unknown };
  if (out.write(text) === false && out.once)
    await new Promise<void>((resolve) => out.once!("drain", resolve));
}

/** Rows to stdout in blocks of 64 KB. */
function blocks(io: CliIO) {
  let buf = "";
  return {
    add: async (text: string) => {
      buf += text;
      if (buf.length > 1 << 16) {
        await write(io, buf);
        buf = "";
      }
    },
    end: (text: string) => write(io, buf + text),
  };
}

/**
 * Lists the entries, streamed: JSON one entry at a time, the table in two passes (column widths,
 * then rows), so a manifest of any size lists in bounded memory.
 */
async function list(io: CliIO, opts: Record<string, unknown>): Promise<void> {
  const file = path.resolve(io.cwd, (opts.manifest as string | undefined) ?? DEFAULT_MANIFEST);
  const out = blocks(io);
  if (opts.json) {
    let n = 0;
    for await (const e of listEntries(file)) await out.add(`${n++ ? ",\n" : "[\n"}  ${JSON.stringify(e)}`);
    return out.end(n ? "\n]\n" : "[]\n");
  }
  const head = ["ID", "TIER", "LENGTH", "ADDED", "LABEL"];
  const widths = head.map((h) => h.length);
  let count = 0;
  for await (const e of listEntries(file)) {
    count++;
    row(e).forEach((v, c) => {
      widths[c] = Math.max(widths[c]!, v.length);
    });
  }
  const line = (r: string[]) =>
    `${r
      .map((v, c) => v.padEnd(widths[c]!))
      .join("  ")
      .trimEnd()}\n`;
  await out.add(line(head));
  for await (const e of listEntries(file)) await out.add(line(row(e)));
  await out.end(`${count} secret${count === 1 ? "" : "s"}\n`);
}

export const registerManifest: RegisterCommand = (program, io) => {
  const cmd: Command = program
    .command("manifest")
    .description("fingerprint known-compromised secrets (keyed hashes only, never plaintext)");
  const addCmd = cmd
    .command("add")
    .description(
      "add secrets: one per line on stdin, or --from FILE (lines, dotenv, JSON, Kubernetes Secret, PEM)",
    )
    .option("-m, --manifest <file>", "manifest file", DEFAULT_MANIFEST)
    .option("--from <file>", "read secrets from this file instead of stdin")
    .addOption(new Option("--input <format>", "input format (default: detected)").choices(FORMATS))
    .option("--id <id>", "entry id (a single secret), or prefix of generated ids")
    .option("--label <text>", "free-text label")
    .addOption(new Option("--tier <tier>", "how sensitive").choices([...TIERS]).default("standard"));
  addKeyFileOption(addCmd).action((opts: Record<string, string | undefined>) => add(io, opts));
  cmd
    .command("list")
    .description("list entries: ids, labels, tiers, lengths, dates")
    .option("-m, --manifest <file>", "manifest file", DEFAULT_MANIFEST)
    .option("--json", "print JSON")
    .action((opts: Record<string, unknown>) => list(io, opts));
  cmd
    .command("remove")
    .description("remove entries by id")
    .argument("<ids...>", "entry ids")
    .option("-m, --manifest <file>", "manifest file", DEFAULT_MANIFEST)
    .action(async (ids: string[], opts: Record<string, string | undefined>) => {
      const file = path.resolve(io.cwd, opts.manifest ?? DEFAULT_MANIFEST);
      const { removed } = await removeFromManifest(file, ids);
      io.stdout.write(`removed ${removed.join(", ")} from ${path.relative(io.cwd, file) || file}\n`);
    });
};
