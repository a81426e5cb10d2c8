/**
 * `residue watch -m MANIFEST logs:PATH...`: follows growing logs like `tail -F` (rotation and
 * truncation included) and prints each new copy of a compromised secret as it appears, as text
 * or JSONL, until interrupted; `--once` stops at the first copy with exit status 1. The library's
 * `watch` (src/watch.ts) does the following and matching, with the scan's suppression.
 */
import path from "node:path";
import { Option } from "commander";
import { UsageError } from "../../errors.js";
import { jsonlReporter } from "../../reporters/jsonl.js";
import { suppressionFilters } from "../../suppress/index.js";
import type { Finding, TextMatcher } from "../../types.js";
import { watch as watchLogs } from "../../watch.js";
import { type CliIO, EXIT } from "../io.js";
import { keyFileOf } from "../options/key.js";
import { parseRules } from "../scan-run.js";
import type { RegisterCommand } from "./types.js";

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** One finding as a text line. */
function textLine(f: Finding, redact: boolean): string {
  const preview = redact ? f.secret.redacted : f.secret.reveal();
  const how = f.match === "partial" ? `partial ${Math.round(f.coverage * 100)}%` : f.form;
  const name = f.kind === "known" ? `known secret ${f.secretId}` : (f.ruleId ?? "pattern");
  return `${new Date().toISOString()}  ${f.uri}  ${name}  ${how}  ${preview}\n`;
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
    .option("--ignore-file <file>", "ids, fingerprints and path globs to ignore (default .residueignore)")
    .option(
      "--key-file <file>",
      "the manifests' key file (default: RESIDUE_MANIFEST_KEY, else the keys folder)",
    )
    .action(async (targets: string[], opts: Record<string, unknown>) => {
      exit(await watch(targets, opts, io));
    });
};

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

/** Runs the watch; resolves to the exit status. `matcher` replaces manifests and rules (tests, embedders). */
export async function watch(
  targets: string[],
  opts: Record<string, unknown>,
  io: CliIO,
  matcher?: TextMatcher,
): Promise<number> {
  const stop = new AbortController();
  void io.interrupted?.then(() => stop.abort());
  const print = printer(opts, io);
  let hits = 0;
  const found = watchLogs({
    paths: watchedPaths(targets, io.cwd),
    manifests: ((opts.manifest as string[] | undefined) ?? []).map((m) => path.resolve(io.cwd, m)),
    rules: parseRules(opts.rules as string | undefined),
    ...(matcher && { matcher }),
    env: io.env,
    keyFile: keyFileOf(opts, io.cwd),
    filters: await suppressionFilters({ cwd: io.cwd, ignoreFile: opts.ignoreFile as string | undefined }),
    fromStart: opts.fromStart === true,
    interval: Number(opts.interval) || 250,
    signal: stop.signal,
    onError: (file, reason) => void io.stderr.write(`residue: watch: ${file}: ${reason}\n`),
  });
  for await (const f of found) {
    hits++;
    print(f);
    if (opts.once) break;
  }
  return hits ? EXIT.findings : EXIT.clean;
}
