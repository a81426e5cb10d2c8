import { readdirSync, readFileSync } from "node:fs";
import * as fsp from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { ManifestError } from "../src/errors.js";
import { addToManifest, listManifest } from "../src/manifest/index.js";
import { fakeToken, tempDir } from "./known-helpers.js";

vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  return { ...real, rename: vi.fn(real.rename) };
});

describe("atomic manifest writes", () => {
  it("an add interrupted before the rename leaves the old manifest intact and no temporary file", async () => {
    const dir = tempDir();
    const file = path.join(dir, "m.json");
    await addToManifest(file, [{ id: "a", value: fakeToken() }], { env: {} });
    const before = readFileSync(file, "utf8");
    vi.mocked(fsp.rename).mockRejectedValueOnce(Object.assign(new Error("interrupted"), { code: "EINTR" }));
    const err = await addToManifest(file, [{ id: "b", value: fakeToken() }], { env: {} }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ManifestError);
    expect(readFileSync(file, "utf8")).toBe(before);
    expect(readdirSync(dir)).toEqual(["m.json"]);
    expect((await listManifest(file)).map((e) => e.id)).toEqual(["a"]);
  });
});
