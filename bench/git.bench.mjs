#!/usr/bin/env node
// git bench: full-history scan of a generated 5,000-commit repository against the floor (git
// reading every object once) and against `git log -p --all | rg` with the catalog's regexes;
// then the pre-commit hook on a staged change of 10 files (median of 10 runs, Node start
// included). BENCH_QUICK=1: 1,000 commits, 3 hook runs. Targets: full history ≤ 2× the floor,
// hook ≤ 400 ms.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { installHook } from "../dist/cli/commands/hook.js";
import { chunksOf } from "../dist/content/read.js";
import { scan } from "../dist/index.js";
import { gitSource } from "../dist/sources/git/index.js";
import { parseTarget } from "../dist/sources/target.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const quick = process.env.BENCH_QUICK === "1";
const commits = quick ? 1000 : 5000;
const repo = path.join(here, ".cache", `git-${commits}-v1.git`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

function ensureRepo() {
  if (existsSync(repo)) return;
  const t = performance.now();
  execFileSync(process.execPath, [path.join(root, "fixtures/git/generate-repo.mjs"), repo, String(commits)]);
  console.log(`generated ${repo} in ${secs(performance.now() - t)}`);
}

const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/**
 * Wall time of a command with its output thrown away, and its CPU time (user + system, its
 * children included) when /usr/bin/time exists: on a shared, loaded machine wall time swings,
 * CPU time much less.
 */
function timeCmd(cmd, args, opts = {}) {
  const devnull = openSync("/dev/null", "w");
  const [bin, argv] = TIME ? [TIME, ["-f", "@cpu %U %S", cmd, ...args]] : [cmd, args];
  const t = performance.now();
  const r = spawnSync(bin, argv, { stdio: ["ignore", devnull, "pipe"], ...opts });
  const ms = performance.now() - t;
  const err = String(r.stderr);
  const m = /@cpu ([\d.]+) ([\d.]+)\s*$/.exec(err);
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${cmd} ${args.join(" ")} failed: ${r.status} ${err}`);
  return { ms, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : Number.NaN };
}

const medianBy = (runs, k) => median(runs.map((r) => r[k]));

function blobBytes() {
  const out = execFileSync(
    "git",
    ["cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectsize)"],
    {
      cwd: repo,
      maxBuffer: 1 << 28,
    },
  ).toString();
  let n = 0;
  for (const l of out.split("\n")) if (l.startsWith("blob ")) n += Number(l.slice(5));
  return n;
}

async function sourceOnly() {
  const ctx = {
    options: {},
    env: process.env,
    readBinary: false,
    error() {},
    notice() {},
    count() {},
    skip() {},
    cursor: () => ({ advance() {} }),
  };
  const t = performance.now();
  let chunks = 0;
  const { target } = parseTarget(`git:${repo}`);
  for await (const item of gitSource(target, {}, ctx).items())
    for await (const _ of chunksOf(item, ctx)) chunks++;
  return { ms: performance.now() - t, chunks };
}

/** The full-history scan as a user runs it: the CLI in its own process, Node's start included. */
function fullScan(extra = []) {
  const cli = path.join(root, "bin", "residue.js");
  return timeCmd(process.execPath, [cli, "scan", `git:${repo}`, "-f", "jsonl", "-q", ...extra]);
}

async function fullScanStats() {
  const run = scan({ targets: [`git:${repo}`] });
  let findings = 0;
  for await (const _ of run) findings++;
  return { findings, rules: (await run.meta()).rules.length, stats: run.stats };
}

/** The catalog's regexes in ripgrep's syntax, or null when there is no catalog yet. */
function catalogPatterns() {
  const dir = path.join(root, "detectors");
  if (!existsSync(dir)) return null;
  const pats = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
    for (const rule of parse(readFileSync(path.join(dir, f), "utf8")) ?? []) {
      const p = Array.isArray(rule.pattern) ? rule.pattern.join("") : rule.pattern;
      // rg joins its patterns into one alternation: names would clash, so groups lose theirs
      if (typeof p === "string") pats.push(p.replace(/\(\?<([A-Za-z_]\w*)>/g, "("));
    }
  }
  if (!pats.length) return null;
  // keep what rg's default engine compiles (it has no look-around), checked one by one
  const ok = (p) => spawnSync("rg", ["-c", "-e", p, "/dev/null"]).status === 1;
  const kept = pats.filter(ok);
  return { kept, total: pats.length };
}

function logRg(pats) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "residue-bench-")), "patterns.txt");
  writeFileSync(file, `${pats.join("\n")}\n`);
  const t = performance.now();
  const r = spawnSync(
    "sh",
    ["-c", `git log -p --all | rg -c --regex-size-limit 2G --dfa-size-limit 2G -f '${file}'`],
    { cwd: repo },
  );
  const ms = performance.now() - t;
  rmSync(path.dirname(file), { recursive: true, force: true });
  return { ms, count: Number(String(r.stdout).trim() || 0) };
}

async function hookRuns(runs) {
  const work = mkdtempSync(path.join(tmpdir(), "residue-bench-hook-"));
  try {
    execFileSync("git", ["clone", "-q", repo, work]);
    await installHook(work);
    const files = execFileSync("git", ["ls-files", "src"], { cwd: work }).toString().trim().split("\n");
    for (const f of files.slice(0, 10))
      writeFileSync(path.join(work, f), `${readFileSync(path.join(work, f), "utf8")}// edited\n`);
    execFileSync("git", ["add", "-A"], { cwd: work });
    const hook = path.join(work, ".git", "hooks", "pre-commit");
    const times = [];
    for (let i = 0; i < runs; i++) times.push(timeCmd(hook, [], { cwd: work }));
    return times;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

ensureRepo();
const bytes = blobBytes();
const mb = bytes / 1e6;
const floorRuns = [0, 1, 2].map(() =>
  timeCmd("git", ["cat-file", "--batch-all-objects", "--batch"], { cwd: repo }),
);
const floor = { ms: medianBy(floorRuns, "ms"), cpu: medianBy(floorRuns, "cpu") };
const cpuText = (r) =>
  Number.isNaN(r.cpu) ? "" : `, CPU ${secs(r.cpu)} = ${(r.cpu / floor.cpu).toFixed(2)}× floor CPU`;
console.log(`repository: ${commits} commits on main (+ side branches), ${mb.toFixed(1)} MB of blobs`);
console.log(`floor   git cat-file --batch-all-objects --batch: ${secs(floor.ms)}, CPU ${secs(floor.cpu)}`);
const src = await sourceOnly();
console.log(
  `source  git: (in process) blobs read and chunked, no matching: ${secs(src.ms)} (${(mb / (src.ms / 1000)).toFixed(0)} MB/s, ${(src.ms / floor.ms).toFixed(2)}× floor)`,
);
const bare = fullScan(["--rules", "none"]);
console.log(
  `residue scan git: --rules none (CLI: reading, chunking, no matching): ${secs(bare.ms)} = ${(bare.ms / floor.ms).toFixed(2)}× floor${cpuText(bare)}`,
);
const info = await fullScanStats();
const rss = process.resourceUsage().maxRSS / 1024;
const fullRuns = [0, 1, 2].slice(0, quick ? 1 : 3).map(() => fullScan());
const full = { ms: medianBy(fullRuns, "ms"), cpu: medianBy(fullRuns, "cpu") };
console.log(
  `residue scan git: (CLI, ${info.rules} rules, workers default): ${secs(full.ms)} = ${(full.ms / floor.ms).toFixed(2)}× floor (target ≤ 2×), ${(mb / (full.ms / 1000)).toFixed(0)} MB/s${cpuText(full)}; ${info.findings} findings, peak RSS ${rss.toFixed(0)} MB (in process)`,
);
const pats = catalogPatterns();
if (pats) {
  const lr = logRg(pats.kept);
  console.log(
    `compare git log -p --all | rg (${pats.kept.length} of ${pats.total} catalog regexes; the rest need look-around): ${secs(lr.ms)} = ${(lr.ms / floor.ms).toFixed(2)}× floor, ${lr.count} matching lines`,
  );
} else console.log("compare git log -p --all | rg: skipped (no catalog in detectors/ yet)");
const hook = await hookRuns(quick ? 3 : 10);
console.log(
  `hook    pre-commit on 10 staged files (Node start included): median ${medianBy(hook, "ms").toFixed(0)} ms wall of ${hook.length} runs (target ≤ 400 ms), median CPU ${medianBy(hook, "cpu").toFixed(0)} ms; runs ${hook.map((t) => t.ms.toFixed(0)).join(", ")} ms`,
);
