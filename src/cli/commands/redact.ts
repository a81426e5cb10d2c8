/**
 * `residue redact FILE -o OUT`: a sanitized copy of a HAR or log file in which every copy the
 * scan finds (known secrets from -m manifests, pattern rules per --rules) is replaced by its
 * redacted form. The original is never changed unless --in-place (written beside, then renamed).
 */

import { open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { archiveKind, isHarName } from "../../content/kind.js";
import { UsageError } from "../../errors.js";
import { scan } from "../../scan.js";
import type { Finding, TextMatcher } from "../../types.js";
import { type CliIO, EXIT } from "../io.js";
import { keyFileOf } from "../options/key.js";
import { parseRules } from "../scan-run.js";
import { hasHarEntries, redactHarFile } from "./redact-har.js";
import { copiesPattern, redactLogFile } from "./redact-write.js";
import type { RegisterCommand } from "./types.js";

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** The texts to replace for one finding: the copy, and for a decoded pattern secret its usual encodings. */
export function copyTexts(f: Finding): string[] {
  const v = f.secret.reveal();
  if (f.kind === "known" || f.form === "plain") return [v];
  const b64 = Buffer.from(v).toString("base64");
  return [
    v,
    b64,
    b64.replace(/=+$/, ""),
    Buffer.from(v).toString("base64url"),
    Buffer.from(v).toString("hex"),
    encodeURIComponent(v),
  ];
}

/** True when the file is a HAR: named .har, or JSON with a log.entries array. */
async function isHar(file: string, head: Buffer): Promise<boolean> {
  if (isHarName(file)) return true;
  return /^\s*\{/.test(head.toString("utf8")) && hasHarEntries(file);
}

/** Registers `residue redact`. */
export const registerRedact: RegisterCommand = (program, io, exit) => {
  program
    .command("redact")
    .description("write a copy of a HAR or log file with every found secret redacted")
    .argument("<file>", "a HAR capture or a log file")
    .option("-o, --output <file>", "where to write the sanitized copy")
    .option("--in-place", "replace the original file")
    .option("-m, --manifest <file>", "known-compromised fingerprints (repeatable)", collect)
    .option("--rules <list>", "all | none | comma list of rule ids or tags")
    .option(
      "--key-file <file>",
      "the manifests' key file (default: RESIDUE_MANIFEST_KEY, else the keys folder)",
    )
    .action(async (file: string, opts: Record<string, unknown>) => {
      exit(await redactFile(file, opts, io));
    });
};

/** What a scan of one file found: the texts to replace, the secrets, the unreadable items. */
interface Copies {
  values: Set<string>;
  secrets: Set<string>;
  uris: string[];
  errors: string[];
}

/** Scans one file as a HAR or a log and gathers its copies. */
async function findCopies(
  target: string,
  opts: Record<string, unknown>,
  io: CliIO,
  matcher?: TextMatcher,
): Promise<Copies> {
  const run = scan({
    targets: [target],
    manifests: ((opts.manifest as string[] | undefined) ?? []).map((m) => path.resolve(io.cwd, m)),
    rules: parseRules(opts.rules as string | undefined),
    env: io.env,
    keyFile: keyFileOf(opts, io.cwd),
    workers: 1,
    matcher,
  });
  const found: Copies = { values: new Set(), secrets: new Set(), uris: [], errors: [] };
  for await (const f of run) {
    for (const v of copyTexts(f)) found.values.add(v);
    found.secrets.add(f.secretKey);
    if (found.uris.length < 20) found.uris.push(f.uri);
  }
  found.errors = run.errors.map((e) => `${e.item}: ${e.reason}`);
  return found;
}

/** Checks the input and the output names; returns the output path and whether the input is a HAR. */
async function prepare(file: string, opts: Record<string, unknown>, io: CliIO) {
  const input = path.resolve(io.cwd, file);
  const inPlace = opts.inPlace === true;
  if (!opts.output && !inPlace)
    throw new UsageError("redact: name the output with -o FILE, or pass --in-place");
  if (opts.output && inPlace) throw new UsageError("redact: give either -o FILE or --in-place, not both");
  const output = inPlace ? `${input}.residue-tmp` : path.resolve(io.cwd, String(opts.output));
  if (output === input) throw new UsageError("redact: -o names the input file; use --in-place to replace it");
  const info = await stat(input).catch(() => undefined);
  if (!info?.isFile()) throw new UsageError(`redact: ${file}: no such file`);
  const head = Buffer.alloc(512);
  const fh = await open(input, "r");
  const { bytesRead } = await fh.read(head, 0, 512, 0).finally(() => fh.close());
  if (archiveKind(head.subarray(0, bytesRead)))
    throw new UsageError(`redact: ${file} is an archive; redact works on one HAR or log file`);
  return { input, output, inPlace, har: await isHar(input, head.subarray(0, bytesRead)) };
}

/** Runs the redaction; resolves to the exit status. `matcher` replaces manifests and rules (tests, embedders). */
export async function redactFile(
  file: string,
  opts: Record<string, unknown>,
  io: CliIO,
  matcher?: TextMatcher,
): Promise<number> {
  const { input, output, inPlace, har } = await prepare(file, opts, io);
  const kind = har ? "har" : "logs";
  const found = await findCopies(`${kind}:${input}`, opts, io, matcher);
  for (const e of found.errors) io.stderr.write(`residue: error: ${e}\n`);
  if (found.errors.length) return EXIT.partial; // never call a file clean when part of it was not read
  // both are streamed: a HAR entry by entry, a log through a replacer that holds back a tail
  const re = copiesPattern(found.values, !har) ?? /(?!)/g;
  const longest = [...found.values].reduce((m, v) => Math.max(m, v.length), 1) * 8 + 1024;
  const count = await (har ? redactHarFile : redactLogFile)(input, output, re, longest);
  // the output is scanned again: a copy the replacement missed must not pass for sanitized
  const left = found.values.size ? await findCopies(`${kind}:${output}`, opts, io, matcher) : undefined;
  if (left?.uris.length) {
    await rm(output, { force: true });
    io.stderr.write(
      `residue: redact: ${left.uris.length} copies could not be replaced (${left.uris.slice(0, 5).join(", ")}); no output written\n`,
    );
    return EXIT.findings;
  }
  if (inPlace) await rename(output, input);
  const copies = `${count} ${count === 1 ? "copy" : "copies"}`;
  const secrets = `${found.secrets.size} ${found.secrets.size === 1 ? "secret" : "secrets"}`;
  io.stderr.write(`residue: redacted ${copies} of ${secrets}; wrote ${inPlace ? input : output}\n`);
  return EXIT.clean;
}
