/** `residue scan [TARGET...]`: the contract of DESIGN.md. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { type Command, Option } from "commander";
import { UsageError } from "../../errors.js";
import { reporters } from "../../reporters/index.js";
import { type ScanOptions, scan } from "../../scan.js";
import { suppressionFilters } from "../../suppress/index.js";
import type { Confidence, Finding } from "../../types.js";
import { type CliIO, EXIT } from "../io.js";
import { addArchivesOptions } from "../options/archives.js";
import { addConfidenceOptions, confidenceGate } from "../options/confidence.js";
import { addDetectorsOptions } from "../options/detectors.js";
import { addGitOptions } from "../options/git.js";
import { addSlackOptions } from "../options/slack.js";
import { addVerifyOptions } from "../options/verify.js";
import { createProgress } from "../progress.js";
import type { RegisterCommand } from "./types.js";

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
  const parts: string[] = [];
  return {
    write: (s) => void parts.push(s),
    close: () => writeFileSync(path.resolve(io.cwd, output), parts.join("")),
  };
}

/** The exit status for a finished scan. */
export function scanStatus(findings: number, errors: number): number {
  if (findings > 0) return EXIT.findings;
  return errors > 0 ? EXIT.partial : EXIT.clean;
}

const PATH_PREFIXES = new Set(["git", "git-staged", "logs", "har", "slack-export", "jira-export", "fs"]);

/** Resolves a target's path against the CLI's working directory, keeping its prefix; URLs untouched. */
export function resolveTargetPath(cwd: string, target: string): string {
  if (target === "-") return target;
  const m = /^([a-z][a-z-]*):(.*)$/s.exec(target);
  const [prefix, rest] =
    m && (PATH_PREFIXES.has(m[1]!) || !PATH_PREFIXES.has(m[1]!)) ? [m[1]!, m[2]!] : ["", target];
  if (prefix && !PATH_PREFIXES.has(prefix)) return target; // slack:, jira: and unknown prefixes
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rest) || /^[^/]+@[^/]+:/.test(rest)) return target; // URL or scp-like
  const abs = path.resolve(cwd, rest);
  const shown = path.relative(process.cwd(), abs) || ".";
  const p = shown.startsWith("..") ? abs : shown;
  return prefix ? `${prefix}:${p}` : p;
}

/** Hook run on the findings before they are reported (verification, issue #8). */
export type FindingsHook = (
  findings: Finding[],
  opts: Record<string, unknown>,
  io: CliIO,
) => Promise<Finding[]>;

export const registerScan: RegisterCommand = (program, io, exit) => {
  const cmd: Command = program
    .command("scan")
    .description("scan targets for copies of known secrets and for pattern-found secrets")
    .argument(
      "[targets...]",
      "PATH | git:PATH|URL | git-staged:PATH | logs:PATH | har:PATH | slack-export:PATH | slack:[?query] | jira-export:PATH | jira:URL | -",
    )
    .option("-m, --manifest <file>", "known-compromised fingerprints (repeatable)", collect)
    .option("--rules <list>", "all | none | comma list of rule ids or tags")
    .addOption(
      new Option("-f, --format <format>", "report format").choices(Object.keys(reporters)).default("text"),
    )
    .option("-o, --output <file>", "write the report there (default stdout)")
    .option("--no-redact", "print secrets in full (never the default)")
    .option("--exclude <glob>", "skip paths matching the glob (repeatable)", collect)
    .option("--workers <n>", "matching threads (default 2)", (v) => Number.parseInt(v, 10))
    .option("-q, --quiet", "no progress or summary on stderr");
  for (const add of [
    addGitOptions,
    addArchivesOptions,
    addSlackOptions,
    addDetectorsOptions,
    addVerifyOptions,
    addConfidenceOptions,
  ])
    add(cmd);
  cmd.action(async (targets: string[], opts: Record<string, unknown>) => {
    if (!targets.length) throw new UsageError("scan: name at least one target (a path, git:PATH, -, ...)");
    const format = String(opts.format);
    const sink = reportSink(io, opts.output as string | undefined);
    const redact = opts.redact !== false;
    const reporter = confidenceGate(
      reporters[format]!({
        write: sink.write,
        redact,
        color: !opts.output && format === "text" && !!io.stdout.isTTY && !io.env.NO_COLOR,
      }),
      opts.minConfidence as Confidence,
      format,
    );
    const progress = createProgress(io.stderr, opts);
    const run = scan({
      ...opts,
      targets: targets.map((t) => resolveTargetPath(io.cwd, t)),
      manifests: ((opts.manifest as string[] | undefined) ?? []).map((m) => path.resolve(io.cwd, m)),
      rules: parseRules(opts.rules as string | undefined),
      detectors: ((opts.detectors as string[] | undefined) ?? []).map((d) => path.resolve(io.cwd, d)),
      env: io.env,
      stdin: io.stdin,
      workers: opts.workers as number | undefined,
      filters: await suppressionFilters(opts, io),
      onProgress: (t) => progress.update(t),
    });
    const meta = await run.meta();
    reporter.begin({ ...meta, redact });
    const hooks = scanHooks.filter((h) => h.enabled(opts));
    if (hooks.length) {
      let all: Finding[] = [];
      for await (const f of run) all.push(f);
      for (const h of hooks) all = await h.run(all, opts, io);
      for (const f of all) reporter.finding(f);
    } else {
      for await (const f of run) reporter.finding(f);
    }
    progress.done();
    const summary = { stats: run.stats, errors: run.errors, notices: run.notices };
    reporter.end(summary);
    sink.close();
    if (format !== "text" && !opts.quiet && (run.errors.length || run.notices.length)) {
      for (const e of run.errors) io.stderr.write(`residue: error: ${e.item}: ${e.reason}\n`);
    }
    exit(scanStatus(reporter.counted, run.errors.length));
  });
};

/** Steps that need all findings before reporting (verification, --save-manifest). */
export const scanHooks: { enabled(opts: Record<string, unknown>): boolean; run: FindingsHook }[] = [];
