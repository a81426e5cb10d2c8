import { describe, expect, it } from "vitest";
import type { BlobInfo } from "../src/sources/git/history.js";
import type { Chunk } from "../src/types.js";
import { fakeSecret, scanGit, useTempRepos } from "./git-repo.js";

const repo = useTempRepos();

/** 400 lines of filler (about 12 KB): edits in it are small against the file. */
function filler(): string[] {
  return Array.from({ length: 400 }, (_, i) => `const value${i} = "${(i * 7919) % 1000}";`);
}

/** The 1-based line of the first line holding `needle`, or undefined. */
function lineOf(text: string, needle: string): number | undefined {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  return i === -1 ? undefined : i + 1;
}

describe("git: a version is matched around its change, its predecessor's findings carried over", () => {
  it("gives every version of a long file the same findings, at the right lines, as reading it whole", async () => {
    const r = await repo();
    const [top, mid, low, added] = ["d1", "d2", "d3", "d4"].map((s) => fakeSecret(s));
    const lines = filler();
    lines[4] = `TOP=${top}`;
    lines[199] = `MID=${mid}`;
    lines[389] = `LOW=${low}`;
    const texts: string[] = [];
    const save = async (message: string) => {
      const text = `${lines.join("\n")}\n`;
      texts.push(text);
      await r.write("src/config.js", text);
      return r.commit(message);
    };
    const commits = [await save("v1")];
    lines.splice(100, 0, "// one", "// two", "// three"); // lines added above MID
    commits.push(await save("v2"));
    lines[250] = `ADDED=${added}`; // a new copy between MID and LOW
    commits.push(await save("v3"));
    lines.splice(lines.indexOf(`MID=${mid}`), 1); // MID removed: LOW and ADDED move up
    commits.push(await save("v4"));
    lines[5] = "// an edit just below TOP";
    commits.push(await save("v5"));

    const chunks: Chunk[] = [];
    const { found } = await scanGit(
      `git:${r.dir}`,
      { k1: top, k2: mid, k3: low, k4: added },
      { onChunk: (c) => void chunks.push(c) },
    );
    const blobChunks = chunks.filter((c) => c.provenance.path === "src/config.js");
    expect(blobChunks).toHaveLength(5);
    // the first version is read whole; the later ones only around their change
    expect(blobChunks[0]!.text).toBe(texts[0]);
    for (const c of blobChunks.slice(1)) expect(c.text.length).toBeLessThan(texts[0]!.length / 2);

    for (const [id, name] of [
      ["k1", "TOP"],
      ["k2", "MID"],
      ["k3", "LOW"],
      ["k4", "ADDED"],
    ]) {
      const f = found.find((x) => x.secretId === id);
      const expected = texts
        .map((t, i) => ({ commit: commits[i], line: lineOf(t, `${name}=`) }))
        .filter((v) => v.line !== undefined);
      expect(f, name).toBeDefined();
      const versions = f!.provenance.versions as { commit: string; line: number }[];
      expect(
        versions.map((v) => ({ commit: v.commit, line: v.line })),
        name,
      ).toEqual(expected);
      expect(f!.line).toBe(expected[0]!.line);
    }
    expect(found).toHaveLength(4);
  });
});

describe("git: the ring of recent versions", () => {
  it("cuts each version against its predecessor correctly while the ring wraps many times", async () => {
    const { Deltas } = await import("../src/sources/git/delta.js");
    const { testContext } = await import("./git-repo.js");
    const deltas = new Deltas(128 << 10); // versions of ~11 KB: a wrap every eleven
    const { ctx } = testContext();
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i} ${"x".repeat(20)}`);
    const infos: BlobInfo[] = [];
    const texts: string[] = [];
    let cuts = 0;
    for (let v = 0; v < 60; v++) {
      // every fifth version edits one read long ago, whose place in the ring is taken by now
      const back = v % 5 === 0 && v >= 20 ? 20 : 1;
      const from = back === 20 ? texts[v - 20]!.split("\n").slice(0, -1) : lines;
      from[(v * 37) % 400] = `edited in version ${v}`;
      const text = `${from.join("\n")}\n`;
      const prev = infos[v - back];
      const prevText = texts[v - back] ?? "";
      const info: BlobInfo = { sha: `sha${v}`, path: "a.txt", ...(prev && { prev }) };
      const item = deltas.window(
        info,
        Buffer.from(text),
        { id: `v${v}`, provenance: { source: "git" } },
        ctx,
      );
      const all = text.split("\n");
      // a version whose predecessor left the ring is read whole
      if (back === 20) expect(item).toBeUndefined();
      if (item) {
        cuts++;
        const cut = info.cut!;
        expect(
          all
            .slice(cut.top - 1)
            .join("\n")
            .startsWith(item.text),
        ).toBe(true);
        // the unchanged tail is the base's tail: the lines from `tail` on equal the base's from `baseTail`
        const before = prevText.split("\n");
        if (Number.isFinite(cut.tail))
          expect(all.slice(cut.tail - 1)).toEqual(before.slice(cut.baseTail - 1));
        expect(all.slice(0, cut.top - 1)).toEqual(before.slice(0, cut.top - 1));
      }
      infos.push(info);
      texts.push(text);
    }
    expect(cuts).toBeGreaterThan(35);
  });
});
