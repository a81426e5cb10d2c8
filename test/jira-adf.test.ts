import { describe, expect, it } from "vitest";
import { adfToText } from "../src/sources/jira/adf.js";

describe("ADF to text", () => {
  const doc = (...content: unknown[]) => ({ type: "doc", version: 1, content });
  const p = (...content: unknown[]) => ({ type: "paragraph", content });
  const t = (text: string, marks?: unknown[]) => ({ type: "text", text, marks });
  it.each([
    [doc(p(t("a")), p(t("b"))), "a\nb"],
    [doc({ type: "codeBlock", content: [t("x=1\ny=2")] }), "x=1\ny=2"],
    [doc(p(t("run "), t("cmd", [{ type: "code" }]))), "run cmd"],
    [
      doc(p(t("docs", [{ type: "link", attrs: { href: "https://x.test/?k=1" } }]))),
      "docs (https://x.test/?k=1)",
    ],
    [doc(p({ type: "inlineCard", attrs: { url: "https://x.test/c" } })), "https://x.test/c"],
    [
      doc({
        type: "bulletList",
        content: [
          { type: "listItem", content: [p(t("one"))] },
          { type: "listItem", content: [p(t("two"))] },
        ],
      }),
      "one\ntwo",
    ],
    [doc(p(t("a"), { type: "hardBreak" }, t("b"))), "a\nb"],
    [doc(p({ type: "mention", attrs: { id: "x", text: "@ann" } })), "@ann"],
    [doc({ type: "expand", attrs: { title: "details" }, content: [p(t("inner"))] }), "details\ninner"],
  ])("renders case %#", (input, want) => expect(adfToText(input)).toBe(want));
});
