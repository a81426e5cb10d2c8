/**
 * Issue 16, archives: a zip with one `../` member lost the whole archive as "corrupt"; a nested
 * zip bomb (zips of zips, deeper than --max-archive-depth) gave one error line per hidden layer.
 * Now the `../` member is read like any other (nothing is extracted), and the bomb is one error
 * item naming the limit that stopped it; a good sibling is found either way.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { deflatedFill, makeZip } from "../../fixtures/archives/make.js";
import { cli } from "../helpers/cli.js";
import { expectNoSecret, type JsonReport, manifestOf, seededSecret, tempFolder } from "./kit.js";

const secrets = [seededSecret(1661), seededSecret(1662), seededSecret(1663)];
const root = tempFolder("archives");
const good = path.join(root, "good.env");
let manifest = "";

beforeAll(async () => {
  writeFileSync(good, `TOKEN=${secrets[2]}\n`);
  manifest = await manifestOf(root, secrets);
});

async function scan(target: string): Promise<{ code: number; doc: JsonReport }> {
  const r = await cli(["scan", "-m", manifest, "-f", "json", "-q", target, good]);
  expectNoSecret([r.out, r.err], secrets);
  return { code: r.code, doc: JSON.parse(r.out) as JsonReport };
}

describe("hostile archives (issue 16)", () => {
  it("reads every member of a zip with a ../ member, that one included", async () => {
    const zip = path.join(root, "dotdot.zip");
    writeFileSync(
      zip,
      makeZip([
        { name: "a.txt", data: Buffer.from("nothing\n") },
        { name: "../../evil.env", data: Buffer.from(`TOKEN=${secrets[0]}\n`) },
        { name: "/abs/c.env", data: Buffer.from(`TOKEN=${secrets[1]}\n`) },
      ]),
    );
    const { code, doc } = await scan(zip);
    expect(code).toBe(1);
    expect(doc.errors).toEqual([]);
    expect(doc.findings.map((f) => f.location.path).sort()).toEqual([
      `${zip}!../../evil.env`,
      `${zip}!/abs/c.env`,
      good,
    ]);
  });

  it("reports a nested zip bomb once, with the limit that stopped it", async () => {
    // 4 zips of 4 zips, five layers deep, around a 1 MiB fill: 64 layers past the depth limit
    let layer = makeZip([{ name: "fill.txt", deflated: await deflatedFill(1 << 20) }]);
    for (let d = 0; d < 4; d++)
      layer = makeZip([0, 1, 2, 3].map((i) => ({ name: `l${d}-${i}.zip`, data: layer, store: true })));
    const bomb = path.join(root, "nested-bomb.zip");
    writeFileSync(bomb, layer);
    const { code, doc } = await scan(bomb);
    expect(code).toBe(1);
    expect(doc.findings.map((f) => f.location.path)).toEqual([good]);
    expect(doc.errors).toEqual([
      {
        source: bomb,
        item: `${bomb}!l3-0.zip!l2-0.zip!l1-0.zip`,
        reason: `archive nested deeper than 3 levels (--max-archive-depth); not opened (it and 63 more archives nested as deep in ${bomb})`,
      },
    ]);
  });
});
