/** The pattern engine: keyword automaton, windows, gates, validators and same-place merging. */
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../fixtures/prng.mjs";
import { KeywordAutomaton } from "../src/match/aho-corasick.js";
import { patternAnchors } from "../src/match/anchors.js";
import { shannonEntropy } from "../src/match/entropy.js";
import { compilePatterns, compileRule, KEYWORD_WINDOW } from "../src/match/patterns.js";
import { isPlaceholder } from "../src/match/placeholder.js";
import { githubChecksum, isGithubChecksumValid } from "../src/match/validators/github-checksum.js";
import { isJwt } from "../src/match/validators/jwt.js";
import { rule } from "./helpers/rule.js";

/** A deterministic pseudo-random token body (no placeholder runs). */
function body(n: number, seed = 7): string {
  const abc = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  let x = seed;
  let s = "";
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += abc[x % abc.length];
  }
  return s;
}

const zeta = rule({ id: "zeta.key", keywords: ["zeta_"], pattern: "\\b(?<secret>zeta_[A-Za-z0-9]{24})\\b" });

describe("KeywordAutomaton", () => {
  it("finds overlapping keywords in one pass, case-insensitively", () => {
    const ac = new KeywordAutomaton([
      { keyword: "he", payload: 1 },
      { keyword: "she", payload: 2 },
      { keyword: "hers", payload: 3 },
    ]);
    const hits: [number, number[]][] = [];
    ac.scan("uSHErS é she", (end, p) => hits.push([end, [...p].sort()]));
    expect(hits).toEqual([
      [4, [1, 2]],
      [6, [3]],
      [12, [1, 2]],
    ]);
  });

  it("reports what a naive search reports, past 256 states and over characters in no keyword", () => {
    const next = mulberry32(12);
    const pick = (abc: string, n: number) =>
      Array.from({ length: n }, () => abc[Math.floor(next() * abc.length)]).join("");
    // 300 keywords over a small alphabet (many overlaps, over 256 states) plus some punctuation
    const words = Array.from({ length: 300 }, (_, i) => pick("abcd_.:", 2 + (i % 6)));
    const ac = new KeywordAutomaton(words.map((keyword, payload) => ({ keyword, payload })));
    const text = pick("abcdABCD_.:xyz \n\u00e9\u0101", 20_000);
    const got: string[] = [];
    ac.scan(text, (end, p) => {
      for (const k of p) got.push(`${end}:${k}`);
    });
    const want: string[] = [];
    const lower = text.toLowerCase();
    words.forEach((w, k) => {
      for (let at = lower.indexOf(w); at !== -1; at = lower.indexOf(w, at + 1))
        want.push(`${at + w.length}:${k}`);
    });
    expect(got.length).toBeGreaterThan(1000);
    expect(got.sort()).toEqual(want.sort());
  });

  it("rejects a non-ASCII keyword", () => {
    expect(() => new KeywordAutomaton([{ keyword: "clé", payload: 0 }])).toThrow(/ASCII/);
  });
});

describe("compilePatterns", () => {
  it("reports the secret group's range and the raw match shape", () => {
    const text = `line one\nconst k = "zeta_${body(24)}";\n`;
    const [m, ...rest] = compilePatterns([zeta]).find(text);
    expect(rest).toHaveLength(0);
    expect(text.slice(m!.start, m!.end)).toBe(m!.value);
    expect(m).toMatchObject({
      kind: "pattern",
      ruleId: "zeta.key",
      form: "plain",
      match: "exact",
      coverage: 1,
    });
    expect(m!.severity).toBe("medium");
  });

  it("runs no regex when no keyword occurs", () => {
    const noKeyword = rule({
      id: "zeta.loose",
      keywords: ["never-here"],
      pattern: "(?<secret>zeta_[A-Za-z0-9]{24})",
    });
    expect(compilePatterns([noKeyword]).find(`zeta_${body(24)}`)).toEqual([]);
  });

  it("finds secrets far apart in a large text, each in its window", () => {
    const filler = `${"lorem ipsum dolor sit amet ".repeat(20)}\n`.repeat(200);
    const a = `zeta_${body(24, 1)}`;
    const b = `zeta_${body(24, 2)}`;
    const text = `${filler}k=${a}\n${filler}${filler}k=${b}\n${filler}`;
    expect(text.length).toBeGreaterThan(KEYWORD_WINDOW * 100);
    const found = compilePatterns([zeta]).find(text);
    expect(found.map((m) => m.value)).toEqual([a, b]);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.value);
  });

  it("reads a match that runs past its keyword window in full", () => {
    const pem = rule({
      id: "zeta.pem",
      keywords: ["-----begin zeta key-----"],
      pattern: "(?<secret>-----BEGIN ZETA KEY-----[A-Za-z0-9+/=\\s]{64,20000}?-----END ZETA KEY-----)",
    });
    const lines = Array.from({ length: 80 }, (_, i) => body(64, i + 1)).join("\n");
    const key = `-----BEGIN ZETA KEY-----\n${lines}\n-----END ZETA KEY-----`;
    const text = `${"x = 1\n".repeat(50)}${key}\n${"y = 2\n".repeat(50)}${"z ".repeat(3000)}`;
    const found = compilePatterns([pem]).find(text);
    expect(found.map((m) => m.value)).toEqual([key]);
  });

  it("re-reads a greedy match cut at its window's end over the whole text", () => {
    const greedy = rule({
      id: "zeta.blob",
      keywords: ["-----begin zeta blob-----"],
      pattern: "(?<secret>-----BEGIN ZETA BLOB-----[A-Za-z0-9+/=\\s]+)",
    });
    const blob = `-----BEGIN ZETA BLOB-----\n${Array.from({ length: 600 }, (_, i) => body(64, i + 1)).join("\n")}`;
    const text = `${"x = 1;\n".repeat(50)}${blob}${"\n# end ;".repeat(3000)}`;
    const found = compilePatterns([greedy]).find(text);
    expect(blob.length).toBeGreaterThan(3 * 8192);
    expect(found.map((m) => m.value.trimEnd())).toEqual([blob]);
  });

  it("applies the entropy gate", () => {
    const gated = { ...zeta, entropy: 4.5 };
    const text = `k=zeta_${body(24)}`;
    expect(shannonEntropy(body(24))).toBeLessThan(4.9);
    expect(compilePatterns([{ ...zeta, entropy: 1 }]).find(text)).toHaveLength(1);
    expect(compilePatterns([{ ...gated, entropy: 6 }]).find(text)).toHaveLength(0);
  });

  it("merges the same secret at the same place, keeping the specific rule", () => {
    const generic = rule({
      id: "generic.token",
      keywords: ["token"],
      pattern: "token\\s{0,3}=\\s{0,3}(?<secret>[A-Za-z0-9_]{16,80})",
      tags: ["generic"],
      severity: "high",
    });
    const found = compilePatterns([generic, zeta]).find(`token = zeta_${body(24)}`);
    expect(found.map((m) => m.ruleId)).toEqual(["zeta.key"]);
  });

  it("merges across views: a generic match holding a specific one gives way to it", () => {
    const generic = rule({
      id: "generic.blob",
      keywords: ["data"],
      pattern: "data: (?<secret>[A-Za-z0-9+/=]{20,200})",
      tags: ["generic"],
    });
    const matcher = compilePatterns([generic, zeta]);
    const wrapped = Buffer.from(`k=zeta_${body(24)}`).toString("base64");
    const text = `data: ${wrapped}`;
    const plain = matcher.find(text);
    const decoded = matcher
      .find(Buffer.from(wrapped, "base64").toString())
      .map((m) => ({ ...m, start: 6, end: text.length, form: "base64" }));
    expect(plain.map((m) => m.ruleId)).toEqual(["generic.blob"]);
    expect(matcher.merge([...plain, ...decoded]).map((m) => [m.ruleId, m.form])).toEqual([
      ["zeta.key", "base64"],
    ]);
  });

  it("keeps the more severe of two specific rules at one place", () => {
    const severe = { ...zeta, id: "zeta.key-admin", severity: "critical" as const };
    const found = compilePatterns([zeta, severe]).find(`k=zeta_${body(24)}`);
    expect(found.map((m) => m.ruleId)).toEqual(["zeta.key-admin"]);
  });

  it("drops a match its validator rejects", () => {
    const gh = rule({
      id: "zeta.gh",
      keywords: ["ghp_"],
      pattern: "\\b(?<secret>ghp_[A-Za-z0-9]{36})\\b",
      validators: ["github-checksum"],
    });
    const b = body(30);
    const good = `ghp_${b}${githubChecksum(b)}`;
    const bad = `ghp_${b}${githubChecksum(b).split("").reverse().join("")}`;
    expect(
      compilePatterns([gh])
        .find(`t=${good} t=${bad}`)
        .map((m) => m.value),
    ).toEqual([good]);
  });
});

describe("patternAnchors", () => {
  it.each([
    ["\\b(?<secret>zeta_[A-Za-z0-9]{24})\\b", ["zeta_"]],
    ["(?<!(?:page|next)[_-]?)(?:secret|token|api[_.-]?key)[\\w.-]{0,20}?=", ["secret", "token", "api"]],
    ["(?:ghp|gho)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82}", ["ghp", "gho", "github_pat_"]],
    ["-----BEGIN (?:RSA )?PRIVATE KEY-----", ["-----begin "]],
    ["(?:ab)?cd", ["ab", "cd"]],
    ["(?<=x=.{0,9})\\b(?:sasl_)?password\\s=", ["sasl_", "password"]],
    ["https?://[^:]{1,64}:", ["http"]],
    ["\\.env", [".env"]],
    ["ab+c", ["ab"]],
    ["\\b(?<secret>[sr]k_test_[A-Za-z0-9]{24})\\b", ["sk_test_", "rk_test_"]],
  ])("finds the leading literals of pattern %#", (pattern, want) => {
    expect(patternAnchors(pattern)).toEqual(want);
  });

  it.each([
    ["[A-Za-z0-9]{14}\\.atlasv1"],
    ["(?:ab)?[cd]"],
    ["a?bc"],
    ["x|[ab]c"],
    ["(?:^|\\s)key"],
    ["[kK]=\\d+"],
    ["[12]/[0-9]{10}"],
    ["[MNO][A-Za-z0-9_-]{23}"],
  ])("finds none when a match may start elsewhere (%#)", (pattern) => {
    expect(patternAnchors(pattern)).toBeUndefined();
  });

  it("are dropped when a short one is not a keyword (it would hit everywhere)", () => {
    const cf = rule({
      id: "zeta.cf",
      keywords: ["cloudflare"],
      pattern: "(?:cloudflare|cf)_key=(?<secret>[a-f0-9]{37})",
    });
    expect(compileRule(cf).anchors).toBeUndefined();
    expect(compileRule({ ...cf, keywords: ["cloudflare", "cf"] }).anchors).toEqual(["cloudflare", "cf"]);
  });

  it("gives the same matches as a full regex scan", () => {
    const generic = rule({
      id: "zeta.assign",
      keywords: ["token", "secret"],
      pattern:
        "(?<![a-z])(?:secret|token)[\\w.-]{0,20}?\\s{0,3}[:=]\\s{0,3}[\"']?(?<secret>[A-Za-z0-9]{20,40})",
      flags: "i",
    });
    const text = Array.from({ length: 400 }, (_, i) =>
      i % 7 === 0 ? `let TOKEN_${i} = "${body(24, i)}";` : `mytoken${i} secret = short; tokenize(${i});`,
    ).join("\n");
    const fast = compilePatterns([generic]).find(text);
    const slow = [...text.matchAll(new RegExp(generic.pattern, "gi"))].map((m) => m.groups!.secret);
    expect(fast.map((m) => m.value)).toEqual(slow);
    expect(slow.length).toBeGreaterThan(50);
  });
});

describe("isPlaceholder", () => {
  it.each([
    ["AKIAIOSFODNN7EXAMPLE"],
    ["sk_live_xxxxxxxxxxxxxxxx"],
    ["<your-api-key>"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal placeholder is the point
    ["${API_TOKEN}"],
    ["{{ secret }}"],
    ["changeme"],
    ["your_api_key_here"],
    ["aaaaaaaaaaaaaaaa"],
    ["0000000000000000"],
    ["ab12345678xy"],
    ["qwabcdefghij"],
    ["zyxwvutsrqpo"],
  ])("flags placeholder %#", (v) => {
    expect(isPlaceholder(v)).toBe(true);
  });

  it("passes random tokens and a PEM body with a run of A", () => {
    for (let i = 1; i < 50; i++) expect(isPlaceholder(body(40, i))).toBe(false);
    expect(isPlaceholder(`${body(300)}AAAAAAAAAA${body(300, 3)}`)).toBe(false);
  });
});

describe("validators", () => {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  it("jwt: needs a JSON header with alg", () => {
    expect(isJwt(`${enc({ alg: "HS256" })}.${enc({ sub: "a" })}.sig`)).toBe(true);
    expect(isJwt(`${enc({ typ: "JWT" })}.${enc({ sub: "a" })}.sig`)).toBe(false);
    expect(isJwt(`bm90IGpzb24.${enc({ sub: "a" })}.sig`)).toBe(false);
    expect(isJwt("a.b")).toBe(false);
  });

  it("github-checksum: checks the CRC32 tail for every classic prefix", () => {
    const b = body(30);
    for (const p of ["ghp", "gho", "ghu", "ghs", "ghr"])
      expect(isGithubChecksumValid(`${p}_${b}${githubChecksum(b)}`)).toBe(true);
    expect(isGithubChecksumValid(`ghx_${b}${githubChecksum(b)}`)).toBe(false);
    expect(isGithubChecksumValid(`ghp_${b}000000`)).toBe(false);
  });
});
