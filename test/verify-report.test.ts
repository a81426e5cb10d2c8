import { describe, expect, it } from "vitest";
import { textReporter } from "../src/reporters/text.js";
import { Secret } from "../src/secret.js";
import type { Finding } from "../src/types.js";
import { fakeSecret } from "./helpers/literal-matcher.js";

function finding(ruleId: string, status?: "live" | "revoked" | "unknown"): Finding {
  return {
    id: ruleId,
    target: ".",
    item: `${ruleId}.env`,
    kind: "pattern",
    ruleId,
    secretKey: `pattern:${ruleId}`,
    form: "plain",
    match: "exact",
    coverage: 1,
    provenance: { source: "fs", path: `${ruleId}.env` },
    line: 1,
    column: 1,
    uri: `${ruleId}.env:1:1`,
    secret: new Secret(fakeSecret("fake_")),
    ...(status && { verification: { status, checkedAt: "2026-01-01T00:00:00.000Z", detail: "HTTP" } }),
  };
}

describe("the text report after scan --verify", () => {
  it("lists secrets with a live copy first, marked LIVE", () => {
    let out = "";
    const r = textReporter({ write: (s) => void (out += s), redact: true });
    r.begin({} as never);
    for (const f of [finding("a.revoked", "revoked"), finding("b.plain"), finding("c.live", "live")])
      r.finding(f);
    r.end({
      stats: { items: 1, bytes: 1, skipped: 0, skippedBy: {}, findings: 3, errors: 0, durationMs: 1 },
      errors: [],
      notices: [],
    });
    const heads = out.split("\n").filter((l) => l.startsWith("●"));
    expect(heads[0]).toMatch(/c\.live LIVE/);
    expect(heads[1]).toMatch(/a\.revoked revoked/);
    expect(heads[2]).toMatch(/b\.plain — 1 copy/);
  });
});
