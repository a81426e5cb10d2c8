/** Inner literals: what is read off patterns, and that trying a rule at them finds what a whole-text scan finds. */
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../src/detectors/index.js";
import { innerLiteral } from "../src/match/inner-literal.js";
import { compileRule } from "../src/match/rule.js";
import { runInner, runRule } from "../src/match/run.js";
import type { RawMatch } from "../src/types.js";
import { rule } from "./helpers/rule.js";

const spans = (ms: RawMatch[]) => ms.map((m) => `${m.ruleId}@${m.start}-${m.end}`);

describe("innerLiteral", () => {
  it("reads a required run holding a keyword and bounds the head before it", () => {
    expect(innerLiteral("\\b[a-z][a-z0-9+.-]{1,20}://(?<secret>[^@]{4,8})@", "", ["://"])).toEqual({
      literal: "://",
      before: 21,
    });
    expect(innerLiteral("(?:^|[^0-9])(?<secret>[0-9]{8,10}:AA[A-Za-z0-9_-]{33})", "", [":aa"])).toEqual({
      literal: ":AA",
      before: 11,
    });
  });

  it("gives none when the head is unbounded, the run is optional or alternative, or case-folded letters", () => {
    expect(innerLiteral("[a-z]+://(?<secret>x{4})", "", ["://"])).toBeUndefined();
    expect(innerLiteral("a(?:://)?(?<secret>x{4})", "", ["://"])).toBeUndefined();
    expect(innerLiteral("(?<secret>x{4}://|y{4})", "", ["://"])).toBeUndefined();
    expect(innerLiteral("[0-9]{4}tok_(?<secret>x{4})", "i", ["tok_"])).toBeUndefined();
    expect(innerLiteral("[0-9]{4}tok_(?<secret>x{4})", "", ["other"])).toBeUndefined();
  });
});

describe("runInner", () => {
  it("finds the matches of a whole-text scan for every catalog rule with an inner literal", async () => {
    const rules = await loadCatalog();
    let checked = 0;
    for (const r of rules) {
      const c = compileRule(r);
      const inner = innerLiteral(r.pattern, r.flags ?? "", r.keywords);
      if (c.anchors || !inner) continue;
      // each example and sample, packed together and with noise and line breaks around them
      const pieces = [...r.examples, ...(r.samples ?? []).map((s) => s.text)];
      const text = `x${pieces.join(" z\n")}\nq ${pieces.join("")} ${inner.literal}${inner.literal}`;
      const whole: RawMatch[] = [];
      const tried: RawMatch[] = [];
      runRule(c, text, 0, text.length, whole);
      runInner(c, text, inner, tried);
      expect(spans(tried), r.id).toEqual(spans(whole));
      expect(whole.length, r.id).toBeGreaterThan(0);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it("finds what a whole-text scan finds with numbered back-references and overlapping starts", () => {
    const patterns = [
      "(['\"])[a-z]{1,6}://(?<secret>[A-Za-z0-9]{4,12})\\1",
      "[a-z]{0,6}://(?<secret>[A-Za-z0-9]{4,12})@",
    ];
    const text = `a://b x"ftp://Secret12" 'ssh://pw4x' z://ab://cdefgh@ :// q://abcd@"gg://zzzz"`;
    for (const pattern of patterns) {
      const r = rule({ id: "t.inner", keywords: ["://"], pattern });
      const inner = innerLiteral(r.pattern, "", r.keywords)!;
      expect(inner.literal).toBe("://");
      const c = compileRule(r);
      const whole: RawMatch[] = [];
      const tried: RawMatch[] = [];
      runRule(c, text, 0, text.length, whole);
      runInner(c, text, inner, tried);
      expect(whole.length, pattern).toBeGreaterThan(1);
      expect(spans(tried), pattern).toEqual(spans(whole));
    }
  });
});
