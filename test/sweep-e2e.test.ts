import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addToManifest } from "../src/manifest/index.js";
import { cli } from "./helpers/cli.js";
import { fakeSecret } from "./helpers/literal-matcher.js";

interface Doc {
  findings: {
    state: string;
    location: { path: string };
    firstSeen: string;
    lastSeen: string;
    form: string;
  }[];
}

const report = async (cwd: string, run?: number): Promise<Doc> =>
  JSON.parse(
    (await cli(["report", "--db", "r.db", "-f", "json", ...(run ? ["--run", String(run)] : [])], { cwd }))
      .out,
  );
const states = (doc: Doc) =>
  doc.findings.map((f) => [f.location.path.replace(/^.*\/tree\//, ""), f.state]).sort();

describe("residue sweep with a manifest, end to end", () => {
  it("first run: both copies new; after one is deleted: one surviving, one gone", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-e2e-"));
    const secret = fakeSecret("fake_e2e_", 32);
    await addToManifest(
      path.join(dir, "m.json"),
      [{ id: "ci-token", value: secret, label: "CI deploy token", tier: "privileged" }],
      { env: {} },
    );
    mkdirSync(path.join(dir, "tree", "ci"), { recursive: true });
    writeFileSync(path.join(dir, "tree", "app.env"), `# app\nCI_TOKEN=${secret}\n`);
    writeFileSync(path.join(dir, "tree", "ci", "build.log"), `step 3\nexport TOKEN=${secret}\ndone\n`);
    writeFileSync(
      path.join(dir, "sweep.json"),
      JSON.stringify({ manifests: ["m.json"], targets: ["tree"], db: "r.db" }),
    );
    const first = await cli(["sweep", "-c", "sweep.json"], { cwd: dir });
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/run 1: 2 new, 0 surviving, 0 gone/);
    expect(states(await report(dir))).toEqual([
      ["app.env", "new"],
      ["ci/build.log", "new"],
    ]);
    rmSync(path.join(dir, "tree", "ci", "build.log"));
    const second = await cli(["sweep", "-c", "sweep.json"], { cwd: dir });
    expect(second.code).toBe(0);
    const doc = await report(dir);
    expect(states(doc)).toEqual([
      ["app.env", "surviving"],
      ["ci/build.log", "gone"],
    ]);
    expect(states(await report(dir, 1))).toEqual([
      ["app.env", "new"],
      ["ci/build.log", "new"],
    ]);
    const html = await cli(["report", "--db", "r.db", "-f", "html", "-o", "r.html"], { cwd: dir });
    expect(html.code).toBe(0);
    expect(readFileSync(path.join(dir, "r.html"), "utf8")).toContain(
      "ci-token (CI deploy token) · privileged",
    );
    expect((await cli(["report", "--db", "r.db"], { cwd: dir })).out).toMatch(
      /known secret ci-token \(CI deploy token\)/,
    );
    const viaConfig = await cli(["report", "-c", "sweep.json", "-f", "json"], { cwd: dir });
    expect(states(JSON.parse(viaConfig.out))).toEqual(states(doc));
    const files = ["r.html", "r.db", "r.db-wal"].map((f) => {
      try {
        return readFileSync(path.join(dir, f), "latin1");
      } catch {
        return "";
      }
    });
    for (const text of [...files, JSON.stringify(doc)]) expect(text.includes(secret)).toBe(false);
  });
});
