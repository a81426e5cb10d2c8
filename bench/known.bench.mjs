#!/usr/bin/env node
// Known-secret scan bench (issue #2 part 8): MB/s and peak RSS of `scan()` (worker threads) with
// 1, 1,000 and 100,000 manifest entries over the bench corpus, against `rg -F -f` with the same
// 1,000 secrets in plain form. BENCH_QUICK=1: a 20 MB corpus. Each case runs in a child process
// so its peak RSS is its own.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchSecrets, ensureCorpus } from "../fixtures/bench/corpus.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const cache = path.join(here, ".cache");
// the manifests' keys live beside them in the cache, never in the user's configuration folder
const env = { XDG_CONFIG_HOME: path.join(cache, "config") };

async function runCase(manifest, dir) {
  const { scan } = await import("../dist/scan.js");
  const started = performance.now();
  const run = scan({ targets: [dir], manifests: [manifest], env, workers: 2 });
  let findings = 0;
  for await (const _ of run) findings++;
  const ms = performance.now() - started;
  const usage = process.resourceUsage();
  const rssMB = usage.maxRSS / 1024;
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  console.log(
    JSON.stringify({ bytes: run.stats.bytes, ms, cpuMs, findings, rssMB, errors: run.errors.length }),
  );
}

async function ensureManifest(n, secrets) {
  const file = path.join(cache, `manifest-${n}.json`);
  if (existsSync(file) && readFileSync(file, "utf8").slice(0, 200).includes('"version":2')) return file;
  const { addToManifest } = await import("../dist/manifest/index.js");
  const all = secrets.concat(benchSecrets(Math.max(0, n - secrets.length), 99)).slice(0, n);
  const tmp = `${file}.partial`;
  await addToManifest(
    tmp,
    all.map((value, i) => ({ id: `bench-${i + 1}`, value })),
    { env },
  );
  const { renameSync } = await import("node:fs");
  renameSync(tmp, file);
  return file;
}

function child(manifest, dir) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--case", manifest, dir], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`case ${manifest} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

/** Wall and CPU time of rg (CPU from bash's `times`, since the machine may be shared). */
function ripgrep(secretsFile, dir) {
  if (spawnSync("rg", ["--version"]).status !== 0) return undefined;
  let best = Number.POSITIVE_INFINITY;
  let cpuMs = Number.POSITIVE_INFINITY;
  let count = 0;
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    const script = 'rg -F -f "$1" -c --no-ignore --hidden "$2"; s=$?; times >&2; exit $s';
    const r = spawnSync("bash", ["-c", script, "bash", secretsFile, dir], {
      encoding: "utf8",
      maxBuffer: 16 << 20,
    });
    best = Math.min(best, performance.now() - t);
    // `times` prints the shell's then its children's user and system time: 0m1.234s 0m0.100s
    const child = r.stderr.trim().split("\n").pop() ?? "";
    const secs = [...child.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
      (a, m) => a + Number(m[1]) * 60 + Number(m[2]),
      0,
    );
    cpuMs = Math.min(cpuMs, secs * 1000);
    count = r.stdout
      .split("\n")
      .filter(Boolean)
      .reduce((a, l) => a + Number(l.split(":").pop()), 0);
  }
  return { ms: best, cpuMs, lines: count };
}

async function main() {
  const quick = process.env.BENCH_QUICK === "1";
  const sizeMB = quick ? 20 : 200;
  mkdirSync(cache, { recursive: true });
  const corpus = await ensureCorpus({ sizeMB });
  const secretsFile = path.join(cache, "secrets-1000.txt");
  writeFileSync(secretsFile, `${corpus.secrets.join("\n")}\n`);
  console.log(`corpus: ${sizeMB} MB in ${corpus.files.length} files (${corpus.dir})`);
  const results = {};
  for (const n of [1, 1000, 100000]) {
    const manifest = await ensureManifest(n, corpus.secrets);
    child(manifest, corpus.dir); // warm the page cache and the JIT paths once
    // best of two, as for rg: the machine may be shared
    const [a, b] = [child(manifest, corpus.dir), child(manifest, corpus.dir)];
    const r = {
      ...a,
      ms: Math.min(a.ms, b.ms),
      cpuMs: Math.min(a.cpuMs, b.cpuMs),
      rssMB: Math.max(a.rssMB, b.rssMB),
    };
    results[n] = r;
    const mbps = r.bytes / 1e6 / (r.ms / 1000);
    const cpu = r.bytes / 1e6 / (r.cpuMs / 1000);
    console.log(
      `known scan, ${String(n).padStart(6)} entries: ${mbps.toFixed(0).padStart(5)} MB/s wall (${cpu.toFixed(0)} MB per CPU-second)  peak RSS ${r.rssMB.toFixed(0)} MB  findings ${r.findings}`,
    );
  }
  const rg = ripgrep(secretsFile, corpus.dir);
  const base = results[1000];
  if (rg) {
    const mbps = base.bytes / 1e6 / (rg.ms / 1000);
    const cpu = base.bytes / 1e6 / (rg.cpuMs / 1000);
    console.log(
      `rg -F -f (1,000 secrets, plain):  ${mbps.toFixed(0).padStart(5)} MB/s wall (${cpu.toFixed(0)} MB per CPU-second)  matching lines ${rg.lines}`,
    );
    const wall = (rg.ms / base.ms).toFixed(2);
    console.log(
      `throughput ratio residue/rg at 1,000 secrets: ${wall} wall, ${(rg.cpuMs / base.cpuMs).toFixed(2)} CPU (target >= 0.5)`,
    );
  } else console.log("rg not installed: ratio skipped (apt-get install ripgrep)");
  const { loadManifest } = await import("../dist/manifest/index.js");
  const t = performance.now();
  await loadManifest(path.join(cache, "manifest-100000.json"), { env });
  console.log(
    `manifest load, 100,000 entries: ${(performance.now() - t).toFixed(0)} ms (part of that case's time)`,
  );
  const [one, many] = [results[1], results[100000]];
  console.log(
    `100,000 vs 1 entries, time: ${(many.ms / one.ms).toFixed(2)}x wall, ${(many.cpuMs / one.cpuMs).toFixed(2)}x CPU (target <= 1.3)`,
  );
  const peak = Math.max(...Object.values(results).map((r) => r.rssMB));
  console.log(`peak RSS: ${peak.toFixed(0)} MB (target < 300)`);
}

if (process.argv[2] === "--case") await runCase(process.argv[3], process.argv[4]);
else await main();
