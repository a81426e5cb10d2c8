/**
 * What `residue scan` does, shared by the commands that scan (`scan`, `baseline create|check`):
 * its options, then scan → post-scan steps (src/cli/post-scan.ts) → report → exit status.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Command, Option } from "commander";
import { allowFilter } from "../config/allow.js";
import { reasonOf, UsageError } from "../errors.js";
import { type FindingFilter, type ScanOptions, type ScanRun, scan } from "../scan.js";
import { displayTarget } from "../sources/target.js";
import { suppressionFilters } from "../suppress/index.js";
import type { Confidence, Finding } from "../types.js";
import { useColor } from "./color.js";
import { type CliIO, EXIT } from "./io.js";
import { addConfidenceOptions, confidenceGate } from "./options/confidence.js";
import { addConfigOptions, configFor, mergeConfig } from "./options/config.js";
import { addDetectorsOptions } from "./options/detectors.js";
import { addKeyFileOption, keyFileOf } from "./options/key.js";
import { addSourceOptions, pickSourceOptions } from "./options/sources.js";
import { addVerifyOptions } from "./options/verify.js";
import { workersOption } from "./options/workers.js";
import { checkOutputPath } from "./output-path.js";
import { postScanSteps } from "./post-scan.js";
import { createProgress } from "./progress.js";
import { reportFormats } from "./report-formats.js";
import { checkTargets } from "./targets.js";

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Parses `--rules all|none|a,b,c`. */
export function parseRules(v: string | undefined): ScanOptions["rules"] {
  if (v === undefined) return undefined;
  if (v === "all" || v === "none") return v;
  const list = v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!list.length)
    throw new UsageError(`--rules: expected all, none or a comma list of rule ids or tags, got "${v}"`);
  return list;
}

/** Where a report goes: stdout, or a file written once at the end. */
export function reportSink(io: CliIO, output: string | undefined): { write(s: string): void; close(): void } {
  if (!output || output === "-") return { write: (s) => void io.stdout.write(s), close() {} };
  const file = path.resolve(io.cwd, output);
  checkOutputPath(output, file);
  const parts: string[] = [];
  return {
    write: (s) => void parts.push(s),
    close: () => {
      try {
        // CI writes reports into folders that may not exist yet (out/residue.sarif)
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, parts.join(""));
      } catch (err) {
        throw new UsageError(`--output ${output}: cannot write the report: ${reasonOf(err)}`);
      }
    },
  };
}

/** The exit status for a finished scan. */
export function scanStatus(findings: number, errors: number): number {
  if (findings > 0) return EXIT.findings;
  return errors > 0 ? EXIT.partial : EXIT.clean;
}

/** Adds `residue scan`'s options to a command (`baseline` commands name their own --baseline). */
export function addScanOptions(cmd: Command, withBaseline = true): Command {
  cmd
    .option("-m, --manifest <file>", "known-compromised fingerprints (repeatable)", collect)
    .option("--rules <list>", "all | none | comma list of rule ids or tags")
    .addOption(
      new Option("-f, --format <format>", "report format")
        .choices(Object.keys(reportFormats))
        .default("text"),
    )
    .option("-o, --output <file>", "write the report there (default stdout)")
    .option("--no-redact", "print secrets in full (never the default)")
    .addOption(workersOption())
    .option("--json", "the same as --format json")
    .option("--color <when>", "auto (a terminal, NO_COLOR, FORCE_COLOR) | always | never", "auto")
    .option(
      "-q, --quiet",
      "no text report, progress or summary: the exit status only (-f and -o still write)",
    );
  addSourceOptions(cmd);
  addDetectorsOptions(cmd, withBaseline);
  for (const add of [addVerifyOptions, addKeyFileOption, addConfidenceOptions]) add(cmd);
  addConfigOptions(cmd);
  return cmd;
}

/** The report of a scan: its format, where it goes, and the reporter (gated by --min-confidence). */
async function openReport(opts: Record<string, unknown>, io: CliIO) {
  const format = opts.json ? "json" : String(opts.format);
  // -q: the text report is not printed (the exit status says it all); a report asked for by
  // format (-f json, sarif, ...) or sent to a file is still written
  const silent = !!opts.quiet && !opts.output && format === "text";
  const sink = silent ? { write() {}, close() {} } : reportSink(io, opts.output as string | undefined);
  const redact = opts.redact !== false;
  const color = useColor(opts.color as string | undefined, io);
  const factory = await reportFormats[format]!();
  const reporter = confidenceGate(
    factory({
      write: sink.write,
      redact,
      color: !opts.output && format === "text" && color,
    }),
    opts.minConfidence as Confidence,
    format,
  );
  return { format, sink, reporter, redact };
}

/** The library's scan options from the command line's (paths resolved against the CLI's cwd). */
async function scanOptionsOf(
  targets: string[],
  opts: Record<string, unknown>,
  io: CliIO,
  allow: FindingFilter | undefined,
): Promise<ScanOptions> {
  return {
    ...pickSourceOptions(opts),
    targets: targets.map((t) => displayTarget(io.cwd, t)),
    cwd: io.cwd,
    manifests: ((opts.manifest as string[] | undefined) ?? []).map((m) => path.resolve(io.cwd, m)),
    rules: parseRules(opts.rules as string | undefined),
    detectors: ((opts.detectors as string[] | undefined) ?? []).map((d) => path.resolve(io.cwd, d)),
    env: io.env,
    keyFile: keyFileOf(opts, io.cwd),
    stdin: io.stdin,
    workers: opts.workers as number | undefined,
    filters: [
      ...(await suppressionFilters({
        cwd: io.cwd,
        ignoreFile: opts.ignoreFile as string | undefined,
        baseline: opts.baseline as string | undefined,
      })),
      ...(allow ? [allow] : []),
    ],
  };
}

/** Reports the scan's findings, after the post-scan steps when there are any (they need them all). */
async function reportFindings(
  run: ScanRun,
  reporter: { finding(f: Finding): void },
  opts: Record<string, unknown>,
  io: CliIO,
): Promise<void> {
  const steps = postScanSteps(opts);
  if (!steps.length) {
    for await (const f of run) reporter.finding(f);
    return;
  }
  let all: Finding[] = [];
  for await (const f of run) all.push(f);
  for (const step of steps) all = await step(all, opts, io);
  for (const f of all) reporter.finding(f);
}

/** Scans the targets as the options say, reports, and resolves to the exit status. */
export async function runScan(
  given: string[],
  opts: Record<string, unknown>,
  io: CliIO,
  cmd: Command,
): Promise<number> {
  const config = await configFor(given, opts, io);
  if (config) mergeConfig(cmd, config, opts);
  const targets = given.length ? given : (config?.targets ?? []);
  if (!targets.length) throw new UsageError("scan: name at least one target (a path, git:PATH, -, ...)");
  checkTargets(targets, io.cwd);
  const { format, sink, reporter, redact } = await openReport(opts, io);
  const progress = createProgress(io.stderr, opts);
  const allow = config ? allowFilter(config, io.cwd) : undefined;
  const run = scan({
    ...(await scanOptionsOf(targets, opts, io, allow)),
    onProgress: (t) => progress.update(t),
  });
  const meta = await run.meta();
  reporter.begin({ ...meta, redact });
  await reportFindings(run, reporter, opts, io);
  progress.done();
  reporter.end({ stats: run.stats, errors: run.errors, notices: run.notices });
  sink.close();
  if (format !== "text" && !opts.quiet && (run.errors.length || run.notices.length)) {
    for (const e of run.errors) io.stderr.write(`residue: error: ${e.item}: ${e.reason}\n`);
  }
  return scanStatus(reporter.counted, run.errors.length);
}
