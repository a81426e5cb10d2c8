import { describe, expect, it } from "vitest";
import { issuesOf } from "../src/sources/jira-export/index.js";
import { streamElements } from "../src/sources/jira-export/json-stream.js";

async function* pieces(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function streamed(text: string, size: number): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const e of streamElements(pieces(text, size))) out.push(...issuesOf(e));
  return out;
}

const tricky = {
  key: "A-1",
  fields: { summary: 'brace } bracket ] quote \\" "issues": [', issues: [{ key: "NOT-1" }], n: [1, [2, {}]] },
};
const other = {
  key: "A-2",
  fields: { description: { type: "doc", content: [{ type: "text", text: "x" }] } },
};

describe("Jira export streaming", () => {
  it.each([
    ["a search page", { startAt: 0, names: { issues: [{ key: "NO" }] }, issues: [tricky, other], total: 2 }],
    ["an array of issues", [tricky, other]],
    ["an array of pages", [{ issues: [tricky] }, { issues: [other] }]],
  ])("streams %s the same as parsing it whole, whatever the piece size", async (_shape, doc) => {
    const text = JSON.stringify(doc, null, 1);
    const whole = issuesOf(JSON.parse(text));
    expect(whole).toHaveLength(2);
    for (const size of [1, 3, 7, 64, 1 << 16]) expect(await streamed(text, size)).toEqual(whole);
  });

  it("reports truncated JSON after the issues it could read", async () => {
    const text = JSON.stringify([tricky, other]).slice(0, -5);
    const seen: unknown[] = [];
    await expect(async () => {
      for await (const e of streamElements(pieces(text, 10))) seen.push(e);
    }).rejects.toThrow(/truncated JSON|JSON/);
    expect(seen).toEqual([tricky]);
  });

  it("says when the root is one object, so the caller parses it whole", async () => {
    const it = streamElements(pieces(JSON.stringify(tricky), 5));
    const r = await it.next();
    expect(r).toEqual({ done: true, value: { emitted: 0, root: "object" } });
  });
});
