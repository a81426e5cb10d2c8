/**
 * `residue watch -m MANIFEST logs:PATH...`: follows growing logs like `tail -F` (rotation and
 * truncation included) and prints each new copy of a compromised secret as it appears, as text
 * or JSONL, until interrupted; `--once` stops at the first copy with exit status 1. Matching
 * runs inline on the appended lines (plus a small overlap) with the scan's match engine.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { Option } from "commander";
import { readReason, UsageError } from "../../errors.js";
import { FindingBuilder } from "../../findings.js";
import { fingerprintKey } from "../../fingerprint.js";
import { createMatchEngine } from "../../match/index.js";
import { itemPathOf } from "../../match/paths.js";
import { jsonlReporter } from "../../reporters/jsonl.js";
import { dedupeMatches, prepareScan, type ScanOptions } from "../../scan.js";
import { type Appended, LogTail } from "../../sources/logs/follow.js";
import { walkFiles } from "../../sources/shared/walk.js";
import type { Finding, TextMatcher } from "../../types.js";
import { type CliIO, EXIT } from "../io.js";
import { keyFileOf } from "../options/key.js";
import { parseRules } from "./scan.js";
import type { RegisterCommand } from "./types.js";

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** The followed files of the targets: files as named (even before they exist), folders' current files. */
async function expandTargets(targets: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const t of targets) {
    const info = await stat(t).catch(() => undefined);
    out.push(...(info?.isDirectory() ? await walkFiles(t) : [t]));
  }
  return out;
}

/** Matches one appended piece; keeps only copies that end in the new text. */
function newFindings(a: Appended, engine: TextMatcher, builder: FindingBuilder): Finding[] {
  const matches = engine.find(a.chunk.text, itemPathOf(a.chunk)).filter((m) => m.end > a.freshFrom);
  if (!matches.length) return [];
  return builder.build(a.chunk, dedupeMatches(matches)).map(([f]) => f);
}

/** One finding as a text line. */
function textLine(f: Finding, redact: boolean): string {
  const preview = redact ? f.secret.redacted : f.secret.reveal();
  const how = f.match === "partial" ? `partial ${Math.round(f.coverage * 100)}%` : f.form;
  const name = f.kind === "known" ? `known secret ${f.secretId}` : (f.ruleId ?? "pattern");
  return `${new Date().toISOString()}  ${f.uri}  ${name}  ${how}  ${preview}\n`;
}

/** Waits `ms`, or less when the signal aborts; leaves no listener behind. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** Registers `residue watch`. */
export const registerWatch: RegisterCommand = (program, io, exit) => {
  program
    .command("watch")
    .description("follow growing logs (tail -F) and print each new copy of a compromised secret")
    .argument("<targets...>", "logs:PATH (a log file or a folder of logs)")
    .option("-m, --manifest <file>", "known-compromised fingerprints (repeatable)", collect)
    .option("--rules <list>", "also run pattern rules: all | comma list of rule ids or tags")
    .addOption(
      new Option("-f, --format <format>", "output format").choices(["text", "jsonl"]).default("text"),
    )
    .option("--once", "exit with status 1 at the first copy")
    .option("--from-start", "read the files from their start, not only what is appended")
    .option("--interval <ms>", "poll interval in milliseconds", (v) => Number.parseInt(v, 10), 250)
    .option("--no-redact", "print secrets in full (never the default)")
    .option(
      "--key-file <file>",
      "the manifests' key file (default: RESIDUE_MANIFEST_KEY, else the keys folder)",
    )
    .action(async (targets: string[], opts: Record<string, unknown>) => {
      exit(await watch(targets, opts, io));
    });
};

/** The match engine of the manifests and rules. */
async function loadEngine(
  manifests: string[],
  rules: ScanOptions["rules"],
  io: CliIO,
  keyFile: string | undefined,
): Promise<TextMatcher> {
  const prepared = await prepareScan({
    targets: [],
    manifests,
    rules: rules ?? "none",
    env: io.env,
    keyFile,
  });
  return createMatchEngine({ manifests: prepared.manifests, rules: prepared.rules });
}

/** The files or folders named by `logs:PATH` (or bare PATH) targets. */
function watchedPaths(targets: string[], cwd: string): string[] {
  return targets.map((t) => {
    const m = /^([a-z][a-z-]*):(.*)$/s.exec(t);
    if (m && m[1] !== "logs")
      throw new UsageError(`watch: only logs:PATH targets can be followed, got "${t}"`);
    return path.resolve(cwd, m ? m[2]! : t);
  });
}

/** Where each finding goes: a JSONL line or a text line. */
function printer(opts: Record<string, unknown>, io: CliIO): (f: Finding) => void {
  const redact = opts.redact !== false;
  const jsonl = jsonlReporter({ write: (s) => void io.stdout.write(s), redact });
  return (f) => (opts.format === "jsonl" ? jsonl.finding(f) : void io.stdout.write(textLine(f, redact)));
}

/** Polls the files until the signal aborts; calls `onHit` for each new copy; resolves to the count. */
async function follow(
  files: string[],
  engine: TextMatcher,
  opts: { fromStart: boolean; interval: number },
  io: CliIO,
  onHit: (f: Finding) => void,
  signal: AbortSignal,
): Promise<number> {
  const builder = new FindingBuilder(() => fingerprintKey(io.env));
  const tails = new Map<string, LogTail>();
  const told = new Set<string>();
  const complain = (file: string, err: unknown): [] => {
    const line = `residue: watch: ${file}: ${readReason(err)}\n`;
    if (!told.has(line)) io.stderr.write(line); // once per file and reason; watching goes on
    told.add(line);
    return [];
  };
  let hits = 0;
  for (let round = 0; !signal.aborted; round++) {
    if (round % 20 === 0) {
      // a file that appears in a folder after the start is read from its start
      for (const f of await expandTargets(files))
        if (!tails.has(f)) tails.set(f, new LogTail(f, { fromStart: opts.fromStart || round > 0 }));
    }
    for (const tail of tails.values()) {
      for (const a of await tail.poll().catch((err) => complain(tail.path, err))) {
        for (const f of newFindings(a, engine, builder)) {
          hits++;
          onHit(f);
        }
      }
    }
    if (!signal.aborted) await sleep(opts.interval, signal);
  }
  await Promise.all([...tails.values()].map((t) => t.close()));
  return hits;
}

/** Runs the watch; resolves to the exit status. `matcher` replaces manifests and rules (tests, embedders). */
export async function watch(
  targets: string[],
  opts: Record<string, unknown>,
  io: CliIO,
  matcher?: TextMatcher,
): Promise<number> {
  const files = watchedPaths(targets, io.cwd);
  const manifests = ((opts.manifest as string[] | undefined) ?? []).map((m) => path.resolve(io.cwd, m));
  const rules = parseRules(opts.rules as string | undefined);
  if (!manifests.length && !rules && !matcher)
    throw new UsageError("watch: name a manifest (-m FILE) or --rules");
  const engine = matcher ?? (await loadEngine(manifests, rules, io, keyFileOf(opts, io.cwd)));
  const stop = new AbortController();
  void io.interrupted?.then(() => stop.abort());
  const print = printer(opts, io);
  const settings = {
    fromStart: opts.fromStart === true,
    interval: Math.max(10, Number(opts.interval) || 250),
  };
  const hits = await follow(
    files,
    engine,
    settings,
    io,
    (f) => {
      print(f);
      if (opts.once) stop.abort();
    },
    stop.signal,
  );
  return hits ? EXIT.findings : EXIT.clean;
}
