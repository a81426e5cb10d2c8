#!/usr/bin/env node
// Chat and tickets bench: a generated Slack workspace (200 channels, 100,000 messages) read
// through the Web API from a fake server in a child process, the same workspace as an export
// zip, a generated Jira site through the REST API, and a large one-file Jira export (streamed).
// Each part runs in a fresh process so its peak RSS is its own. Prints messages (issues)/s, peak
// RSS (match workers included) and the main thread's live heap after GC. BENCH_QUICK=1: small.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "..");
const quick = process.env.BENCH_QUICK === "1";
const CH = Number(process.env.BENCH_CHANNELS) || (quick ? 20 : 200);
const MSG = Number(process.env.BENCH_MESSAGES) || (quick ? 5_000 : 100_000);
const ISSUES = quick ? 500 : 5_000;
const PLANTED = "fake_bench_Q7xW2pL9vR4tY8nB3mK6cZ1d";

/** Starts the fake API in a child process; resolves with its URLs and a stop function. */
function serve(args) {
  const child = spawn(process.execPath, [path.join(root, "test/helpers/serve-fake.mjs"), ...args], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout.once("data", (b) => resolve({ ...JSON.parse(String(b)), stop: () => child.stdin.end() }));
    child.once("error", reject);
  });
}

/** One measured scan, in this process, with a manifest holding the planted secret: items/s, findings, peak RSS. */
async function measure(target, env, extra = {}) {
  const { scan, addToManifest } = await import("../dist/index.js");
  const manifest = path.join(mkdtempSync(path.join(tmpdir(), "residue-chat-bench-m-")), "m.json");
  await addToManifest(manifest, [{ id: "planted", value: PLANTED }], { env: {} });
  const t0 = performance.now();
  // live heap after a GC every 5,000 chunks: flat when nothing accumulates
  let chunks = 0;
  let heapMB = 0;
  const onChunk = () => {
    if (++chunks % 5_000 || !globalThis.gc) return;
    globalThis.gc();
    heapMB = Math.max(heapMB, process.memoryUsage().heapUsed / 2 ** 20);
  };
  const run = scan({ targets: [target], env, manifests: [manifest], onChunk, ...extra });
  let findings = 0;
  for await (const _ of run) findings++;
  const s = (performance.now() - t0) / 1000;
  return {
    items: run.stats.items,
    seconds: s,
    rate: run.stats.items / s,
    findings,
    errors: run.errors.length,
    peakMB: process.resourceUsage().maxRSS / 1024,
    heapMB,
  };
}

async function part(name) {
  if (name === "slack") {
    const srv = await serve(["slack", String(CH), String(MSG)]);
    try {
      return await measure("slack:", { SLACK_TOKEN: "xoxb-bench", SLACK_API_URL: srv.apiUrl });
    } finally {
      srv.stop();
    }
  }
  if (name === "slack-export") {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-chat-bench-"));
    const zip = path.join(dir, "export.zip");
    spawnSync(process.execPath, [
      path.join(root, "fixtures/slack/generate-workspace.mjs"),
      zip,
      String(CH),
      String(MSG),
    ]);
    try {
      const r = await measure(`slack-export:${zip}`, {}, { slackDomain: "bench" });
      return { ...r, zipMB: statSync(zip).size / 2 ** 20 };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (name === "jira-export") {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-chat-bench-"));
    const file = path.join(dir, "issues.json");
    spawnSync(process.execPath, [
      path.join(root, "fixtures/jira/generate-issues.mjs"),
      file,
      String(ISSUES * 4),
    ]);
    try {
      const r = await measure(`jira-export:${file}`, {});
      return { ...r, fileMB: statSync(file).size / 2 ** 20 };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const srv = await serve(["jira", String(ISSUES)]);
  try {
    return await measure(`jira:${srv.url}`, { JIRA_EMAIL: "bench@example.com", JIRA_API_TOKEN: "bench" });
  } finally {
    srv.stop();
  }
}

const only = process.argv[2];
if (only) {
  console.log(JSON.stringify(await part(only)));
} else {
  console.log(`chat bench${quick ? " (quick)" : ""}: ${CH} channels, ${MSG} messages; ${ISSUES} Jira issues`);
  for (const name of ["slack", "slack-export", "jira", "jira-export"]) {
    const r = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), name], {
      encoding: "utf8",
    });
    if (r.status !== 0) {
      console.log(`${name}: failed\n${r.stderr}`);
      process.exitCode = 1;
      continue;
    }
    const m = JSON.parse(r.stdout.trim().split("\n").pop());
    const unit = name.startsWith("jira") ? "issues" : "messages";
    console.log(
      `${name.padEnd(13)} ${m.items} ${unit} in ${m.seconds.toFixed(1)} s = ${Math.round(m.rate)} ${unit}/s, ` +
        `peak RSS ${m.peakMB.toFixed(0)} MB, heap after GC ≤ ${m.heapMB.toFixed(0)} MB, findings ${m.findings}, errors ${m.errors}` +
        (m.zipMB ? `, zip ${m.zipMB.toFixed(1)} MB` : "") +
        (m.fileMB ? `, file ${m.fileMB.toFixed(1)} MB` : ""),
    );
  }
}
