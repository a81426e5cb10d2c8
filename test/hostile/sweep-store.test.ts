/**
 * Issue 16: a corrupt sweep store gave "internal error: database disk image is malformed", the
 * store not named. Now a damaged store (pages overwritten) and a file that is no store at all are
 * one line that names the store file and says what to do, exit 2, for `sweep` and `report`.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { expectNoSecret, manifestOf, seededSecret, tempFolder } from "./kit.js";

const secret = seededSecret(1699);
const root = tempFolder("store");
const db = path.join(root, "store.db");
const TODO = "move it aside and sweep again to start a new one";

beforeAll(async () => {
  mkdirSync(path.join(root, "data"));
  for (let i = 0; i < 40; i++)
    writeFileSync(path.join(root, "data", `f${i}.env`), `TOKEN=${secret}\n# ${"x".repeat(400)}\n`);
  await manifestOf(root, [secret]);
  writeFileSync(
    path.join(root, "sweep.json"),
    JSON.stringify({ targets: ["data"], db: "store.db", manifests: ["hostile.manifest.json"] }),
  );
  const first = await cli(["sweep", "-c", "sweep.json", "-q"], { cwd: root });
  expect(first.code).toBe(1);
});

describe("a corrupt sweep store (issue 16)", () => {
  it("names the store and what to do when its pages are damaged", async () => {
    // overwrite pages past the schema: the store opens, and fails when the sweep reads it
    const fd = openSync(db, "r+");
    writeSync(fd, Buffer.alloc(8192, 0xff), 0, 8192, 8192);
    closeSync(fd);
    for (const argv of [
      ["sweep", "-c", "sweep.json", "-q"],
      ["report", "-c", "sweep.json", "-f", "json"],
    ]) {
      const r = await cli(argv, { cwd: root });
      expect(r.code).toBe(2);
      const lines = r.err.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(`^residue: ${db.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: .*${TODO}`),
      );
      expect(r.err).not.toContain("internal error");
      expectNoSecret([r.out, r.err], [secret]);
    }
  });

  it("names the store and what to do when the file is not a store at all", async () => {
    writeFileSync(path.join(root, "other.db"), "not a database, just text\n".repeat(200));
    const r = await cli(["sweep", "-c", "sweep.json", "--db", "other.db", "-q"], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `residue: ${path.join(root, "other.db")}: file is not a database: the store is damaged or not a residue store; ${TODO} (every copy then shows as new), or restore it from a backup\n`,
    );
  });
});
