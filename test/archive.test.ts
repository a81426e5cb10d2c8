import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { deflatedFill, gzip, makeTar, makeZip } from "../fixtures/archives/make.js";
import { parseSize } from "../src/content/archive-limits.js";
import { openSource } from "./helpers/source-run.js";
import { collect, findLiteral, positionIn, recordingContext } from "./logs-helpers.js";

const secret = readFileSync("fixtures/logs/secret.txt", "utf8").trim();
const line = (s: string) => Buffer.from(`first line\nthe token is ${s} here\n`);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "residue-archive-"));
});

function write(name: string, data: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, data);
  return file;
}

describe("archives", () => {
  it("finds a secret three archives deep with its full locator and innermost member", async () => {
    const deeper = makeZip([{ name: "deep/notes.txt", data: line(secret) }]);
    const inner = gzip(
      await makeTar([
        { name: "file.txt", data: line(secret) },
        { name: "deeper.zip", data: deeper },
      ]),
    );
    const outer = write("outer.zip", makeZip([{ name: "dir/inner.tar.gz", data: inner }]));
    const ctx = recordingContext();
    const hits = findLiteral(await collect(await openSource(outer, ctx)), secret);
    expect(hits.map((h) => [h.provenance.path, h.provenance.member, h.line, h.column])).toEqual([
      [`${outer}!dir/inner.tar.gz!file.txt`, "file.txt", 2, 14],
      [`${outer}!dir/inner.tar.gz!deeper.zip!deep/notes.txt`, "deep/notes.txt", 2, 14],
    ]);
    expect(ctx.errors).toEqual([]);
  });

  it("refuses a layer beyond --max-archive-depth with an error item", async () => {
    const deeper = makeZip([{ name: "a.txt", data: line(secret) }]);
    const outer = write(
      "deep.zip",
      makeZip([{ name: "b.zip", data: makeZip([{ name: "c.zip", data: deeper }]) }]),
    );
    const ctx = recordingContext({ maxArchiveDepth: 2 });
    expect(findLiteral(await collect(await openSource(outer, ctx)), secret)).toEqual([]);
    expect(ctx.errors).toEqual([
      expect.objectContaining({
        item: `${outer}!b.zip!c.zip`,
        reason: expect.stringContaining("--max-archive-depth"),
      }),
    ]);
  });

  it("stops a generated zip bomb with an error item while the rest of the scan completes", async () => {
    const bomb = await deflatedFill(64 * 1024 ** 2);
    const sub = mkdtempSync(path.join(dir, "scan-"));
    const zip = makeZip([
      { name: "fill.txt", deflated: bomb },
      { name: "after.txt", data: line(secret) },
    ]);
    writeFileSync(path.join(sub, "a-bomb.zip"), zip);
    writeFileSync(path.join(sub, "b-log.txt"), line(secret));
    const ctx = recordingContext();
    const hits = findLiteral(await collect(await openSource(sub, ctx)), secret);
    expect(hits.map((h) => h.provenance.path)).toEqual([path.join(sub, "b-log.txt")]);
    expect(ctx.errors).toEqual([
      expect.objectContaining({
        item: `${path.join(sub, "a-bomb.zip")}!fill.txt`,
        reason: expect.stringContaining("--max-archive-ratio"),
      }),
    ]);
  });

  it("stops a nested bomb (zips of zips) through the shared budget of the outer archive", async () => {
    const fill = await deflatedFill(12 * 1024 ** 2);
    const inner = makeZip([{ name: "fill.txt", deflated: fill }]);
    const zip = write(
      "nested-bomb.zip",
      makeZip([1, 2, 3, 4].map((i) => ({ name: `part${i}.zip`, data: inner, store: true }))),
    );
    const ctx = recordingContext();
    await collect(await openSource(zip, ctx));
    expect(ctx.errors).toHaveLength(1);
    expect(ctx.errors[0]!.item).toMatch(/nested-bomb\.zip!part\d\.zip!fill\.txt$/);
    expect(ctx.errors[0]!.reason).toContain("--max-archive-ratio");
  });

  it.each([
    ["maxArchiveBytes", 1000, "--max-archive-bytes"],
    ["maxArchiveEntries", 2, "--max-archive-entries"],
  ])("stops an archive past %s", async (key, value, flag) => {
    const zip = write(
      `${key}.zip`,
      makeZip([1, 2, 3].map((i) => ({ name: `f${i}.txt`, data: Buffer.alloc(600, 97) }))),
    );
    const ctx = recordingContext({ [key]: value });
    await collect(await openSource(zip, ctx));
    expect(ctx.errors).toHaveLength(1);
    expect(ctx.errors[0]!.reason).toContain(flag);
  });

  it("reads source text that happens to hold 'ustar' at offset 257 as text, not as a tar (issue #5)", async () => {
    const sub = mkdtempSync(path.join(dir, "ustar-"));
    const text = `${"// tar header constants\n".padEnd(256, " ")}'ustar\\x20', 'binary')\nconst token = "${secret}";\n`;
    writeFileSync(path.join(sub, "headers.js"), text.padEnd(700, " "));
    writeFileSync(path.join(sub, "real.tar"), await makeTar([{ name: "x.txt", data: line(secret) }]));
    const ctx = recordingContext();
    const hits = findLiteral(await collect(await openSource(sub, ctx)), secret);
    expect(ctx.errors).toEqual([]);
    expect(hits.map((h) => h.provenance.path).sort()).toEqual([
      path.join(sub, "headers.js"),
      `${path.join(sub, "real.tar")}!x.txt`,
    ]);
  });

  it("reports a corrupt zip as an error item and goes on", async () => {
    const sub = mkdtempSync(path.join(dir, "corrupt-"));
    const good = makeZip([{ name: "x.txt", data: line(secret) }]);
    writeFileSync(path.join(sub, "a.zip"), good.subarray(0, good.length - 30));
    writeFileSync(path.join(sub, "b.txt"), line(secret));
    const ctx = recordingContext();
    const hits = findLiteral(await collect(await openSource(sub, ctx)), secret);
    expect(hits.map((h) => h.provenance.path)).toEqual([path.join(sub, "b.txt")]);
    expect(ctx.errors).toEqual([expect.objectContaining({ item: path.join(sub, "a.zip") })]);
    expect(ctx.errors[0]!.reason).toMatch(/zip/);
  });

  it("reports a corrupt gzip and a corrupt tar.gz as error items", async () => {
    const gz = gzip(Buffer.from(`${secret}\n`.repeat(1000)));
    gz.fill(0x55, 40, 80);
    const badGz = write("bad.log.gz", gz);
    const tgz = gzip(await makeTar([{ name: "a.txt", data: line(secret) }]));
    const badTar = write(
      "bad.tar.gz",
      gzip(Buffer.concat([gunzipSync(tgz).subarray(0, 700), Buffer.alloc(600, 7)])),
    );
    for (const file of [badGz, badTar]) {
      const ctx = recordingContext();
      await collect(await openSource(file, ctx));
      expect(ctx.errors).toEqual([expect.objectContaining({ item: file })]);
    }
  });

  it("reports a corrupt member and an encrypted member, and reads the others", async () => {
    const bad = makeZip([{ name: "bad.txt", data: line(secret) }]);
    const body = bad.indexOf("bad.txt") + 7;
    bad.fill(0xff, body, body + 8); // garbage deflate data
    const zip = write(
      "members.zip",
      Buffer.from(
        makeZip([
          { name: "locked.txt", data: line(secret), encrypted: true },
          { name: "ok.txt", data: line(secret) },
        ]),
      ),
    );
    const ctx = recordingContext();
    const hits = findLiteral(await collect(await openSource(zip, ctx)), secret);
    expect(hits.map((h) => h.provenance.member)).toEqual(["ok.txt"]);
    expect(ctx.errors).toEqual([
      expect.objectContaining({ item: `${zip}!locked.txt`, reason: expect.stringContaining("encrypted") }),
    ]);
    const badFile = write("bad.zip", bad);
    const ctx2 = recordingContext();
    await collect(await openSource(badFile, ctx2));
    expect(ctx2.errors).toEqual([expect.objectContaining({ item: `${badFile}!bad.txt` })]);
  });

  it("reads a .gz log and a GitHub Actions run-log zip under logs: with noise stripped", async () => {
    const gha = readFileSync("fixtures/logs/github-actions/found.txt");
    const zip = write("logs_123.zip", makeZip([{ name: "build/3_Deploy.txt", data: gha }]));
    const gz = write("app.log.gz", gzip(gha));
    for (const file of [zip, gz]) {
      const ctx = recordingContext();
      const chunks = await collect(await openSource(`logs:${file}`, ctx));
      expect(chunks.every((c) => !c.text.includes("\x1b"))).toBe(true);
      const hits = findLiteral(chunks, secret);
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({
        ...positionIn(gha.toString(), secret),
        provenance: { source: "logs" },
      });
    }
  });

  it.each([
    ["64K", 65536],
    ["1.5M", 1572864],
    ["2g", 2147483648],
    ["12", 12],
  ])("parses size %s", (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });
});
