/**
 * The library's API is deliberate (README "Library API"): these names and no others, none of
 * them the CLI's; the post-scan steps run without the CLI.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as lib from "../src/index.js";
import { fakeSecret, literalMatcher } from "./helpers/literal-matcher.js";

const API = [
  "ResidueError",
  "Secret",
  "UsageError",
  "VERSION",
  "addToManifest",
  "createMatchEngine",
  "defineSource",
  "findingJson",
  "listManifest",
  "loadCatalog",
  "loadManifest",
  "loadSweepConfig",
  "locationJsonSchema",
  "parseTarget",
  "redact",
  "registry",
  "removeFromManifest",
  "reporters",
  "runSweep",
  "saveFoundSecrets",
  "scan",
  "suppressionFilters",
  "sweepStatus",
  "verifyScanFindings",
  "watch",
  "writeBaseline",
];

describe("the library API", () => {
  it("exports exactly the documented names", () => {
    expect(Object.keys(lib).sort()).toEqual(API);
    const readme = readFileSync(path.join(import.meta.dirname, "..", "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Library API"), readme.indexOf("## Performance"));
    for (const name of API) expect(section, name).toContain(`\`${name}`);
  });

  it("scans with suppression, then writes a baseline that the next scan honours, without the CLI", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "residue-lib-"));
    const secret = fakeSecret("fake_lib_", 30);
    writeFileSync(path.join(dir, "a.env"), `A=${secret}\nB=${secret} # residue:allow\n`);
    const run = async (baseline?: string) => {
      const filters = await lib.suppressionFilters({ cwd: dir, ...(baseline && { baseline }) });
      const out: lib.Finding[] = [];
      for await (const f of lib.scan({
        targets: [dir],
        matcher: literalMatcher({ k: secret }),
        filters,
        workers: 0,
      }))
        out.push(f);
      return out;
    };
    const first = await run();
    expect(first.map((f) => f.line)).toEqual([1]);
    const file = path.join(dir, "baseline.json");
    expect(await lib.writeBaseline(file, first)).toBe(1);
    expect(await run(file)).toEqual([]);
  });
});
