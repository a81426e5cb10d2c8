/**
 * Low confidence instead of silence (issue #18): a made-up value in a token's exact format and a
 * credential for a reserved example host are reported at low confidence; template text is dropped.
 */
import { describe, expect, it } from "vitest";
import type { DetectorRule } from "../src/detectors/types.js";
import { compilePatterns } from "../src/match/patterns.js";
import { isReservedHost } from "../src/match/reserved-host.js";

const rule = (over: Partial<DetectorRule>): DetectorRule => ({
  id: "acme.key",
  provider: "acme",
  description: "Acme key.",
  keywords: ["acme_"],
  pattern: "\\b(?<secret>acme_[A-Za-z0-9]{24})\\b",
  severity: "high",
  tags: [],
  examples: ["x"],
  counterexamples: ["y"],
  ...over,
});

const prefixed = compilePatterns([rule({})]);
const free = compilePatterns([
  rule({ pattern: "acme_key\\s{0,3}=\\s{0,3}(?<secret>[A-Za-z0-9]{24})\\b", keywords: ["acme_key"] }),
]);
const url = compilePatterns([
  rule({
    id: "acme.url",
    keywords: ["://"],
    pattern: "https://(?<user>[a-z]{1,20}):(?<secret>[A-Za-z0-9]{4,40})@(?<host>[a-z0-9.-]{1,100})",
  }),
]);

describe("low confidence", () => {
  it.each([
    [0, "ACME=acme_AAAAAAAAAAAAAAAAAAAAAAAA"],
    [1, "ACME=acme_1234567890abcdefghijklmn"],
    [2, "ACME=acme_xxxxxxxxxxxxxxxxxxxxxxxx"],
  ])("keeps made-up value %i of a prefixed token at low confidence", (_i, text) => {
    const found = prefixed.find(text);
    expect(found).toHaveLength(1);
    expect(found[0]?.confidence).toBe("low");
  });

  it("gives a random prefixed token its rule's confidence (high: the prefix carries its structure)", () => {
    const found = prefixed.find("ACME=acme_Qw7rT2zLp9Xk4vB8mN3cV6yH");
    expect(found).toHaveLength(1);
    expect(found[0]?.confidence).toBe("high");
  });

  it("drops made-up values where the secret has no fixed prefix", () => {
    expect(free.find("acme_key = AAAAAAAAAAAAAAAAAAAAAAAA")).toEqual([]);
    expect(free.find("acme_key = Qw7rT2zLp9Xk4vB8mN3cV6yH")).toHaveLength(1);
  });

  it("drops template text even in a prefixed format", () => {
    expect(
      compilePatterns([rule({ pattern: "\\b(?<secret>acme_[A-Za-z<>-]{4,40})" })]).find("acme_<your-key>"),
    ).toEqual([]);
  });

  it("keeps a documentation word in a file format's password slot at low, drops other made-up values", () => {
    const slot = compilePatterns([
      rule({
        id: "acme-config.password",
        keywords: ["<pass>"],
        pattern: "<Pass>(?<secret>[^<>\\r\\n]{1,64})</Pass>",
        tags: ["password"],
      }),
    ]);
    const found = slot.find("<Pass>ExamplePas123</Pass>");
    expect(found).toHaveLength(1);
    expect(found[0]?.confidence).toBe("low");
    expect(slot.find("<Pass>99999:7:::</Pass>")).toEqual([]);
    expect(slot.find("<Pass><your-password></Pass>")).toEqual([]);
    expect(slot.find("<Pass>Cedar-Upl0ad</Pass>")[0]?.confidence).toBe("medium");
  });

  it("marks a credential for a reserved or local host low, and leaves a real host alone", () => {
    expect(url.find("https://tobi:hello@example.com/")[0]?.confidence).toBe("low");
    expect(url.find("https://ci:Qw7rT2zL@localhost:8080/")[0]?.confidence).toBe("low");
    expect(url.find("https://ci:Qw7rT2zL@git.acme-corp.net/")[0]?.confidence).toBe("medium");
  });

  it.each([
    ["example.com", true],
    ["api.example.org", true],
    ["svc.test", true],
    ["127.0.0.1", true],
    ["localhost", true],
    ["example.com.evil.net", false],
    ["myexample.com", false],
    ["10.0.0.7", false],
  ])("tells reserved host %s: %s", (host, reserved) => {
    expect(isReservedHost(host)).toBe(reserved);
  });
});
