/**
 * Structural context (issue 18): the user name, host, port, e-mail or database written beside a
 * credential in the same block of a configuration file are reported as the finding's `context`,
 * not as findings of their own: FileZilla's `<Host>` and `<User>` in the same `<Server>`, an
 * sftp config's `"host"` and `"username"` beside `"password"`, `DB_HOST`/`DB_USERNAME` beside
 * `DB_PASSWORD` (same prefix), esmtprc's `hostname` and `username`, an INI section's `host`.
 * A block is the run of lines at the credential's indentation, up to a less indented line, a
 * section header or (for keys without a prefix) a blank line. Values are never secrets; a host
 * written as a URL loses its user-info, and a value holding the credential is left out.
 */
import { isBlockEdge, isFiller, type KeyLine, keyLine, splitKey } from "./context-lines.js";

/** Last words of a field's key, by the context name they give. */
const WORDS: Record<string, string> = {
  host: "host",
  hostname: "host",
  server: "host",
  servername: "host",
  address: "host",
  addr: "host",
  port: "port",
  user: "user",
  username: "user",
  userid: "user",
  login: "user",
  email: "email",
  identity: "email",
  database: "database",
  dbname: "database",
  account: "account",
};

/** Lines read on each side of the credential's line. */
const MAX_LINES = 40;
/** Longest line read (minified text holds no line-shaped fields). */
const MAX_LINE = 400;
/** Longest context value kept. */
const MAX_VALUE = 200;

/**
 * The line [a, b) that holds offset `at`, or undefined when it is longer than MAX_LINE: the search
 * for its ends is bounded, so thousands of matches on one minified line stay cheap.
 */
function lineAt(text: string, at: number): [number, number] | undefined {
  let a = at;
  while (a > 0 && text.charCodeAt(a - 1) !== 10) if (at - --a > MAX_LINE) return undefined;
  let b = at;
  while (b < text.length && text.charCodeAt(b) !== 10) if (++b - a > MAX_LINE) return undefined;
  return [a, b];
}

/** A field's value as context: trimmed, user-info dropped from a URL, never the secret. */
function cleanValue(value: string, secret: string): string | undefined {
  const v = value.trim().replace(/^([a-z][\w+.-]*:\/\/)[^/@\s]*@/i, "$1");
  if (!v || v.length > MAX_VALUE || v.includes(secret) || /[\s<>]/.test(v)) return undefined;
  // a long mix of letters and digits without a dot or @ is token-shaped, not a user or a host
  if (v.length >= 20 && !/[.@]/.test(v) && /\d/.test(v) && /[A-Za-z]/.test(v)) return undefined;
  return v;
}

/** What walking one way over a block found, written into `out` (first value per name wins). */
function walk(
  text: string,
  from: number,
  step: 1 | -1,
  own: KeyLine,
  prefix: string,
  secret: string,
  out: Record<string, string>,
) {
  let at = from;
  for (let n = 0; n < MAX_LINES; n++) {
    if (step < 0 ? at <= 0 : at >= text.length) return;
    const ends = step < 0 ? lineAt(text, at - 1) : lineAt(text, at + 1);
    if (!ends) return;
    const [a, b] = ends;
    at = step < 0 ? a : b;
    const line = text.slice(a, b).replace(/\r$/, "");
    if (isFiller(line)) {
      if (line.trim() === "" && prefix === "" && !own.xml) return;
      continue;
    }
    const kl = keyLine(line);
    if (!kl) {
      if (isBlockEdge(line) || line.length - line.trimStart().length < own.indent) return;
      continue;
    }
    if (kl.indent < own.indent) return;
    if (kl.indent > own.indent || kl.xml !== own.xml) continue;
    const { prefix: p, word } = splitKey(kl.key);
    const name = WORDS[word];
    if (!name || p !== prefix || out[name] !== undefined) continue;
    const v = cleanValue(line.slice(kl.from, kl.to), secret);
    if (v !== undefined) out[name] = v;
  }
}

/**
 * The fields beside the credential at text[start, end) in its block, as context names to values;
 * undefined when the credential is not the value of a field of a line-shaped format.
 */
export function structuralContext(
  text: string,
  start: number,
  end: number,
): Record<string, string> | undefined {
  const ends = lineAt(text, start);
  if (!ends || end > ends[1]) return undefined;
  const [a, b] = ends;
  const own = keyLine(text.slice(a, b).replace(/\r$/, ""));
  if (!own || start - a < own.from) return undefined;
  const { prefix, word } = splitKey(own.key);
  if (WORDS[word]) return undefined;
  const secret = text.slice(start, end);
  const out: Record<string, string> = {};
  walk(text, a, -1, own, prefix, secret, out);
  walk(text, b, 1, own, prefix, secret, out);
  return Object.keys(out).length ? out : undefined;
}

/** A finding's context: its rule's own groups first, then the fields beside it in its block. */
export function withStructure(
  context: Record<string, string> | undefined,
  text: string,
  start: number,
  end: number,
): Record<string, string> | undefined {
  const around = structuralContext(text, start, end);
  return around ? { ...around, ...context } : context;
}
