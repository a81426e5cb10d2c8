// Sweep throughput: a folder of generated files swept twice into a fresh store (a copy in one file
// of ten, a tenth of them deleted before the second run), with a literal matcher, then the report.
// Prints files/s, MB/s, copies stored per second, store size, report time and peak RSS.
// BENCH_QUICK=1: a small folder.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Secret } from "../dist/secret.js";
import { openStore } from "../dist/store/index.js";
import { parseSweepConfig } from "../dist/sweep/config.js";
import { reportHtml, reportJson } from "../dist/sweep/report.js";
import { runSweep } from "../dist/sweep/run.js";

const quick = !!process.env.BENCH_QUICK;
const files = quick ? 2_000 : 20_000;
const secret = `fake_bench_${"Q7x2".repeat(6)}`;
const base = mkdtempSync(path.join(tmpdir(), "residue-bench-sweep-"));
const tree = path.join(base, "tree");
let bytes = 0;
for (let i = 0; i < files; i++) {
  const dir = path.join(tree, `d${i % 100}`);
  if (i < 100) mkdirSync(dir, { recursive: true });
  const body = `# generated file ${i}\n${"lorem ipsum dolor sit amet ".repeat(40)}\n${i % 10 === 0 ? `KEY=${secret}\n` : ""}`;
  writeFileSync(path.join(dir, `f${i}.txt`), body);
  bytes += body.length;
}
const matcher = {
  find(text) {
    const out = [];
    for (let i = text.indexOf(secret); i !== -1; i = text.indexOf(secret, i + 1))
      out.push({
        start: i,
        end: i + secret.length,
        kind: "known",
        secretId: "bench",
        form: "plain",
        match: "exact",
        coverage: 1,
        value: secret,
      });
    return out;
  },
};
const config = parseSweepConfig({ targets: ["tree"] }, path.join(base, "sweep.json"));
const db = path.join(base, "r.db");
const sweep = async (label) => {
  const t0 = performance.now();
  const r = await runSweep({ config, db, scanOptions: { matcher } });
  const s = (performance.now() - t0) / 1000;
  const stored = r.counts.new + r.counts.surviving + r.counts.gone;
  console.log(
    `${label}: ${files} files in ${s.toFixed(2)} s — ${(files / s).toFixed(0)} files/s, ${(bytes / 1e6 / s).toFixed(1)} MB/s, ` +
      `${(stored / s).toFixed(0)} copies/s (${r.counts.new} new, ${r.counts.surviving} surviving, ${r.counts.gone} gone)`,
  );
};
await sweep("first sweep");
for (let i = 0; i < files; i += 100) rmSync(path.join(tree, `d${i % 100}`, `f${i}.txt`));
await sweep("second sweep");
const store = await openStore(db);
const run = store.reader.run();
const t0 = performance.now();
const copies = store.reader.copies(run.id);
const html = reportHtml({ run, copies, reader: store.reader });
const json = reportJson({ run, copies, reader: store.reader });
console.log(
  `report of ${copies.length} copies: ${(performance.now() - t0).toFixed(0)} ms (html ${(html.length / 1024).toFixed(0)} KiB, json ${(json.length / 1024).toFixed(0)} KiB)`,
);
store.close();
console.log(
  `store: ${(statSync(db).size / 1024).toFixed(0)} KiB; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
);

// the store alone: one transaction per finding (the worst case of one copy per chunk)
const alone = await openStore(path.join(base, "alone.db"));
const n = quick ? 5_000 : 50_000;
const runA = alone.writer.startRun();
const t1 = performance.now();
for (let i = 0; i < n; i++) {
  const f = {
    id: `f${i}`,
    kind: "known",
    secretId: "bench",
    secretKey: "known:bench",
    form: "plain",
    match: "exact",
    coverage: 1,
    provenance: { source: "fs", path: `/x/${i}.txt` },
    line: 1,
    column: 1,
    uri: `/x/${i}.txt:1:1`,
    secret: new Secret(secret),
  };
  alone.writer.write(runA, { target: "x", findings: [f] });
}
const s1 = (performance.now() - t1) / 1000;
console.log(`store alone: ${n} findings, one transaction each: ${(n / s1).toFixed(0)} findings/s`);
const runB = alone.writer.startRun();
const t2 = performance.now();
for (let i = 0; i < n; i += 500) {
  const batch = [];
  for (let j = i; j < i + 500; j++)
    batch.push({
      id: `g${j}`,
      kind: "known",
      secretId: "bench",
      secretKey: "known:bench",
      form: "plain",
      match: "exact",
      coverage: 1,
      provenance: { source: "fs", path: `/y/${j}.txt` },
      line: 1,
      column: 1,
      uri: `/y/${j}.txt:1:1`,
      secret: new Secret(secret),
    });
  alone.writer.write(runB, { target: "y", findings: batch });
}
console.log(
  `store alone: ${n} findings, 500 per transaction: ${(n / ((performance.now() - t2) / 1000)).toFixed(0)} findings/s`,
);
alone.close();
rmSync(base, { recursive: true, force: true });
