#!/usr/bin/env node
// The pre-commit hook's cost as .pre-commit-hooks.yaml runs it: `residue scan git-staged:. --workers 0`
// in a fresh repository with 10 staged files of ordinary source (this project's own src/), median
// wall time of 10 runs (BENCH_QUICK=1: 3), beside Node's own start-up floor (`node -e 0`) measured
// in turn with it. Target: ≤ 400 ms. To A/B two builds back to back, pass their bin scripts:
//   node bench/hook.bench.mjs bin/residue.js ../other/bin/residue.js
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runs = process.env.BENCH_QUICK ? 3 : 10;
const bins = process.argv.slice(2).map((b) => path.resolve(b));
if (!bins.length) bins.push(path.join(root, "bin", "residue.js"));

/** A repository with one commit and 10 more source files staged on top of it. */
function stagedRepo() {
  const work = mkdtempSync(path.join(tmpdir(), "residue-bench-hook-"));
  const git = (...args) => execFileSync("git", args, { cwd: work, stdio: "ignore" });
  git("init", "-q");
  git("config", "user.email", "bench@example.invalid");
  git("config", "user.name", "bench");
  git("commit", "-q", "--allow-empty", "-m", "start");
  const src = path.join(root, "src");
  const files = readdirSync(src)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .slice(0, 10);
  mkdirSync(path.join(work, "src"));
  for (const f of files) cpSync(path.join(src, f), path.join(work, "src", f));
  git("add", "-A");
  return work;
}

// CPU time (user + system, git's included) says more than wall time on a busy machine
const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const cpuFile = path.join(tmpdir(), `residue-bench-cpu-${process.pid}`);
const cpus = new Map();
const time = (argv, cwd) => {
  const t = process.hrtime.bigint();
  const [cmd, args] = timeBin
    ? [timeBin, ["-f", "%U %S", "-o", cpuFile, process.execPath, ...argv]]
    : [process.execPath, argv];
  const r = spawnSync(cmd, args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(" ")} exited ${r.status}: ${r.stderr}`);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (timeBin) {
    const [user, sys] = readFileSync(cpuFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
    const key = argv[0];
    cpus.set(key, [...(cpus.get(key) ?? []), (user + sys) * 1000]);
  }
  return ms;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const work = stagedRepo();
try {
  const hook = (bin) => [bin, "scan", "git-staged:.", "--workers", "0"];
  for (const bin of bins) time(hook(bin), work); // warm the file cache
  cpus.clear();
  const floor = [];
  const times = bins.map(() => []);
  for (let i = 0; i < runs; i++) {
    floor.push(time(["-e", "0"], work));
    for (const [k, bin] of bins.entries()) times[k].push(time(hook(bin), work));
  }
  const cpu = (key) => (cpus.has(key) ? `, median CPU ${median(cpus.get(key)).toFixed(0)} ms` : "");
  console.log(
    `node -e 0 (start-up floor, ${process.version}): median ${median(floor).toFixed(0)} ms of ${runs}${cpu("-e")}`,
  );
  bins.forEach((bin, k) => {
    const ms = median(times[k]);
    const list = times[k].map((t) => t.toFixed(0)).join(", ");
    console.log(
      `hook    ${path.relative(process.cwd(), bin) || bin} on 10 staged files: median ${ms.toFixed(0)} ms (target ≤ 400 ms), ${(ms - median(floor)).toFixed(0)} ms over the floor${cpu(bin)}; runs ${list}`,
    );
  });
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(cpuFile, { force: true });
}
