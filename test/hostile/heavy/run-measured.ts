/** Runs the built CLI in a child process and reports its exit status, output and peak RSS. */
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";

const bin = path.join(import.meta.dirname, "..", "..", "..", "bin", "residue.js");
const preload = path.join(import.meta.dirname, "peak-rss.cjs");

/** What a measured run gave: exit status, stdout (its head and tail, and its line count), stderr, peak RSS in MB. */
export interface Measured {
  code: number;
  out: string;
  tail: string;
  lines: number;
  err: string;
  peakMb: number;
}

const KEEP = 1 << 16;

/** Runs `residue ...args` in `cwd` with `env`. */
export function runMeasured(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Measured> {
  const rss = path.join(cwd, `peak-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--require", preload, bin, ...args], {
      cwd,
      env: { ...env, RESIDUE_TEST_PEAK_RSS: rss },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let tail = "";
    let lines = 0;
    let err = "";
    p.stdout.on("data", (d: Buffer) => {
      const text = d.toString("utf8");
      if (out.length < KEEP) out += text;
      tail = (tail + text).slice(-KEEP);
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
    });
    p.stderr.on("data", (d: Buffer) => (err += d));
    p.on("error", reject);
    p.on("close", (code) => {
      const kb = Number(readFileSync(rss, "utf8"));
      rmSync(rss, { force: true });
      resolve({ code: code ?? -1, out, tail, lines, err, peakMb: kb / 1024 });
    });
  });
}
