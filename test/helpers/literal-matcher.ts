import type { RawMatch, TextMatcher } from "../../src/types.js";

/** A test matcher: every occurrence of each literal is a known-secret copy with the literal's id. */
export function literalMatcher(secrets: Record<string, string>): TextMatcher {
  return {
    find(text: string): RawMatch[] {
      const out: RawMatch[] = [];
      for (const [id, value] of Object.entries(secrets)) {
        for (let i = text.indexOf(value); i !== -1; i = text.indexOf(value, i + 1)) {
          out.push({
            start: i,
            end: i + value.length,
            kind: "known",
            secretId: id,
            form: "plain",
            match: "exact",
            coverage: 1,
            value,
          });
        }
      }
      return out;
    },
  };
}

/** A fictional secret: a fixed fake prefix and a random body. */
export function fakeSecret(prefix = "fake_", n = 32): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  let s = prefix;
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}

/** A stand-in pattern rule: every `residuetest_…` token is a pattern finding (rule `test.token`). */
export const tokenPatternMatcher: TextMatcher = {
  find(text: string): RawMatch[] {
    return [...text.matchAll(/residuetest_[\w-]+/g)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      kind: "pattern" as const,
      ruleId: "test.token",
      form: "plain",
      match: "exact" as const,
      coverage: 1,
      value: m[0],
    }));
  },
};
