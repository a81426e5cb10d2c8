#!/usr/bin/env node
import { spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
// Logs bench: `residue scan logs:FILE` over a generated GitHub-Actions-style log (timestamps,
// ANSI colours, masks, a few planted copies of a fake secret) of 1 GiB (BENCH_QUICK=1: 100 MiB),
// and over a .gz of its first 100 MiB (the archive path), each in a child process; prints MB/s
// and the child's peak RSS. The inputs are cached in bench/.cache/.
import { mulberry32 } from "../fixtures/prng.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const quick = process.env.BENCH_QUICK === "1";
const size = (quick ? 100 : 1024) * 1024 * 1024;
const cache = path.join(here, ".cache");
const log = path.join(cache, `logs-${size}.txt`);
const secret = "fake_bench_token_Q7m2Lx9Vb4Nc8Zt1Wp6K";
const bin = path.join(root, "bin", "residue.js");

const rng = mulberry32;

const words = [
  "build",
  "compile",
  "test",
  "deploy",
  "cache",
  "restore",
  "upload",
  "artifact",
  "node",
  "npm",
  "install",
  "resolved",
  "packages",
  "warning",
  "done",
  "step",
  "runner",
  "docker",
  "layer",
  "pull",
];
const E = "\x1b";

/** Writes the log once: ~90-byte lines, a planted copy every 100,000 lines, masks on some; returns the copies. */
function generate() {
  const meta = `${log}.planted`;
  if (existsSync(log) && statSync(log).size === size && existsSync(meta))
    return Number(readFileSync(meta, "utf8"));
  mkdirSync(cache, { recursive: true });
  const rand = rng(5);
  const fd = openSync(log, "w");
  let written = 0;
  let n = 0;
  let planted = 0;
  while (written < size) {
    const lines = [];
    let block = 0;
    while (block < 1 << 20) {
      n++;
      const t = `2024-05-01T${String(10 + (((n / 3600000) | 0) % 14)).padStart(2, "0")}:${String(((n / 60000) | 0) % 60).padStart(2, "0")}:${String(((n / 1000) | 0) % 60).padStart(2, "0")}.${String(n % 10000000).padStart(7, "0")}Z `;
      const k = 6 + Math.floor(rand() * 10);
      let msg = "";
      for (let i = 0; i < k; i++) msg += `${words[Math.floor(rand() * words.length)]} `;
      const r = rand();
      if (r < 0.1) msg = `${E}[36;1m${msg}${E}[0m`;
      else if (r < 0.12) msg += "token=***";
      else if (r < 0.13)
        msg += `sha256:${Math.floor(rand() * 2 ** 52).toString(16)}${Math.floor(rand() * 2 ** 52).toString(16)}`;
      if (n % 100000 === 0) msg += ` leaked ${secret}`;
      const line = `${t}${msg}\n`;
      lines.push(line);
      block += line.length;
    }
    let text = lines.join("");
    if (written + text.length > size) text = text.slice(0, size - written);
    planted += text.split(secret).length - 1;
    writeSync(fd, text);
    written += Buffer.byteLength(text);
  }
  closeSync(fd);
  writeFileSync(meta, String(planted));
  return planted;
}

/** A manifest holding the fake secret, when `residue manifest add` works on this build. */
function manifest() {
  // outside bench/ so that the linter never sees it
  const file = path.join(mkdtempSync(path.join(tmpdir(), "residue-logs-bench-")), "bench.manifest.json");
  const r = spawnSync(process.execPath, [bin, "manifest", "add", "-m", file, "--id", "bench"], {
    input: `${secret}\n`,
    encoding: "utf8",
  });
  return r.status === 0 && existsSync(file) ? file : undefined;
}

/** A gzip of the first 100 MiB of the log (the archive path: gunzip, then the same log reading). */
function gzipSlice() {
  const gz = path.join(cache, "logs-100M.txt.gz");
  const text = readFileSync(log).subarray(0, 100 * 1024 * 1024);
  if (!existsSync(gz)) writeFileSync(gz, gzipSync(text, { level: 1 }));
  return { gz, planted: text.toString("latin1").split(secret).length - 1 };
}

/** Runs `residue scan TARGET` in a child; its time, peak RSS and findings. */
function measure(target, mb, planted, m) {
  const args = ["scan", target, "-f", "json", "-q", ...(m ? ["-m", m] : ["--rules", "none"])];
  const timed = existsSync("/usr/bin/time");
  const started = process.hrtime.bigint();
  const r = timed
    ? spawnSync("/usr/bin/time", ["-v", process.execPath, bin, ...args], {
        encoding: "utf8",
        maxBuffer: 1 << 30,
      })
    : spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "")?.[1] ?? Number.NaN);
  let findings = "?";
  try {
    findings = JSON.parse(r.stdout).findings.length;
  } catch {}
  if (r.status !== 0 && r.status !== 1) {
    console.error(r.stderr);
    process.exitCode = 1;
  }
  return {
    target: `${target.startsWith("logs:") ? "logs:" : ""}${path.basename(target)} (${mb} MiB of log text)`,
    matcher: m
      ? "known-secret manifest (1 secret)"
      : "none (no manifest support in this build: --rules none)",
    exit: r.status,
    seconds: Number(seconds.toFixed(2)),
    mbPerSecond: Number((mb / seconds).toFixed(1)),
    peakRssMb: Number.isNaN(rssKb) ? "n/a (no /usr/bin/time)" : Number((rssKb / 1024).toFixed(1)),
    findings,
    plantedCopies: planted,
  };
}

const planted = generate();
const m = manifest();
console.log(JSON.stringify(measure(`logs:${log}`, size / 1024 / 1024, planted, m), null, 2));
const slice = gzipSlice();
console.log(JSON.stringify(measure(`logs:${slice.gz}`, 100, slice.planted, m), null, 2));
