import { describe, expect, it } from "vitest";
import { isFetchable, mayFetch } from "../src/sources/slack/api.js";
import { messageItems, slackHost, slackPermalink } from "../src/sources/slack/chunks.js";
import { decodeSlackMarkup } from "../src/sources/slack/markup.js";
import { messageFields } from "../src/sources/slack/message.js";

describe("Slack markup", () => {
  it.each([
    ["a &amp; b &lt;c&gt;", "a & b <c>"],
    ["<https://x.test/a?k=v&amp;z=1|label>", "label (https://x.test/a?k=v&z=1)"],
    ["<https://x.test/a>", "https://x.test/a"],
    ["<https://x.test|https://x.test>", "https://x.test"],
    ["<mailto:a@x.test|a@x.test>", "a@x.test"],
    ["<@U123> and <@U9|ann>", "@U123 and @ann"],
    ["<#C1|general>", "#general"],
    ["<!here> <!subteam^S1|@ops>", "@here @ops"],
    ["<!date^1700000000^{date}|Nov 14>", "Nov 14"],
  ])("decodes case %#", (input, want) => expect(decodeSlackMarkup(input)).toBe(want));

  it.each([
    ["acme", "acme.slack.com"],
    ["acme.slack.com", "acme.slack.com"],
    ["https://Acme.enterprise.slack.com/", "acme.enterprise.slack.com"],
  ])("reads --slack-domain form %#", (input, want) => expect(slackHost(input)).toBe(want));

  it("builds reply permalinks with thread_ts and cid", () => {
    expect(slackPermalink("a.slack.com", "C1", "1700000000.000200", "1700000000.000100")).toBe(
      "https://a.slack.com/archives/C1/p1700000000000200?thread_ts=1700000000.000100&cid=C1",
    );
  });

  it("keeps only the block and attachment lines the text does not show", () => {
    const fields = messageFields({
      text: "hello",
      blocks: [
        {
          type: "rich_text",
          elements: [{ type: "rich_text_section", elements: [{ type: "text", text: "hello" }] }],
        },
        {
          type: "section",
          text: { type: "mrkdwn", text: "extra &amp; more" },
          fields: [{ type: "plain_text", text: "f1" }],
        },
      ],
      attachments: [{ fallback: "hello", fields: [{ title: "k", value: "v" }] }],
    });
    expect(fields).toEqual([
      { field: "text", text: "hello" },
      { field: "blocks", text: "extra & more\nf1" },
      { field: "attachments", text: "k\nv" },
    ]);
  });

  it("reads an edit's new text and the text it replaced", () => {
    const chunks = messageItems(
      {
        subtype: "message_changed",
        ts: "1700000009.000100",
        message: { user: "U1", ts: "1700000001.000100", text: "now clean" },
        previous_message: { ts: "1700000001.000100", text: "was &lt;dirty&gt;" },
      },
      { id: "C1", name: "general" },
      { source: "slack", host: "a.slack.com" },
    );
    expect(chunks.map((c) => [c.provenance.field, "text" in c ? c.text : "", c.provenance.ts])).toEqual([
      ["text", "now clean", "1700000001.000100"],
      ["previous", "was <dirty>", "1700000001.000100"],
    ]);
  });

  it.each([
    ["https://files.slack.com/files-pri/T1-F1/a.txt", undefined, true],
    ["https://evil.example/a.txt", undefined, false],
    ["http://files.slack.com/a.txt", undefined, false],
    ["http://127.0.0.1:9/files/F1", "http://127.0.0.1:9/api/", true],
  ])("sends the token only to Slack or the configured API host, case %#", (url, api, want) =>
    expect(mayFetch(url, api)).toBe(want),
  );

  it("fetches snippets, text files, archives and HAR captures within the cap only", () => {
    expect(isFetchable({ mode: "snippet", size: 10 }, 100)).toBe(true);
    expect(isFetchable({ mimetype: "application/json", size: 10 }, 100)).toBe(true);
    expect(isFetchable({ mimetype: "application/zip", size: 10 }, 100)).toBe(true);
    expect(isFetchable({ name: "login.har", mimetype: "application/octet-stream", size: 10 }, 100)).toBe(
      true,
    );
    expect(isFetchable({ mimetype: "image/png", size: 10 }, 100)).toBe(false);
    expect(isFetchable({ mimetype: "text/plain", size: 1000 }, 100)).toBe(false);
    expect(isFetchable({ mimetype: "text/plain", mode: "hidden_by_limit" }, 100)).toBe(false);
  });
});
