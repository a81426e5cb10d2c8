/** The real-data section of `npm run eval`: skipped with a clear line when the corpora are absent (a fresh clone). */
import { describe, expect, it, vi } from "vitest";

const load = (p: string) => import(new URL(p, import.meta.url).href);

describe("the eval's real-data section", () => {
  it("says it is skipped when there are no corpora", async () => {
    vi.stubEnv("RESIDUE_CORPORA", "/nonexistent/residue-corpora");
    const { corporaDir, realDataSection } = await load("../bench/eval-real.mjs");
    expect(corporaDir()).toBeUndefined();
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      expect(await realDataSection()).toBeUndefined();
      expect(log.mock.calls.flat().join("\n")).toMatch(/^real data: skipped \(no \.\.\/shared\/corpora/);
    } finally {
      log.mockRestore();
      vi.unstubAllEnvs();
    }
  });
});
