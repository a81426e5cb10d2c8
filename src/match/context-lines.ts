/**
 * Parsing one line of a configuration file as a key and its value, whatever the format: `.env`
 * and shell (`DB_HOST=db`, `export DB_HOST=db`), INI and properties (`host = db`), YAML and
 * pretty-printed JSON (`host: db`, `"host": "db",`), line formats such as esmtprc or netrc
 * (`hostname smtp.example.net:587`) and XML leaf elements (`<Host>db</Host>`). Used to find the
 * fields beside a credential (structural context), so it needs no more than a line's shape.
 */

/** A line read as `key value`: its indentation, key, and where its value starts and ends. */
export interface KeyLine {
  indent: number;
  key: string;
  /** Offsets of the value in the line (quotes excluded). */
  from: number;
  to: number;
  xml: boolean;
}

const XML_LEAF = /^(\s*)<([A-Za-z][\w.:-]*)(?:\s[^<>]*)?>([^<]*)<\/\2>\s*$/;
const KEY_VALUE = /^(\s*)(?:export\s+|set\s+)?(["']?)([A-Za-z_][\w.-]*)\2[ \t]*(?:([=:])[ \t]*|[ \t]+)(.*)$/;
/** After a space separator the value is one word or one quoted string (else the line is prose). */
const ONE_VALUE = /^(?:"[^"]*"|'[^']*'|[^\s"']+)\s*$/;

/** The key and value of a line, or undefined when the line is not one field. */
export function keyLine(line: string): KeyLine | undefined {
  const x = XML_LEAF.exec(line);
  if (x) {
    const from = line.indexOf(">", x[1]!.length) + 1;
    return { indent: x[1]!.length, key: x[2]!, from, to: from + x[3]!.length, xml: true };
  }
  const m = KEY_VALUE.exec(line);
  const value = m?.[5];
  if (!m || value === undefined || value.startsWith("{") || value.startsWith("[")) return undefined;
  if (!m[4] && !ONE_VALUE.test(value)) return undefined;
  let from = line.length - value.length;
  let to = line.length;
  while (to > from && /[\s,;]/.test(line[to - 1]!)) to--;
  const q = line[from];
  if ((q === '"' || q === "'") && to - from >= 2 && line[to - 1] === q) {
    from++;
    to--;
  }
  return { indent: m[1]!.length, key: m[3]!, from, to, xml: false };
}

/** Whether a line holds no field: blank, or a comment in one of the usual syntaxes. */
export function isFiller(line: string): boolean {
  const t = line.trim();
  return t === "" || /^(?:#|;|\/\/|<!--|-->|<[A-Za-z][^<>]*\/>$)/.test(t);
}

/** Whether a line is an INI section header or an XML element that opens or closes a block. */
export function isBlockEdge(line: string): boolean {
  const t = line.trim();
  return /^\[[^\]]+\]$/.test(t) || /^<\/?[A-Za-z][^<>]*>$/.test(t);
}

/**
 * A key split into its prefix and last word: `DB_PASSWORD` → `db_` + `password`,
 * `spring.datasource.username` → `spring.datasource.` + `username`, `Pass` → `` + `pass`.
 */
export function splitKey(key: string): { prefix: string; word: string } {
  const lower = key.toLowerCase();
  const cut = Math.max(lower.lastIndexOf("_"), lower.lastIndexOf("."), lower.lastIndexOf("-")) + 1;
  return { prefix: lower.slice(0, cut), word: lower.slice(cut) };
}
