/** The keyword automaton saved by the build: used only for the keyword list it was built from. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KeywordAutomaton } from "../src/match/aho-corasick.js";
import { prebuiltAutomaton, savePrebuilt } from "../src/match/prebuilt.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const file = () => {
  const d = mkdtempSync(path.join(tmpdir(), "residue-prebuilt-"));
  dirs.push(d);
  return path.join(d, "automaton.bin");
};

const keywords = [
  { keyword: "he", payload: 1 },
  { keyword: "she", payload: 2 },
  { keyword: "hers", payload: 3 },
  { keyword: "ghp_", payload: -1 },
  { keyword: "shell", payload: 2 },
];
const text = "uSHErS é she, shell ghp_x hehe HERS";
const hits = (ac: KeywordAutomaton<number>) => {
  const out: string[] = [];
  ac.scan(text, (end, p) => out.push(`${end}:${[...p].sort().join(",")}`));
  return out;
};

describe("prebuilt keyword automaton", () => {
  it("reports the same hits as the automaton built from the same keywords", () => {
    const f = file();
    savePrebuilt(keywords, f);
    const loaded = prebuiltAutomaton(keywords, f);
    expect(loaded).toBeDefined();
    expect(hits(loaded!)).toEqual(hits(new KeywordAutomaton(keywords)));
    expect(hits(loaded!).length).toBeGreaterThan(5);
  });

  it("is not used for another keyword list, another payload or order, nor from a damaged file", () => {
    const f = file();
    savePrebuilt(keywords, f);
    expect(prebuiltAutomaton(keywords.slice(1), f)).toBeUndefined();
    expect(prebuiltAutomaton([...keywords.slice(0, 4), { keyword: "shelm", payload: 2 }], f)).toBeUndefined();
    expect(prebuiltAutomaton([...keywords.slice(0, 4), { keyword: "shell", payload: 4 }], f)).toBeUndefined();
    expect(prebuiltAutomaton([...keywords].reverse(), f)).toBeUndefined();
    const bytes = readFileSync(f);
    writeFileSync(f, bytes.subarray(0, bytes.length - 8));
    expect(prebuiltAutomaton(keywords, f)).toBeUndefined();
    expect(prebuiltAutomaton(keywords, `${f}.missing`)).toBeUndefined();
  });

  it("makes a saved state's payloads when it first reports: the same hits on every scan", () => {
    const f = file();
    savePrebuilt(keywords, f);
    const loaded = prebuiltAutomaton(keywords, f)!;
    const first = hits(loaded);
    expect(hits(loaded)).toEqual(first);
    expect(first).toEqual(hits(new KeywordAutomaton(keywords)));
    const lists = new Map<number, readonly number[]>();
    loaded.scan(text, (end, p) => {
      expect(lists.get(end) ?? p).toBe(p);
      lists.set(end, p);
    });
    loaded.scan(text, (end, p) => expect(lists.get(end)).toBe(p)); // one array per list, made once
    expect(loaded.tables().outOf.length).toBe(new KeywordAutomaton(keywords).tables().outOf.length);
  });
});
