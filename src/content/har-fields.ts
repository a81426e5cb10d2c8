/**
 * The fields of a HAR 1.2 entry that can carry a secret, each with the name a finding shows
 * (`request.headers[authorization]`, `response.cookies[refresh_token]`) and its JSON path.
 */

/** One scannable string of an entry. */
export interface HarField {
  field: string;
  value: string;
  /** JSON path below the entry, to find the value in the raw file. */
  path: (string | number)[];
  /** response.content.text with `encoding: "base64"`. */
  base64?: boolean;
}

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === "string" && v.length > 0;

/** name/value pairs (headers, cookies, queryString, params) as fields. */
function pairs(list: unknown, label: string, at: (string | number)[], lower = false): HarField[] {
  if (!Array.isArray(list)) return [];
  const out: HarField[] = [];
  list.forEach((p, k) => {
    if (!isObj(p) || !str(p.value)) return;
    const name = typeof p.name === "string" ? (lower ? p.name.toLowerCase() : p.name) : String(k);
    out.push({ field: `${label}[${name}]`, value: p.value, path: [...at, k, "value"] });
  });
  return out;
}

/** Every scannable field of one entry, in file order of the HAR spec. */
export function harFields(entry: unknown): HarField[] {
  if (!isObj(entry)) return [];
  const out: HarField[] = [];
  const req = isObj(entry.request) ? entry.request : {};
  const res = isObj(entry.response) ? entry.response : {};
  if (str(req.url)) out.push({ field: "request.url", value: req.url, path: ["request", "url"] });
  out.push(...pairs(req.queryString, "request.queryString", ["request", "queryString"]));
  out.push(...pairs(req.headers, "request.headers", ["request", "headers"], true));
  out.push(...pairs(req.cookies, "request.cookies", ["request", "cookies"]));
  const post = isObj(req.postData) ? req.postData : {};
  if (str(post.text))
    out.push({ field: "request.postData.text", value: post.text, path: ["request", "postData", "text"] });
  out.push(...pairs(post.params, "request.postData.params", ["request", "postData", "params"]));
  out.push(...pairs(res.headers, "response.headers", ["response", "headers"], true));
  out.push(...pairs(res.cookies, "response.cookies", ["response", "cookies"]));
  if (str(res.redirectURL))
    out.push({ field: "response.redirectURL", value: res.redirectURL, path: ["response", "redirectURL"] });
  const content = isObj(res.content) ? res.content : {};
  if (str(content.text))
    out.push({
      field: "response.content.text",
      value: content.text,
      path: ["response", "content", "text"],
      base64: content.encoding === "base64",
    });
  if (Array.isArray(entry._webSocketMessages)) {
    entry._webSocketMessages.forEach((m, k) => {
      if (isObj(m) && str(m.data))
        out.push({
          field: `_webSocketMessages[${k}]`,
          value: m.data,
          path: ["_webSocketMessages", k, "data"],
        });
    });
  }
  return out;
}
