/**
 * A small Slack workspace with a secret in each place the issue names (thread reply, code block,
 * file snippet, bot attachment, blocks only, a link target, channel topic), served by the fake
 * API and written as an export, so both sources can be checked against the same data.
 */
import type { FakeSlackData } from "./fake-slack.mjs";
import { fakeSecret } from "./literal-matcher.js";

/** The kinds of places a secret sits in the small workspace. */
export const SLACK_PLACES = [
  "reply",
  "code",
  "snippet",
  "attachment",
  "blocks",
  "link",
  "topic",
  "edited",
] as const;
export type SlackPlace = (typeof SLACK_PLACES)[number];

const T0 = 1_700_000_000;
/** The ts of the i-th message of the small workspace. */
export const tsOf = (i: number) => `${T0 + i * 60}.${String(100 + i).padStart(6, "0")}`;

/** Workspace data plus the secrets planted in it; `base` is the fake server's URL (file links). */
export interface SmallWorkspace extends FakeSlackData {
  secrets: Record<SlackPlace, string>;
  base: string;
}

function filler(channel: string, n: number, from: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, k) => ({
    type: "message",
    user: "U0FILL",
    ts: tsOf(from + k),
    text: `${channel} filler ${k} &amp; nothing to see`,
  }));
}

/** Builds the small workspace with fresh secrets. */
export function smallWorkspace(): SmallWorkspace {
  const s = Object.fromEntries(SLACK_PLACES.map((p) => [p, fakeSecret(`fake_${p}_`, 24)])) as Record<
    SlackPlace,
    string
  >;
  const ws: SmallWorkspace = {
    domain: "acme.slack.com",
    base: "",
    secrets: s,
    channels: [
      {
        id: "C001",
        name: "general",
        type: "public_channel",
        topic: { value: `ops: key ${s.topic}` },
        purpose: { value: "chat" },
      },
      { id: "C002", name: "random", type: "public_channel", topic: { value: "" }, purpose: { value: "" } },
      {
        id: "G003",
        name: "secret-ops",
        type: "private_channel",
        topic: { value: "" },
        purpose: { value: "" },
      },
    ],
    messages: (id) => byChannel()[id],
    files: {},
  };
  ws.files!.F1 = `line one\nAPI_KEY=${s.snippet}\nline three`;
  const byChannel = (): Record<string, Record<string, unknown>[] | undefined> => ({
    C001: [
      {
        type: "message",
        user: "U1",
        ts: tsOf(1),
        text: `see <https://example.com/x?k=${s.link}|the docs> &lt;ok&gt;`,
      },
      { type: "message", user: "U1", ts: tsOf(2), text: "deploy thread", thread_ts: tsOf(2), reply_count: 2 },
      { type: "message", user: "U2", ts: tsOf(3), thread_ts: tsOf(2), text: "which key?" },
      { type: "message", user: "U3", ts: tsOf(4), thread_ts: tsOf(2), text: `this one:\n${s.reply}` },
      {
        type: "message",
        user: "U2",
        ts: tsOf(5),
        text: `\`\`\`\nexport TOKEN=${s.code}\n\`\`\``,
        blocks: [
          {
            type: "rich_text",
            elements: [
              {
                type: "rich_text_preformatted",
                elements: [{ type: "text", text: `export TOKEN=${s.code}` }],
              },
            ],
          },
        ],
      },
      {
        type: "message",
        user: "U2",
        ts: tsOf(6),
        text: "",
        files: [
          {
            id: "F1",
            name: "env.txt",
            mode: "snippet",
            mimetype: "text/plain",
            size: ws.files!.F1!.length,
            url_private: `${ws.base}/files/F1`,
            preview: `line one\nAPI_KEY=${s.snippet}`,
          },
        ],
      },
      {
        type: "message",
        subtype: "bot_message",
        bot_id: "B01",
        ts: tsOf(7),
        text: "",
        attachments: [{ fallback: "CI failed", color: "danger", text: `build log:\nAUTH ${s.attachment}` }],
      },
      {
        type: "message",
        user: "U4",
        ts: tsOf(8),
        text: `rotated ${s.edited}`,
        edited: { user: "U4", ts: tsOf(9) },
      },
    ],
    C002: filler("random", 450, 100),
    G003: [
      {
        type: "message",
        user: "U5",
        ts: tsOf(20),
        text: "see below",
        blocks: [{ type: "section", text: { type: "mrkdwn", text: `vault: \`${s.blocks}\`` } }],
      },
    ],
  });
  return ws;
}
