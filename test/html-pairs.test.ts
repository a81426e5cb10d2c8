/** The HTML report shows an AWS key id and the secret key beside it as one credential (issue 17). */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./helpers/cli.js";

const keyId = "AKIAWVBTTJMNDJXXRBN7";
const secretKey = "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";
const otherId = "AKIAQ3RXTNZV2KMPLD7W";

describe("paired credentials in the HTML report", () => {
  it("puts the key id and its secret key in one section; a lone key id stays apart", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-pairs-"));
    writeFileSync(
      path.join(dir, "credentials"),
      `[default]\naws_access_key_id = ${keyId}\naws_secret_access_key = ${secretKey}\n`,
    );
    writeFileSync(path.join(dir, "other.env"), `AWS_ACCESS_KEY_ID=${otherId}\n`);
    const r = await cli(["scan", "--no-config", "-f", "html", dir]);
    expect(r.code).toBe(1);
    const sections = r.out.split('<section class="card secret"').slice(1);
    const titles = sections.map((s) => s.match(/<h2>([^<]*)<\/h2>/)?.[1] ?? "");
    const paired = titles.filter((t) => t.includes("(one credential)"));
    expect(paired).toHaveLength(1);
    expect(paired[0]).toMatch(/aws\.access-key-id .* \+ aws\.secret-access-key/);
    expect(titles.filter((t) => t.includes("aws.access-key-id"))).toHaveLength(2);
    expect(titles.filter((t) => t.startsWith("Pattern aws.secret-access-key"))).toHaveLength(0);
    for (const s of [keyId, secretKey, otherId]) expect(r.out).not.toContain(s);
  });
});
