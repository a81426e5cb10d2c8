import { appendFileSync, mkdtempSync, renameSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { watch } from "../src/cli/commands/watch.js";
import { positionsOf } from "../src/findings.js";
import { type Appended, LogTail } from "../src/sources/logs/follow.js";
import { literalMatcher } from "./helpers/literal-matcher.js";

const secret = "fake_watch_token_R4n8Qw2Zx6Lp0Vt3Ym7K";

/** Copies of the secret that end in the fresh part of each appended piece, as "line:column". */
function hits(pieces: Appended[]): string[] {
  const out: string[] = [];
  for (const a of pieces) {
    for (let i = a.chunk.text.indexOf(secret); i !== -1; i = a.chunk.text.indexOf(secret, i + 1)) {
      if (i + secret.length <= a.freshFrom) continue;
      const [p] = positionsOf(a.chunk, [i]);
      out.push(`${p!.line}:${p!.column}`);
    }
  }
  return out;
}

describe("LogTail", () => {
  it("sees an append, a copy split across two appends, a rotation and a truncation", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-watch-"));
    const log = path.join(dir, "app.log");
    writeFileSync(log, `old ${secret}\nline 2\n`);
    const tail = new LogTail(log);
    expect(hits(await tail.poll())).toEqual([]); // starts at the end
    appendFileSync(log, `\x1b[31mnew\x1b[0m ${secret}\n`);
    expect(hits(await tail.poll())).toEqual(["3:14"]);
    appendFileSync(log, `split ${secret.slice(0, 10)}`);
    expect(hits(await tail.poll())).toEqual([]);
    appendFileSync(log, `${secret.slice(10)} end\n`);
    expect(hits(await tail.poll())).toEqual(["4:7"]);
    renameSync(log, `${log}.1`);
    appendFileSync(`${log}.1`, `late ${secret}\n`); // written to the old file just before the switch
    writeFileSync(log, `2024-05-01T10:00:00.0000000Z rotated ${secret}\n`);
    expect(hits(await tail.poll())).toEqual(["5:6", "1:38"]);
    truncateSync(log, 0);
    appendFileSync(log, `again ${secret}\n`);
    expect(hits(await tail.poll())).toEqual(["1:7"]);
    expect(hits(await tail.poll())).toEqual([]);
    await tail.close();
  });

  it("reads a file that appears after the start from its beginning", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-watch-"));
    const log = path.join(dir, "later.log");
    const tail = new LogTail(log);
    expect(await tail.poll()).toEqual([]);
    writeFileSync(log, `x\n${secret}\n`);
    expect(hits(await tail.poll())).toEqual(["2:1"]);
    await tail.close();
  });
});

describe("watch command", () => {
  function io(cwd: string, interrupted?: Promise<void>) {
    let out = "";
    return {
      io: {
        stdout: { write: (s: string) => (out += s) },
        stderr: { write: () => true },
        env: {},
        cwd,
        interrupted,
      },
      out: () => out,
    };
  }
  async function until(cond: () => boolean): Promise<void> {
    for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
  }

  it("prints a hit appended to a log and one in the rotated log, as JSONL, until interrupted", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-watch-"));
    const log = path.join(dir, "app.log");
    writeFileSync(log, "start\n");
    let interrupt = () => {};
    const interrupted = new Promise<void>((r) => {
      interrupt = r;
    });
    const w = io(dir, interrupted);
    const done = watch(
      [`logs:${log}`],
      { format: "jsonl", interval: 10, fromStart: true },
      w.io,
      literalMatcher({ s1: secret }),
    );
    await new Promise((r) => setTimeout(r, 50));
    appendFileSync(log, `one ${secret}\n`);
    await until(() => w.out().split("\n").length > 1);
    renameSync(log, `${log}.1`);
    writeFileSync(log, `two\nthree ${secret}\n`);
    await until(() => w.out().split("\n").length > 2);
    interrupt();
    expect(await done).toBe(1);
    const lines = w
      .out()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { location: object; redacted: string });
    expect(lines.map((l) => l.location)).toEqual([
      { path: log, line: 2, column: 5 },
      { path: log, line: 2, column: 7 },
    ]);
    expect(w.out()).not.toContain(secret);
  });

  it("follows a folder and picks up a log that appears in it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-watch-"));
    const w = io(dir);
    const done = watch(
      [`logs:${dir}`],
      { once: true, interval: 10, fromStart: true },
      w.io,
      literalMatcher({ s1: secret }),
    );
    await new Promise((r) => setTimeout(r, 50));
    writeFileSync(path.join(dir, "job-2.log"), `first\n  ${secret}\n`);
    expect(await done).toBe(1);
    expect(w.out()).toContain(`${path.join(dir, "job-2.log")}:2:3`);
  });

  it("stops at the first hit with --once and exit status 1", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-watch-"));
    const log = path.join(dir, "ci.log");
    writeFileSync(log, "");
    const w = io(dir);
    const done = watch([log], { once: true, interval: 10 }, w.io, literalMatcher({ s1: secret }));
    await new Promise((r) => setTimeout(r, 50));
    appendFileSync(log, `2024-05-01T10:00:00.0000000Z \x1b[1m${secret}\x1b[0m\n`);
    expect(await done).toBe(1);
    expect(w.out()).toContain(`${log}:1:34`);
    expect(w.out()).toContain("s1");
  });

  it("honours residue:allow and the ignore file, as a scan does", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-watch-"));
    const log = path.join(dir, "ci.log");
    const other = "fake_watch_token_Z9y8X7w6V5u4T3s2R1q0";
    writeFileSync(log, "");
    writeFileSync(path.join(dir, ".residueignore"), "# accepted\nknown:s2\n");
    const w = io(dir);
    const matcher = literalMatcher({ s1: secret, s2: other });
    const done = watch([log], { once: true, interval: 10 }, w.io, matcher);
    await new Promise((r) => setTimeout(r, 50));
    appendFileSync(log, `allowed ${secret} # residue:allow\nignored ${other}\nreported ${secret}\n`);
    expect(await done).toBe(1);
    expect(w.out()).toContain(`${log}:3:10`);
    expect(w.out()).not.toContain(`${log}:1:`);
    expect(w.out()).not.toContain(`${log}:2:`);
  });
});
