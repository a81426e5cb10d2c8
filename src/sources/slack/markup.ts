/**
 * Slack markup to the text a person sees. Slack escapes `&`, `<`, `>` and wraps links, mentions
 * and dates in `<…>`; the scanner must see the decoded text, and a link's target as well as its
 * label, because a secret can sit in either.
 */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">" };

/** Decodes the three HTML entities Slack uses. */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, e: string) => ENTITIES[e]!);
}

/** Renders one `<…>` token: links keep both label and target; mentions show their label. */
function renderToken(body: string): string {
  const bar = body.indexOf("|");
  const target = decodeEntities(bar === -1 ? body : body.slice(0, bar));
  const label = bar === -1 ? undefined : decodeEntities(body.slice(bar + 1));
  const sigil = target[0];
  if (sigil === "@" || sigil === "#") return label ? `${sigil}${label.replace(/^[@#]/, "")}` : target;
  if (sigil === "!") {
    if (label) return label;
    const word = target.slice(1).split("^")[0]!;
    return `@${word}`;
  }
  if (!label || label === target) return target;
  if (target.startsWith("mailto:") && target.slice(7) === label) return label;
  return `${label} (${target})`;
}

/** Decodes Slack mrkdwn markup: entities, links (`<url|label>` → `label (url)`), mentions. */
export function decodeSlackMarkup(text: string): string {
  if (!text.includes("<") && !text.includes("&")) return text;
  return text.replace(/<([^<>\n]*)>|&(amp|lt|gt);/g, (_, token: string | undefined, e: string | undefined) =>
    token !== undefined ? renderToken(token) : ENTITIES[e!]!,
  );
}
