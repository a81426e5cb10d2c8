import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lockStore, openStore, StoreError } from "../src/store/index.js";
import { MIGRATIONS } from "../src/store/schema.js";
import { done, incidentCopies } from "./store-fixtures.js";

const tempDb = () => path.join(mkdtempSync(path.join(tmpdir(), "residue-store-")), "r.db");

describe("store", () => {
  it("migrates to the latest version, in WAL mode", async () => {
    const store = await openStore(tempDb());
    const db = (store as unknown as { writer: { db: import("better-sqlite3").Database } }).writer.db;
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    store.close();
  });

  it("upserts by id: new, then surviving; gone only where the target was read in full", async () => {
    const file = tempDb();
    const { copies } = incidentCopies();
    const store = await openStore(file);
    const w = store.writer;
    const r1 = w.startRun("c.json");
    w.startTarget(r1, "T");
    w.write(r1, { target: "T", findings: copies });
    w.write(r1, { target: "T", findings: copies.slice(0, 1) }); // the same copy twice: one row
    w.finishTarget(r1, done("T"), [], { all: true });
    w.finishRun(r1, "done");
    expect(store.reader.counts(r1.id)).toEqual({ new: 7, surviving: 0, gone: 0 });
    const r2 = w.startRun("c.json");
    w.startTarget(r2, "T");
    w.write(r2, { target: "T", findings: copies.slice(0, 5) });
    const gone = w.finishTarget(r2, done("T"), [], { all: false, containers: [] });
    expect(gone).toBe(0); // an incremental read of no container declares nothing gone
    w.finishRun(r2, "done");
    // the copies it did not read again are carried as surviving, with the time they were last seen
    expect(store.reader.counts(r2.id)).toEqual({ new: 0, surviving: 7, gone: 0 });
    const carried = store.reader.copies(r2.id).find((c) => c.id === copies[6]!.id)!;
    expect(carried.lastSeen).toBe(store.reader.copies(r1.id).find((c) => c.id === copies[6]!.id)!.lastSeen);
    const r3 = w.startRun();
    w.startTarget(r3, "T");
    w.write(r3, { target: "T", findings: copies.slice(0, 5) });
    expect(w.finishTarget(r3, done("T"), [], { all: true })).toBe(2);
    w.finishRun(r3, "done");
    const rows = store.reader.copies(r3.id);
    expect(rows.filter((c) => c.state === "surviving")).toHaveLength(5);
    expect(rows.filter((c) => c.state === "gone").map((c) => c.secretId)).toEqual([
      "db-password",
      "db-password",
    ]);
    expect(rows[0]!.firstSeen! <= rows[0]!.lastSeen!).toBe(true);
    expect(store.reader.history().map((h) => h.run)).toContain(3);
    store.close();
  });

  it("resumes a run that was killed, skipping the targets it finished", async () => {
    const file = tempDb();
    const store = await openStore(file);
    const r1 = store.writer.startRun();
    store.writer.startTarget(r1, "A");
    store.writer.finishTarget(r1, done("A"), []);
    store.writer.startTarget(r1, "B"); // killed here: no finishRun
    const again = store.writer.startRun();
    expect(again).toEqual({ id: r1.id, resumed: true, done: new Set(["A"]) });
    store.close();
  });

  it("keeps a cursor per target, written with its batch", async () => {
    const store = await openStore(tempDb());
    const r = store.writer.startRun();
    store.writer.write(r, { target: "slack:", findings: [], cursor: "1700000000.000100" });
    expect(store.writer.cursor("slack:")).toBe("1700000000.000100");
    expect(store.writer.cursor("jira:x")).toBeUndefined();
    store.close();
  });

  it("never writes a plaintext secret to the database files", async () => {
    const file = tempDb();
    const { secrets, copies } = incidentCopies();
    const store = await openStore(file);
    const r = store.writer.startRun();
    store.writer.write(r, { target: "T", findings: copies });
    const bytes = readdirSync(path.dirname(file))
      .map((f) => readFileSync(path.join(path.dirname(file), f)).toString("latin1"))
      .join("");
    store.close();
    expect(bytes).toContain("ci-deploy-token");
    for (const s of secrets) expect(bytes.includes(s)).toBe(false);
  });

  it("lets one sweep at a time hold a store, and takes over the lock of a killed one", () => {
    const file = tempDb();
    writeFileSync(`${file}.lock`, String(process.ppid)); // a live process
    expect(() => lockStore(file)).toThrow(StoreError);
    writeFileSync(`${file}.lock`, "2147483646"); // no such process: a sweep that was killed
    const release = lockStore(file);
    expect(readFileSync(`${file}.lock`, "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});
