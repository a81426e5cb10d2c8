import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import type { Finding } from "../src/types.js";
import { manifestOf } from "./helpers/chat-manifest.js";
import { startFakeJira } from "./helpers/fake-jira.mjs";
import { smallSite } from "./helpers/jira-data.js";
import { locate, runSource } from "./helpers/source-run.js";

const CLOUD = { email: "bot@example.com", apiToken: "fake-api-token" };
const site = smallSite();
const server = await startFakeJira(site, CLOUD);
site.base = server.url;
const manifest = await manifestOf(site.secrets);
afterAll(() => server.close());
const root = mkdtempSync(path.join(tmpdir(), "residue-jira-export-"));
const issues = site.issues().map((i) => ({ ...i, self: `${server.url}/rest/api/3/issue/${i.id}` }));

function write(name: string, doc: unknown): string {
  const file = path.join(root, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

const row = (f: Finding) => {
  const { source: _s, ...loc } = f.provenance;
  return JSON.stringify([f.secretId, loc, f.line, f.column, f.uri]);
};

async function findings(target: string) {
  const run = scan({ targets: [target], env: CLOUD_ENV, manifests: [manifest], workers: 0 });
  const out: Finding[] = [];
  for await (const f of run) out.push(f);
  return { rows: out.map(row).sort(), errors: run.errors };
}
const CLOUD_ENV = { JIRA_EMAIL: CLOUD.email, JIRA_API_TOKEN: CLOUD.apiToken };

describe("jira-export: source", () => {
  it("an export of the same issues gives the same findings as the API (attachments aside)", async () => {
    const file = write("search.json", { issues, isLast: true });
    const api = await findings(`jira:${server.url}`);
    const exp = await findings(`jira-export:${file}`);
    expect(exp.errors).toEqual([]);
    const withoutAttachments = api.rows.filter((r) => !r.includes('"field":"attachment"'));
    expect(withoutAttachments).toHaveLength(Object.keys(site.secrets).length - 1);
    expect(exp.rows).toEqual(withoutAttachments);
  });

  it.each([
    ["an array of issues", issues],
    ["an array of pages", [{ issues: issues.slice(0, 30) }, { issues: issues.slice(30) }]],
    ["one issue", issues[0]],
  ])("reads %s", async (_shape, doc) => {
    const file = write(`shape-${Math.random().toString(36).slice(2)}.json`, doc);
    const run = await runSource("jira-export", file, {});
    expect(locate(run.chunks, site.secrets.changelog)?.chunk.provenance).toMatchObject({
      issue: "ACME-1",
      changelog: "40003",
    });
  });

  it("reads a folder file by file and reports a corrupt file", async () => {
    const dir = path.join(root, "folder");
    write("folder/a/1.json", { issues: issues.slice(0, 1) });
    write("folder/b.json", "not an export");
    writeFileSync(path.join(dir, "c.json"), "{ broken");
    const run = await runSource("jira-export", dir, {});
    expect(run.errors.map((e) => path.basename(e.item)).sort()).toEqual(["b.json", "c.json"]);
    expect(locate(run.chunks, site.secrets.comment)?.chunk.provenance.comment).toBe("20003");
  });

  it("filters by since=, reports the cursor, and takes the site from site= when issues have no self", async () => {
    const bare = write("bare.json", site.issues());
    const run = await runSource(
      "jira-export",
      `${bare}?since=2024-03-01T10:00:00Z&site=https://acme.example/`,
      {},
    );
    expect(run.items).toBe(52);
    expect(run.cursor).toBe("2024-03-03T13:00:00.000Z");
    const all = await runSource("jira-export", `${bare}?site=https://acme.example`, {});
    expect(locate(all.chunks, site.secrets.comment)?.chunk.provenance.uri).toBe(
      "https://acme.example/browse/ACME-1?focusedCommentId=20003",
    );
  });
});
