/** `residue manifest add | list | remove`: keyed fingerprints of known-compromised secrets. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type Command, Option } from "commander";
import { UsageError } from "../../errors.js";
import { addToManifest, listManifest, removeFromManifest } from "../../manifest/index.js";
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
  const inputs = read.map((i) => ({
    ...i,
    ...(opts.label !== undefined && { label: opts.label }),
    tier: (opts.tier as Tier | undefined) ?? "standard",
  }));
  const r = await addToManifest(file, inputs, {
    env: io.env,
    keyFile: keyFileOf(opts, io.cwd),
    ...(opts.id !== undefined && { idPrefix: opts.id }),
  });
  const shown = path.relative(io.cwd, file) || file;
  if (!r.added.length && r.refused.length && !r.warnings.length)
    throw new UsageError(`manifest add: nothing added to ${shown}: refused ${r.refused.join("; ")}`);
  for (const w of r.refused) io.stderr.write(`residue: refused: ${w}\n`);
  for (const w of r.warnings) io.stderr.write(`residue: warning: ${w}\n`);
  io.stdout.write(
    r.added.length
      ? `added ${r.added.length} secret${r.added.length === 1 ? "" : "s"} to ${shown}: ${r.added.join(", ")}\n`
      : `nothing added to ${shown}\n`,
  );
  if (r.keyFile)
    io.stdout.write(
      `new key for ${shown}: ${r.keyFile} (scans find it there; keep it apart from the manifest: together they are as sensitive as the secrets)\n`,
    );
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

async function list(io: CliIO, opts: Record<string, unknown>): Promise<void> {
  const file = path.resolve(io.cwd, (opts.manifest as string | undefined) ?? DEFAULT_MANIFEST);
  const entries = await listManifest(file);
  if (opts.json) {
    io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return;
  }
  const rows = [["ID", "TIER", "LENGTH", "ADDED", "LABEL"]].concat(
    entries.map((e) => [
      e.id,
      e.tier,
      String(e.length),
      e.addedAt.slice(0, 19).replace("T", " "),
      e.label ?? "",
    ]),
  );
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows)
    io.stdout.write(
      `${r
        .map((v, c) => v.padEnd(widths[c]!))
        .join("  ")
        .trimEnd()}\n`,
    );
  io.stdout.write(`${entries.length} secret${entries.length === 1 ? "" : "s"}\n`);
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
