#!/usr/bin/env node
// Issue 12's table on real corpora (../shared/corpora, or $RESIDUE_CORPORA): every row with its
// peer measured in the same run, in turn, median of BENCH_RUNS runs (3; BENCH_QUICK=1: 1), and the
// peak RSS of each residue run (/usr/bin/time). Rows: history of express at every ref against
// reading every object once; the known-secret hunt (1,000 secrets) in the project's own
// node_modules against rg -F, and 100,000 secrets against 1; the pattern scan of express's blobs
// as files against ripgrep running the catalog's own regexes; secretlint's recommended preset
// against residue on 1,000 of those blobs; leaky-repo's history. Work files: bench/.cache/real.
// REAL_ROWS=history,known,patterns,leaky runs some.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { corporaDir } from "./eval-real.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const work = path.join(root, "bench", ".cache", "real");
const bin = path.join(root, "bin", "residue.js");
const runs = Number(process.env.BENCH_RUNS ?? (process.env.BENCH_QUICK === "1" ? 1 : 3));
// the manifests' keys live beside them in the cache, never in the user's configuration folder
const env = { ...process.env, XDG_CONFIG_HOME: path.join(work, "config") };
const sh = (cmd) => spawnSync("bash", ["-c", cmd], { encoding: "utf8", env, maxBuffer: 1 << 30 });
const has = (cmd) => sh(`command -v ${cmd}`).status === 0;
const hasTime = existsSync("/usr/bin/time");
const residue = (args) => `node ${JSON.stringify(bin)} ${args}`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = process.env.REAL_ROWS?.split(",");
const wanted = (name) => !rows || rows.includes(name);
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : "n/a");

/** Wall seconds and peak RSS (MB) of one command; NaN when it failed (exit 0, 1 and 3 are answers). */
function timed(cmd) {
  const rssFile = path.join(work, "rss");
  const t = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync("/usr/bin/time", ["-f", "%M", "-o", rssFile, "bash", "-c", cmd], { env, stdio: "ignore" })
    : spawnSync("bash", ["-c", cmd], { env, stdio: "ignore" });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  if (![0, 1, 3].includes(r.status ?? -1)) return { s: Number.NaN, rss: Number.NaN };
  const rss = hasTime ? Number(readFileSync(rssFile, "utf8").trim().split("\n").pop()) / 1024 : Number.NaN;
  return { s, rss };
}

/** A against B, run in turn `runs` times: medians, their ratio and A's peak RSS. */
function ratio(a, b) {
  const as = [];
  const bs = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const x = timed(a);
    as.push(x.s);
    rss = Math.max(rss, x.rss);
    bs.push(timed(b).s);
  }
  const [ma, mb] = [median(as), median(bs)];
  return { a: ma, b: mb, r: ma / mb, rss };
}

function row(measure, value, goal) {
  console.log(`${measure.padEnd(44)} ${value.padEnd(52)} goal ${goal}`);
}

function mirror(bundle, name) {
  // the folder is named by the corpus's first word: the shell commands take it unquoted
  const dir = path.join(work, `${name.split(" ")[0]}.git`);
  if (!existsSync(path.join(dir, "HEAD"))) sh(`git clone -q --mirror ${bundle} ${dir}`);
  return dir;
}

function manifest(name, secrets) {
  const file = path.join(work, `${name}.manifest.json`);
  if (existsSync(file)) return file;
  writeFileSync(path.join(work, `${name}.txt`), `${secrets.join("\n")}\n`);
  sh(`${residue(`manifest add -m ${file} --from ${path.join(work, `${name}.txt`)} --input lines`)}`);
  return file;
}

/** n random 40-character secrets from a seed (the scoreboard's). */
function gen(n, seed) {
  const a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let h = crypto.createHash("sha256").update(seed).digest();
  const out = [];
  for (let i = 0; i < n; i++) {
    let s = "";
    for (let j = 0; j < 40; j++) {
      if (!(j % 32)) h = crypto.createHash("sha256").update(h).digest();
      s += a[h[j % 32] % 62];
    }
    out.push(s);
  }
  return out;
}

function history(name, bundle) {
  const m = mirror(bundle, name);
  const two = manifest("two", ["AKIAQWERTYUIOPASDFGH", "ghp_0123456789abcdefghijABCDEFGHIJ012345"]);
  const r = ratio(
    residue(`scan -m ${two} -f json -o /dev/null git:${m}`),
    `git -C ${m} cat-file --batch-all-objects --batch >/dev/null`,
  );
  row(
    `history scan, ${name} / object-read floor`,
    `${f2(r.r)} (${f2(r.a)} s vs ${f2(r.b)} s), peak ${Math.round(r.rss)} MB`,
    "≤ 2.0, ≤ 300 MB",
  );
}

function known() {
  const corpus = path.join(work, "node_modules-copy");
  if (!existsSync(corpus)) sh(`cp -r ${path.join(root, "node_modules")} ${corpus} && rm -rf ${corpus}/.bin`);
  const k = gen(1000, "k");
  const needles = manifest("needles", k);
  const one = manifest("one", k.slice(0, 1));
  const many = manifest("many", gen(100000, "m").concat(k.slice(0, 1)));
  const mb = Number(sh(`du -sm ${corpus}`).stdout.split("\t")[0]);
  const r1 = ratio(
    residue(`scan -m ${needles} -f json -o /dev/null ${corpus}`),
    `rg -uu -F -c -f ${path.join(work, "needles.txt")} ${corpus}`,
  );
  row(
    "known hunt, 1,000 secrets / rg -uu -F",
    `${f2(r1.r)} (${f2(r1.a)} s vs ${f2(r1.b)} s on ${mb} MB), peak ${Math.round(r1.rss)} MB`,
    "≤ 2.0 (moonshot 1.0)",
  );
  const r2 = ratio(
    residue(`scan -m ${many} -f json -o /dev/null ${corpus}`),
    residue(`scan -m ${one} -f json -o /dev/null ${corpus}`),
  );
  row(
    "known hunt, 100,000 / 1 secret",
    `${f2(r2.r)} (${f2(r2.a)} s vs ${f2(r2.b)} s), peak ${Math.round(r2.rss)} MB`,
    "≤ 1.3",
  );
}

/** Express's blobs under 1 MB as files named by their ids. */
function expressBlobs(corpora) {
  const tree = path.join(work, "express-blobs");
  if (existsSync(tree)) return tree;
  const m = mirror(path.join(corpora, "express-all.bundle"), "express");
  mkdirSync(tree);
  const ids = sh(
    `git -C ${m} cat-file --batch-all-objects --batch-check='%(objectname) %(objecttype) %(objectsize)'`,
  )
    .stdout.split("\n")
    .map((l) => l.split(" "))
    .filter(([, type, size]) => type === "blob" && Number(size) < 1e6)
    .map(([id]) => id);
  const out = spawnSync("git", ["-C", m, "cat-file", "--batch"], {
    input: `${ids.join("\n")}\n`,
    maxBuffer: 1 << 30,
  }).stdout;
  for (let i = 0; i < out.length; ) {
    const nl = out.indexOf(10, i);
    const [id, , size] = out.toString("latin1", i, nl).split(" ");
    const end = nl + 1 + Number(size);
    writeFileSync(path.join(tree, id), out.subarray(nl + 1, end));
    i = end + 1;
  }
  return tree;
}

/** The catalog's own regexes in ripgrep's syntax (names dropped, the i flag kept); those rg accepts. */
async function catalogRegexes() {
  const { parse } = await import("yaml");
  const ok = [];
  for (const file of readdirSync(path.join(root, "detectors")).filter((f) => /\.ya?ml$/.test(f))) {
    for (const x of parse(readFileSync(path.join(root, "detectors", file), "utf8")) ?? []) {
      const body = Array.isArray(x.pattern) ? x.pattern.join("") : String(x.pattern ?? "");
      const re =
        (String(x.flags ?? "").includes("i") ? "(?i)" : "") + body.replace(/\(\?<([A-Za-z_]\w*)>/g, "(");
      if (body && spawnSync("rg", ["-e", re, "-"], { input: "" }).status !== 2) ok.push(re);
    }
  }
  const file = path.join(work, "rg-regexes.txt");
  writeFileSync(file, `${ok.join("\n")}\n`);
  return { file, n: ok.length };
}

async function patterns(corpora) {
  const tree = expressBlobs(corpora);
  const re = await catalogRegexes();
  const mb = Number(sh(`du -sm ${tree}`).stdout.split("\t")[0]);
  const r = ratio(
    residue(`scan -f json -o /dev/null ${tree}`),
    `rg -uu --no-unicode --regex-size-limit 1G --dfa-size-limit 1G -c -f ${re.file} ${tree}`,
  );
  row(
    "pattern scan / rg (catalog regexes)",
    `${f2(r.r)} (${f2(r.a)} s vs ${f2(r.b)} s on ${mb} MB, ${re.n} regexes), peak ${Math.round(r.rss)} MB`,
    "≤ 1.0",
  );
  const sl = path.join(root, "node_modules", ".bin", "secretlint");
  if (!existsSync(sl))
    return row("secretlint / residue, 1,000 files", "n/a (secretlint not installed)", "≥ 10");
  const small = path.join(work, "express-1000");
  if (!existsSync(small)) {
    mkdirSync(small);
    for (const f of readdirSync(tree).sort().slice(0, 1000))
      sh(`cp ${path.join(tree, f)} ${path.join(small, `${f}.txt`)}`);
  }
  const rc = path.join(work, ".secretlintrc.json");
  writeFileSync(rc, JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }));
  const r3 = ratio(
    `cd ${small} && ${sl} --secretlintrc ${rc} '**/*'`,
    residue(`scan -f json -o /dev/null ${small}`),
  );
  row(
    "secretlint / residue, 1,000 express blobs",
    `${f2(r3.r)} (${f2(r3.a)} s vs ${f2(r3.b)} s), residue peak ${Math.round(r3.rss)} MB`,
    "≥ 10",
  );
}

const corpora = corporaDir();
if (!existsSync(bin) || !existsSync(path.join(root, "dist"))) {
  console.log("real corpora: build first (npm run build)");
} else if (!corpora || !has("rg")) {
  console.log("real corpora: skipped (needs ../shared/corpora or $RESIDUE_CORPORA, git and ripgrep)");
} else {
  mkdirSync(work, { recursive: true });
  rmSync(path.join(work, "rss"), { force: true });
  console.log(`real corpora from ${corpora}, median of ${runs} run(s) each, peers run in turn`);
  if (wanted("history")) history("express every ref", path.join(corpora, "express-all.bundle"));
  if (wanted("known")) known();
  if (wanted("patterns")) await patterns(corpora);
  if (wanted("leaky")) history("leaky-repo", path.join(corpora, "leaky-repo.bundle"));
  row(
    "larger real history (15,000 blobs, 4,500 refs)",
    "held out: the scoreboard's, not in the corpora",
    "≤ 300 MB",
  );
}
