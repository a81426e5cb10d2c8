// The real-data section of `npm run eval`: the third-party corpora of ../shared/corpora/ (or
// $RESIDUE_CORPORA), scored exactly as ../shared/scoreboard/score.mjs scores them. leaky-repo:
// its 96 risky items (Σ per file of min(findings, risk)) and its own upstream rule; secretlint's
// rule test cases (ng found, ok quiet); express, every ref: what the default output shows
// (pattern findings above low confidence). Each corpus is skipped with a line when absent.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The corpora folder, or undefined when this checkout has none beside it. */
export function corporaDir() {
  const dir = process.env.RESIDUE_CORPORA ?? path.resolve(root, "../shared/corpora");
  return existsSync(path.join(dir, "README.md")) ? dir : undefined;
}

/** Every finding of a scan of `target` with all rules, as the JSON report has them. */
async function findingsOf(target) {
  const { scan, findingJson } = await import(path.join(root, "dist/index.js"));
  const run = scan({ targets: [target], workers: 0, env: {} });
  const out = [];
  for await (const f of run) out.push(findingJson(f));
  return out;
}

const git = (...args) => spawnSync("git", args, { stdio: "ignore" }).status === 0;

/**
 * Lines a file's findings account for beyond their own: for each context entry (user, host...),
 * the nearest other line that holds its value; those are the lines leaky-repo counts apart.
 */
function contextLines(text, found) {
  const lines = text.split("\n");
  const own = new Set(found.map((f) => f.location.line));
  const extra = new Set();
  for (const f of found)
    for (const v of Object.values(f.context ?? {})) {
      let best;
      lines.forEach((l, i) => {
        const n = i + 1;
        if (own.has(n) || !l.includes(v)) return;
        if (best === undefined || Math.abs(n - f.location.line) < Math.abs(best - f.location.line)) best = n;
      });
      if (best !== undefined) extra.add(best);
    }
  return extra.size;
}

/** leaky-repo: risky items covered (also counting context lines), false findings, the upstream score. */
export async function scoreLeaky(corpora, work) {
  const truth = JSON.parse(readFileSync(path.join(corpora, "leaky-repo.truth.json"), "utf8"));
  const dir = path.join(work, "leaky-repo");
  if (!git("clone", "-q", path.join(corpora, "leaky-repo.bundle"), dir)) return undefined;
  const per = {};
  for (const f of await findingsOf(dir)) {
    const p = path
      .relative(dir, String(f.location.path ?? ""))
      .split(path.sep)
      .join("/");
    (per[p] ??= []).push(f);
  }
  let credited = 0;
  let falses = 0;
  let files = 0;
  let risk = 0;
  let withContext = 0;
  const scored = new Set(truth.files.map((f) => f.path));
  for (const f of truth.files) {
    const found = per[f.path] ?? [];
    const n = found.length;
    const over = Math.max(n - f.expected, 0);
    falses += over;
    credited += n - over;
    risk += Math.min(n, f.risk);
    const more = n ? contextLines(readFileSync(path.join(dir, f.path), "utf8"), found) : 0;
    withContext += Math.min(n + more, f.risk);
    if (n) files++;
  }
  for (const [p, list] of Object.entries(per))
    if (!scored.has(p) && !/^\.leaky-meta\/|^README|^LICENSE|\.db$/.test(p)) falses += list.length;
  return {
    risk,
    withContext,
    riskTotal: truth.totals.risk,
    falses,
    credited,
    expected: truth.totals.expected,
    files,
    fileTotal: truth.files.length,
  };
}

/** secretlint's cases: expected findings found (at most the expected count per case) and findings on ok cases. */
export async function scoreSecretlint(corpora) {
  const dir = path.join(corpora, "secretlint-snapshots");
  const index = JSON.parse(readFileSync(path.join(dir, "index.json"), "utf8"));
  const found = await findingsOf(dir);
  let expected = 0;
  let got = 0;
  let onOk = 0;
  for (const c of index) {
    const n = found.filter((f) =>
      String(f.location.path ?? "")
        .split(path.sep)
        .join("/")
        .includes(`${c.rule}/${c.case}/`),
    ).length;
    expected += c.expected;
    got += Math.min(n, c.expected);
    if (!c.expected) onOk += n;
  }
  return { got, expected, onOk };
}

/** express, every ref: pattern findings shown by default (above low), private keys apart, by rule. */
export async function scoreExpress(corpora, work) {
  const mirror = path.join(work, "express.git");
  if (!git("clone", "-q", "--mirror", path.join(corpora, "express-all.bundle"), mirror)) return undefined;
  const all = (await findingsOf(`git:${mirror}`)).filter((f) => f.kind === "pattern");
  const shown = all.filter((f) => f.confidence !== "low");
  const keys = shown.filter((f) => /private|rsa|pem/i.test(f.ruleId ?? ""));
  const other = shown.filter((f) => !keys.includes(f));
  const byRule = {};
  for (const f of other) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  return {
    all: all.length,
    shown: shown.length,
    keys: keys.length,
    other: other.length,
    distinct: new Set(other.map((f) => f.secretKey)).size,
    byRule,
  };
}

/** Prints the real-data section; returns its figures (undefined when the corpora are absent). */
export async function realDataSection({ express = true } = {}) {
  const corpora = corporaDir();
  if (!corpora) {
    console.log(
      "real data: skipped (no ../shared/corpora beside this checkout; set RESIDUE_CORPORA to score it)",
    );
    return undefined;
  }
  const work = mkdtempSync(path.join(tmpdir(), "residue-eval-"));
  const pct = (a, b) => `${((100 * a) / b).toFixed(1)}%`;
  try {
    const leaky = await scoreLeaky(corpora, work);
    if (leaky)
      console.log(
        `leaky-repo          risky items ${pct(leaky.risk, leaky.riskTotal)} (${leaky.risk}/${leaky.riskTotal}), ${leaky.falses} false; with context lines ${pct(leaky.withContext, leaky.riskTotal)} (${leaky.withContext}/${leaky.riskTotal}); upstream scoring ${pct(leaky.credited, leaky.expected)}, files ${leaky.files}/${leaky.fileTotal}`,
      );
    const sl = await scoreSecretlint(corpora);
    console.log(
      `secretlint cases    recall ${pct(sl.got, sl.expected)} (${sl.got}/${sl.expected}), ${sl.onOk} findings on ok cases`,
    );
    const ex = express ? await scoreExpress(corpora, work) : undefined;
    if (ex)
      console.log(
        `express, every ref  ${ex.shown} findings shown (${ex.keys} private key, ${ex.other} other: ${ex.distinct} distinct ${JSON.stringify(ex.byRule)}), ${ex.all - ex.shown} low-confidence not shown`,
      );
    else if (!express) console.log("express, every ref  skipped (--no-express)");
    return { leaky, secretlint: sl, express: ex };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
