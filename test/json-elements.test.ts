import { describe, expect, it } from "vitest";
import { arrayElements } from "../src/content/json-elements.js";

/** Every element of log.entries and the end, the text given in pieces of `size` characters. */
async function elements(text: string, size: number) {
  async function* pieces() {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  const g = arrayElements(pieces(), ["log", "entries"]);
  const out: [unknown, number, number, number][] = [];
  let r = await g.next();
  for (; !r.done; r = await g.next())
    out.push([JSON.parse(r.value.text), r.value.line, r.value.column, r.value.index]);
  return { out, end: r.value };
}

describe("arrayElements", () => {
  const text =
    '{"lo\\u0067":{"x":[1,{"entries":"]"}],\n "entries": [\n  {"a":"x\\"}y","b":[1,2]},\n  {"c":"\\\\"} ]}}';

  it.each([1, 2, 3, 5, 7, 1000])(
    "cuts out each entry with its line and column (pieces of %i)",
    async (size) => {
      const { out, end } = await elements(text, size);
      expect(out).toEqual([
        [{ a: 'x"}y', b: [1, 2] }, 3, 3, 0],
        [{ c: "\\" }, 4, 3, 1],
      ]);
      expect(end).toEqual({ found: true, count: 2 });
    },
  );

  it("says when the array is missing, and hands back an entry cut short", async () => {
    expect((await elements('{"log":{"pages":[{"a":1}]}}', 4)).end).toEqual({ found: false, count: 0 });
    const cut = await elements('{"log":{"entries":[{"a":1},\n{"b":"xx', 4);
    expect(cut.out).toEqual([[{ a: 1 }, 1, 20, 0]]);
    expect(cut.end.truncated).toEqual({ text: '{"b":"xx', line: 2, column: 1, index: 1 });
  });

  it("throws on a closing bracket that closes nothing", async () => {
    await expect(elements('{"log":{}}}', 3)).rejects.toThrow(/unexpected "}" at line 1/);
  });
});
