/** HTML escaping for the report: every value that reaches the page goes through esc(). */

const MAP: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for element content and quoted attributes. */
export function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => MAP[c]!);
}

/** A link target a person can open: http(s) as is, an absolute path as file://, else none. */
export function hrefOf(uri: string): string | undefined {
  if (/^https?:\/\//i.test(uri)) return uri;
  if (uri.startsWith("/")) {
    const file = uri.replace(/(:\d+){1,2}$/, "").split("!")[0]!;
    return `file://${encodeURI(file)}`;
  }
  return undefined;
}
