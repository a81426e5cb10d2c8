import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addToManifest } from "../src/manifest/index.js";
import { htmlReporter } from "../src/reporters/html.js";
import { cli } from "./helpers/cli.js";
import { fakeSecret } from "./helpers/literal-matcher.js";
import { copyAt, incidentCopies } from "./store-fixtures.js";

function render(findings = incidentCopies().copies, targets = ["/srv", "git:/srv/repos/infra"]): string {
  let out = "";
  const r = htmlReporter({ write: (s) => (out += s), redact: false });
  r.begin({
    tool: { name: "residue", version: "0" },
    targets,
    startedAt: "2026-11-27T00:00:00.000Z",
    redact: false,
    rules: [],
    secrets: [{ id: "ci-deploy-token", label: "CI deploy token", tier: "privileged" }],
  });
  for (const f of findings) r.finding(f);
  r.end({
    stats: {
      items: 1,
      bytes: 1,
      skipped: 0,
      skippedBy: {},
      findings: findings.length,
      errors: 0,
      durationMs: 1,
    },
    errors: [{ source: "/srv", item: "/srv/<b>x</b>", reason: "permission denied" }],
    notices: [],
  });
  return out;
}

describe("scan -f html", () => {
  it("groups copies by secret and system, with labels from the manifest", () => {
    const html = render();
    expect(html).toContain("Compromised secret ci-deploy-token (CI deploy token) · privileged");
    expect(html).toContain("Slack channel #deploys");
    expect(html).toContain("Jira project OPS");
    expect(html).toContain("repository /srv/repos/infra");
    expect(html).toContain("HAR capture /captures/login.har");
    expect(html.match(/<tr class="copy/g)).toHaveLength(7);
  });

  it("groups pattern findings by secret under their rule, with the redacted preview", () => {
    const value = "fake_pattern_value_0123456789abcd";
    const f = copyAt("x", value, { source: "logs", path: "/var/ci/logs/b.log" });
    const pattern = {
      ...f,
      kind: "pattern" as const,
      secretId: undefined,
      ruleId: "acme.api-key",
      secretKey: "pattern:abc",
    };
    const html = render([pattern, { ...pattern, id: "other", line: 9 }], ["logs:/var/ci/logs"]);
    expect(html).toContain("Pattern acme.api-key · fake…cd");
    expect(html).toContain("log store /var/ci/logs");
    expect(html.match(/<section class="card secret"/g)).toHaveLength(1);
    expect(html.includes(value)).toBe(false);
  });

  it("holds no plaintext secret even under --no-redact, and loads nothing from outside", () => {
    const { secrets, copies } = incidentCopies();
    const html = render(copies);
    for (const s of secrets) expect(html.includes(s)).toBe(false);
    expect(html).toContain("Content-Security-Policy");
    expect(html).not.toMatch(/<link|<img|\ssrc=|@import|url\(/i);
  });

  it("escapes every value that reaches the page", () => {
    const evil = copyAt("x", "fake_value_for_escaping_0123456789", {
      source: "fs",
      path: '/srv/"><script>alert(1)</script>.txt',
    });
    const html = render([evil]);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("/srv/&lt;b&gt;x&lt;/b&gt;");
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it("is what `residue scan -f html` writes for a one-off scan with a manifest", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-html-"));
    const value = fakeSecret("fake_html_", 30);
    await addToManifest(path.join(dir, "m.json"), [{ id: "ci-token", value, label: "CI token" }], {
      env: {},
    });
    mkdirSync(path.join(dir, "tree"));
    writeFileSync(path.join(dir, "tree", "a.env"), `TOKEN=${value}\n`);
    writeFileSync(path.join(dir, "tree", "b.txt"), `Basic ${Buffer.from(`u:${value}`).toString("base64")}\n`);
    const r = await cli(["scan", "-m", "m.json", "-f", "html", "--no-redact", "tree"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.out).toContain("Compromised secret ci-token (CI token)");
    expect(r.out.match(/<tr class="copy/g)).toHaveLength(2);
    expect(r.out.includes(value)).toBe(false);
  });

  it("is what `residue scan -f html` writes, also when nothing is found", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-html-"));
    writeFileSync(path.join(dir, "a.txt"), "nothing\n");
    const r = await cli(["scan", "--rules", "none", "-f", "html", dir]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^<!doctype html>/);
    expect(r.out).toContain("No copies found");
  });
});
