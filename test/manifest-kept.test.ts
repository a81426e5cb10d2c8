import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addToManifest, loadManifest } from "../src/manifest/index.js";
import { createMatchEngine } from "../src/match/index.js";
import { fakeToken, tempDir } from "./known-helpers.js";

describe("opening a manifest read once or twice (load.ts keeps the first read's hashes)", () => {
  it("finds the same copies whether the header's window count fits, understates or is absent", async () => {
    const secrets = Array.from({ length: 40 }, () => fakeToken());
    const file = path.join(tempDir(), "m.json");
    await addToManifest(
      file,
      secrets.map((value, i) => ({ id: `s${i}`, value })),
      { env: {} },
    );
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/"windows":\d+/);
    const text0 = `a ${secrets[3]} b ${Buffer.from(secrets[17]!).toString("base64")} c ${secrets[39]!.slice(0, 30)}`;
    const found: string[][] = [];
    for (const [k, header] of ['"windows":$1', '"windows":5', '"windows":0', ""].entries()) {
      const f = path.join(path.dirname(file), `m${k}.json`);
      writeFileSync(f, header ? text.replace(/"windows":(\d+)/, header) : text.replace(/"windows":\d+,/, ""));
      const m = await loadManifest(f);
      const matches = createMatchEngine({ manifests: [m] }).find(text0);
      found.push(matches.map((x) => `${x.kind === "known" ? x.secretId : ""}:${x.start}:${x.form}`).sort());
    }
    expect(found[0]).toHaveLength(3);
    for (const f of found) expect(f).toEqual(found[0]);
  });
});
