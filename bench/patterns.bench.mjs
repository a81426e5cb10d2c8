// Pattern scan with the full catalog: MB/s of the engine (keyword automaton → regex windows →
// gates) over the shared bench corpus, against ripgrep running the catalog's regexes (those its
// engine accepts) and secretlint with its recommended preset. BENCH_QUICK=1 for a short run.
// RESIDUE_BENCH_DETECTORS=DIR adds a folder of rules (e.g. before the catalog lands).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalog } from "../dist/detectors/index.js";
import { compilePatterns } from "../dist/match/patterns.js";
import { scan } from "../dist/scan.js";
import { ensureCorpus } from "../fixtures/bench/corpus.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const QUICK = !!process.env.BENCH_QUICK;
const SIZE_MB = QUICK ? 20 : 200; // the same corpus as bench/known.bench.mjs
const SECRETLINT_MB = QUICK ? 4 : 16;
const RG_MB = QUICK ? 8 : 40;
const RUNS = 3;
const mb = (bytes) => bytes / (1 << 20);
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function rules() {
  const extra = process.env.RESIDUE_BENCH_DETECTORS ? [process.env.RESIDUE_BENCH_DETECTORS] : [];
  let list = await loadCatalog(extra);
  let note = "";
  if (!list.length) {
    list = await loadCatalog([path.join(root, "fixtures", "detectors")]);
    note = " (catalog absent: fixture rules only)";
  }
  return { list, note };
}

/** Best (shortest) of n runs: the machine is shared, so the minimum is the least noisy figure. */
function best(n, f) {
  let top;
  for (let i = 0; i < n; i++) {
    const r = f();
    if (!top || r.s < top.s) top = r;
  }
  return top;
}

/** Our engine, one thread, reading each file and matching its whole text. */
function ours(files, matcher) {
  let bytes = 0;
  let found = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    bytes += text.length;
    found += matcher.find(text).length;
  }
  const c = process.cpuUsage(c0);
  return { s: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, bytes, found };
}

/** The catalog's regexes that ripgrep's engine accepts: named groups renamed apart, `i` scoped. */
function rgPatterns(list, dir) {
  const ok = [];
  let rejected = 0;
  list.forEach((r, n) => {
    const body = r.pattern.replace(/\(\?<([A-Za-z_]\w*)>/g, `(?P<$1_${n}>`);
    const p = r.flags?.includes("i") ? `(?i:${body})` : body;
    const t = spawnSync("rg", ["-q", "-e", p, "--", "-"], { input: "", encoding: "utf8" });
    if (t.error) throw t.error;
    if (t.status === 2) rejected++;
    else ok.push(p);
  });
  const file = path.join(dir, "patterns.txt");
  writeFileSync(file, `${ok.join("\n")}\n`);
  return { file, accepted: ok.length, rejected };
}

/** CPU seconds used by waited-for children (Linux /proc; 0 elsewhere): cutime + cstime. */
function childCpu() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return 0;
  }
}

function timeRun(cmd, args, opts = {}) {
  const c0 = childCpu();
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 28, ...opts });
  return { s: (performance.now() - t0) / 1000, cpu: childCpu() - c0, r };
}

/** The first files of the corpus, up to about mbWanted megabytes. */
function subset(files, mbWanted) {
  const out = [];
  let bytes = 0;
  for (const f of files) {
    if (bytes >= mbWanted << 20) break;
    out.push(f);
    bytes += statSync(f).size;
  }
  return { files: out, bytes };
}

function ripgrep(list, allFiles, work) {
  if (spawnSync("rg", ["--version"]).error) return undefined;
  const pats = rgPatterns(list, work);
  // its best settings for an ASCII corpus: ASCII classes, big regex and DFA budgets
  const limits = ["--no-unicode", "--regex-size-limit", "2G", "--dfa-size-limit", "2G"];
  const { files, bytes } = subset(allFiles, RG_MB);
  const base = [...limits, "--no-ignore", "--hidden", "--count-matches", "-f", pats.file, "--", ...files];
  const one = timeRun("rg", ["-j1", ...base]);
  const all = timeRun("rg", base);
  for (const run of [one, all])
    if (run.r.status === 2)
      throw new Error(`ripgrep failed: ${run.r.stderr.split("\n").slice(-2).join(" ")}`);
  const matches = one.r.stdout.split("\n").reduce((n, l) => n + (Number(l.split(":").pop()) || 0), 0);
  return { ...pats, one: one.s, oneCpu: one.cpu, all: all.s, matches, bytes };
}

function secretlint(files, work) {
  const rc = path.join(work, ".secretlintrc.json");
  writeFileSync(rc, JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }));
  const { files: some, bytes } = subset(files, SECRETLINT_MB);
  const bin = path.join(root, "node_modules", ".bin", "secretlint");
  const args = ["--secretlintrc", rc, "--format", "json", "--maskSecrets", ...some];
  const run = best(RUNS, () => timeRun(bin, args, { cwd: root }));
  if (run.r.error || run.r.status > 1) return { error: (run.r.stderr || String(run.r.error)).split("\n")[0] };
  // its start-up (Node, rule loading) on a one-line file, to give its scanning rate apart
  const tiny = path.join(work, "tiny.txt");
  writeFileSync(tiny, "hello\n");
  const start = best(RUNS, () =>
    timeRun(bin, ["--secretlintrc", rc, "--format", "json", tiny], { cwd: root }),
  );
  return { s: run.s, cpu: run.cpu, bytes, startS: start.s, startCpu: start.cpu };
}

const { files } = await ensureCorpus({ sizeMB: SIZE_MB });
const { list, note } = await rules();
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
const providers = new Set(list.map((r) => r.provider)).size;
console.log(`corpus: ${fmt(mb(bytes))} MB in ${files.length} files (fixtures/bench/corpus.mjs)`);
console.log(`rules: ${list.length} from ${providers} providers${note}`);
const matcher = compilePatterns(list);
ours(files.slice(0, 2), matcher); // warm-up
const mine = best(RUNS, () => ours(files, matcher));
const mineRate = mb(mine.bytes) / mine.s;
const mineCpu = mb(mine.bytes) / mine.cpu;
console.log(
  `residue patterns (1 thread, best of ${RUNS}): ${fmt(mineRate)} MB/s (${fmt(mineCpu)} MB per CPU-second), ${mine.found} matches, peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MB`,
);
// the whole pipeline: fs source, chunking, the catalog over the text and its decoded views, workers
const t0 = performance.now();
const run = scan({ targets: [path.dirname(path.dirname(files[0]))], rules: "all", env: {} });
let full = 0;
for await (const _ of run) full++;
const fullRate = mb(run.stats.bytes) / ((performance.now() - t0) / 1000);
console.log(`residue scan() (catalog + decoding, default workers): ${fmt(fullRate)} MB/s, ${full} findings`);
const work = mkdtempSync(path.join(tmpdir(), "residue-bench-"));
const rg = ripgrep(list, files, work);
if (!rg) console.log("ripgrep: not installed (apt-get install ripgrep); skipped");
else {
  const one = mb(rg.bytes) / rg.one;
  const all = mb(rg.bytes) / rg.all;
  console.log(
    `ripgrep: ${rg.accepted} regexes accepted, ${rg.rejected} rejected (look-around etc.), as one -f list`,
  );
  console.log(
    `ripgrep -j1 (${fmt(mb(rg.bytes))} MB subset, ${rg.matches} matches): ${fmt(one)} MB/s; default threads: ${fmt(all)} MB/s`,
  );
  const oneCpu = rg.oneCpu > 0 ? mb(rg.bytes) / rg.oneCpu : Number.NaN;
  console.log(`ripgrep -j1 per CPU-second: ${fmt(oneCpu)} MB`);
  console.log(
    `ratio residue/ripgrep (1 thread each): ${(mineRate / one).toFixed(2)}x wall, ${(mineCpu / oneCpu).toFixed(2)}x CPU (target >= 0.25x)`,
  );
}
const sl = secretlint(files, work);
if (sl.error) console.log(`secretlint: failed: ${sl.error}`);
else {
  const rate = mb(sl.bytes) / sl.s;
  const cpuRate = sl.cpu > 0 ? mb(sl.bytes) / sl.cpu : Number.NaN;
  console.log(
    `secretlint (recommended preset, ${fmt(mb(sl.bytes))} MB subset, best of ${RUNS}): ${fmt(rate)} MB/s (${fmt(cpuRate)} MB per CPU-second)`,
  );
  const scanRate = mb(sl.bytes) / (sl.s - sl.startS);
  console.log(`secretlint without its ${sl.startS.toFixed(2)} s start-up: ${fmt(scanRate)} MB/s`);
  console.log(
    `ratio residue/secretlint: ${(mineRate / rate).toFixed(1)}x wall, ${(mineCpu / cpuRate).toFixed(1)}x CPU, ${(mineRate / scanRate).toFixed(1)}x without start-up (target >= 10x)`,
  );
  console.log(`ratio residue scan() with decoding/secretlint: ${(fullRate / rate).toFixed(1)}x`);
}
