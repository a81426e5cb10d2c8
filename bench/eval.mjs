#!/usr/bin/env node
// npm run eval: the catalog's size (rules, providers, rules with and without real-shaped samples),
// then its accuracy on real third-party data (bench/eval-real.mjs: leaky-repo, secretlint's cases,
// express history noise, from ../shared/corpora; skipped when absent), then precision and recall on
// the generated, labelled set of fixtures/eval/ (target ≥ 0.95 both). Runs the built engine (dist/).
// Options: --no-real (skip the corpora), --no-express (skip the slowest corpus), --stand-in (plain
// RegExp stand-in for the generated set), --misses (list missed and false findings, redacted).
import { existsSync } from "node:fs";
import { loadRules, standInMatcher } from "../fixtures/catalog/lib.mjs";
import { generate } from "../fixtures/eval/generate.mjs";
import { realNegatives } from "../fixtures/eval/real.mjs";
import { realDataSection } from "./eval-real.mjs";

const args = new Set(process.argv.slice(2));
const redact = (s) => (s.length >= 16 ? `${s.slice(0, 4)}…${s.slice(-2)}` : "…");

// The scan's own matcher when it is built: createMatchEngine (patterns over the text and its decoded
// views) if dist has it, else compilePatterns (plain text only); else the stand-in.
async function engine() {
  const dist = new URL("../dist/", import.meta.url);
  if (!args.has("--stand-in") && existsSync(new URL("match/patterns.js", dist))) {
    const { loadCatalog } = await import(new URL("detectors/index.js", dist).href);
    const rules = await loadCatalog();
    const index = await import(new URL("match/index.js", dist).href).catch(() => ({}));
    if (rules.length && typeof index.createMatchEngine === "function")
      return {
        name: "residue match engine (dist/, patterns + decoding)",
        rules,
        matcher: index.createMatchEngine({ manifests: [], rules }),
      };
    const { compilePatterns } = await import(new URL("match/patterns.js", dist).href);
    if (rules.length)
      return { name: "residue pattern engine (dist/, no decoding)", rules, matcher: compilePatterns(rules) };
  }
  const rules = loadRules();
  return { name: "stand-in (plain RegExp, fixtures/catalog/lib.mjs)", rules, matcher: standInMatcher(rules) };
}

const overlaps = (a, b) => a.start < b.end && b.start < a.end;
const tally = () => ({ tp: 0, fn: 0, hit: 0, fp: 0 });

function score(docs, matcher, providerOf, familiesOf) {
  const by = new Map();
  const get = (k) => by.get(k) ?? by.set(k, tally()).get(k);
  const misses = [];
  for (const d of docs) {
    const found = new Map();
    for (const m of matcher.find(d.text)) found.set(`${m.start}:${m.end}:${m.ruleId}`, m);
    // low-confidence findings (made-up values in a token format, example hosts) are hidden by default
    const ms = [...found.values()].filter((m) => m.confidence !== "low");
    for (const s of d.secrets) {
      const ok = ms.some((m) => overlaps(m, s));
      for (const k of ["all", `provider ${s.provider}`, `tag ${s.tags[0]}`, `form ${d.form}`])
        get(k)[ok ? "tp" : "fn"]++;
      if (!ok) misses.push(`missed ${s.rule} (${d.kind}) ${redact(d.text.slice(s.start, s.end))}`);
    }
    for (const m of ms) {
      const ok = d.secrets.some((s) => overlaps(m, s));
      const keys = ["all", `provider ${providerOf(m.ruleId)}`, ...familiesOf(m.ruleId)];
      if (d.kind === "negative") keys.push(`negative ${d.family}`);
      for (const k of keys) get(k)[ok ? "hit" : "fp"]++;
      if (!ok) misses.push(`false ${m.ruleId} in ${d.family} ${d.kind}: ${redact(m.value ?? "")}`);
    }
  }
  return { by, misses };
}

const pct = (a, b) => (b ? (a / b).toFixed(3) : "  -  ");
const row = (k, t) =>
  `${k.padEnd(34)} precision ${pct(t.hit, t.hit + t.fp)}  recall ${pct(t.tp, t.tp + t.fn)}  (${t.tp}/${t.tp + t.fn} found, ${t.fp} false)`;

const { name, rules, matcher } = await engine();
const sampled = rules.filter((r) => r.samples?.length).length;
console.log(
  `catalog: ${rules.length} rules, ${new Set(rules.map((r) => r.provider)).size} providers; ${sampled} rules with real-shaped samples, ${rules.length - sampled} without`,
);
if (!args.has("--no-real")) {
  console.log("\nreal data (scored as ../shared/scoreboard/score.mjs scores it):");
  await realDataSection({ express: !args.has("--no-express") });
}
console.log("\ngenerated set:");
const byId = new Map(rules.map((r) => [r.id, r]));
const real = realNegatives();
const docs = [...generate(), ...real.docs];
const { by, misses } = score(
  docs,
  matcher,
  (id) => byId.get(id)?.provider ?? "?",
  (id) => [`tag ${byId.get(id)?.tags?.[0] ?? "?"}`],
);
const pos = docs.filter((d) => d.kind === "positive").length;
console.log(
  `engine: ${name}; ${rules.length} rules, ${new Set(rules.map((r) => r.provider)).size} providers`,
);
console.log(
  `set: ${docs.length} documents (${pos} positive, ${docs.length - pos} negative, ${real.docs.length} of them real files)`,
);
if (real.missing.length) console.log(`real files not found (skipped): ${real.missing.join(", ")}`);
console.log("");
console.log(row("OVERALL", by.get("all")));
for (const k of [...by.keys()].filter((k) => k.startsWith("form ")).sort())
  console.log(row(`  positives stored ${k.slice(5)}`, by.get(k)));
console.log("\nby family (first tag):");
for (const k of [...by.keys()].filter((k) => k.startsWith("tag ")).sort())
  console.log(row(k.slice(4), by.get(k)));
const weak = [...by.keys()]
  .filter((k) => k.startsWith("provider "))
  .sort()
  .filter((k) => {
    const t = by.get(k);
    return t.fn || t.fp;
  });
console.log(
  `\nproviders below 1.000 (${weak.length} of ${[...by.keys()].filter((k) => k.startsWith("provider ")).length}):`,
);
for (const k of weak) console.log(row(k.slice(9), by.get(k)));
const noisy = [...by.keys()].filter((k) => k.startsWith("negative ")).sort();
console.log(
  `\nfalse findings by negative source: ${noisy.map((k) => `${k.slice(9)} ${by.get(k).fp}`).join(", ") || "none"}`,
);
if (args.has("--misses")) for (const m of misses) console.log(m);
const all = by.get("all");
const ok = all.hit / (all.hit + all.fp) >= 0.95 && all.tp / (all.tp + all.fn) >= 0.95;
console.log(`\ntarget ≥ 0.95 precision and recall: ${ok ? "met" : "NOT met"}`);
