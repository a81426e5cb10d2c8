import { describe, expect, it } from "vitest";
import { createProgress, progressLine } from "../src/cli/progress.js";
import type { TargetStats } from "../src/scan.js";

const stats = (target: string, items: number): TargetStats => ({
  target,
  status: "running",
  items,
  bytes: 3 * 1024 * 1024,
  skipped: 0,
  findings: 2,
  errors: 0,
  startedAt: new Date(Date.now() - 2000).toISOString(),
});

describe("progress on stderr", () => {
  it("shows items, bytes, findings and rate per target on a TTY", () => {
    let out = "";
    const p = createProgress({ write: (s: string) => (out += s), isTTY: true });
    p.update(stats("logs:ci", 10));
    p.update(stats("git:repo", 3));
    p.done();
    expect(out).toMatch(/logs:ci: 10 items, 3\.0 MiB, 2 findings, [\d.]+ (KiB|MiB)\/s\n/);
    expect(out).toMatch(/git:repo: 3 items/);
    expect(out.endsWith("\n")).toBe(true);
  });

  it("is silent when stderr is not a TTY, or with --quiet", () => {
    let out = "";
    const write = (s: string) => (out += s);
    for (const p of [createProgress({ write }), createProgress({ write, isTTY: true }, { quiet: true })]) {
      p.update(stats("x", 1));
      p.done();
    }
    expect(out).toBe("");
  });

  it("computes the rate from the target's start", () => {
    const t = { ...stats("x", 1), startedAt: "2026-01-01T00:00:00.000Z", bytes: 2048 };
    expect(progressLine(t, Date.parse("2026-01-01T00:00:02.000Z"))).toBe(
      "x: 1 items, 2.0 KiB, 2 findings, 1.0 KiB/s",
    );
  });
});
