import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

const bin = path.resolve("bin/residue.js");

it("a scan large enough to start worker threads finishes with its exit status (issue #2: exit 13 on unref'd workers)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "residue-workers-"));
  const line = `${"const value = 'nothing secret in this line at all';".padEnd(79)}\n`;
  for (let i = 0; i < 6; i++) writeFileSync(path.join(dir, `f${i}.js`), line.repeat(32_000)); // 6 × 2.5 MB
  const r = spawnSync(process.execPath, [bin, "scan", "--rules", "none", "-f", "json", dir], {
    encoding: "utf8",
  });
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout).stats.bytes).toBe(6 * 32_000 * 80);
});
