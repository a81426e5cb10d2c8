/**
 * The text report (issue 17): secrets by urgency (severity, then copies), each with its rule's
 * description and severity in colour, each copy with the masked line it sits on, and copies that
 * only git history still holds marked as needing a rewrite.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { textReporter } from "../src/reporters/text.js";
import { scan } from "../src/scan.js";
import { fakeSecret, tempRepo } from "./git-repo.js";
import { cli } from "./helpers/cli.js";
import { fakeStripeKey } from "./helpers/fake-keys.js";

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});

const key = fakeStripeKey(5);
const generic = "Vt9qLmX2w8bRzKc4NdpY7sHgJ3aFeU6o";
const bystander = "Kx7Pw2Mz9Qr4Ts6Vb1Nc8Hd3Jf5Gl0Ya";

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "residue-text-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  // the medium generic finding comes first in the file, the critical Stripe key after it
  await writeFile(path.join(dir, "a.env"), `APP_SECRET="${generic}"\n`);
  await writeFile(path.join(dir, "b.env"), `STRIPE_SECRET_KEY=${key} # also ${bystander}\n`);
  return dir;
}

describe("text reporter", () => {
  it("puts the critical secret first, with its description and the masked line", async () => {
    const r = await cli(["scan", await folder()]);
    expect(r.code).toBe(1);
    const blocks = r.out.split(/^● /m).slice(1);
    expect(blocks[0]).toMatch(/^CRITICAL stripe\./);
    expect(blocks[1]).toMatch(/^MEDIUM generic\./);
    expect(blocks[0]!.split("\n")[1]).toMatch(/^ {2}Stripe /); // the rule's description
    expect(r.out).toMatch(/│ STRIPE_SECRET_KEY=sk_l…\S\S # also Kx7P…Ya/);
    for (const s of [key, generic, bystander]) expect(r.out).not.toContain(s);
    expect(r.out).toMatch(/^2 items, .*, 2 findings, 0 errors, /m);
  });

  it("paints the severity when colour is on, and nothing when it is off", async () => {
    const dir = await folder();
    for (const color of [true, false]) {
      let out = "";
      const run = scan({ targets: [dir] });
      const rep = textReporter({ write: (s) => (out += s), redact: true, color });
      rep.begin(await run.meta());
      for await (const f of run) rep.finding(f);
      rep.end({ stats: run.stats, errors: run.errors, notices: run.notices });
      expect(out.includes("\u001b[1m\u001b[31mCRITICAL")).toBe(color);
      expect(out.includes("\u001b[")).toBe(color);
    }
  });

  it("marks a copy only git history holds: history only: rewrite needed", async () => {
    const repo = await tempRepo();
    cleanup.push(() => repo.remove());
    const secret = fakeSecret("text-history-1");
    await repo.write("app.env", `TOKEN=${secret}\n`);
    await repo.commit("add");
    await repo.write("app.env", "TOKEN=\n");
    await repo.commit("remove");
    const m = path.join(repo.dir, ".git", "m.json");
    await cli(["manifest", "add", "-m", m, "--id", "t1", "--label", "deploy token"], {
      stdin: `${secret}\n`,
    });
    const r = await cli(["scan", `git:${repo.dir}`, "-m", m]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /● CRITICAL known secret t1 — 1 copy\n {2}a known-compromised secret: deploy token\n/,
    );
    expect(r.out).toMatch(/:app\.env:1 {2}plain {2}resi…\S\S {2}history only: rewrite needed/);
    expect(r.out).toMatch(/│ TOKEN=resi…/);
    expect(r.out).not.toContain(secret);
  });
});
