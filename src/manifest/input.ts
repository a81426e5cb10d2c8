/**
 * Secrets to fingerprint, from the formats responders have at hand: one per line, a dotenv file,
 * a flat JSON object, a Kubernetes Secret (YAML or JSON; `data` base64 and `stringData`), or a
 * whole file as one secret (a PEM key). Multi-line values survive in every format that holds them.
 */
import { parseAllDocuments } from "yaml";
import { ManifestError } from "../errors.js";

/** The input formats of `residue manifest add --input`. */
export type SecretInputFormat = "lines" | "dotenv" | "json" | "k8s" | "file";

/** One secret read from input; `id` when the format names it. */
export interface SecretInput {
  id?: string;
  value: string;
}

/** Guesses the format from the file name, then from the content. */
export function detectFormat(text: string, filename?: string): SecretInputFormat {
  const name = (filename ?? "").toLowerCase();
  const trimmed = text.trimStart();
  if (/^-----BEGIN /.test(trimmed) || /\.(pem|key|crt|p8)$/.test(name)) return "file";
  if (/(^|\n)\s*kind:\s*["']?Secret\b/.test(text) || /"kind"\s*:\s*"Secret"/.test(text)) return "k8s";
  if (name.endsWith(".json") || trimmed.startsWith("{")) return "json";
  if (/(^|[/\\])\.env(\.|$)|\.env$/.test(name)) return "dotenv";
  if (/^(export\s+)?[A-Za-z_][A-Za-z0-9_.]*=/.test(trimmed)) return "dotenv";
  return "lines";
}

/** Reads secrets from text in the given or detected format. */
export function readSecretInputs(
  text: string,
  opts: { input?: SecretInputFormat; filename?: string } = {},
): SecretInput[] {
  const format = opts.input ?? detectFormat(text, opts.filename);
  const where = opts.filename ?? "input";
  switch (format) {
    case "lines":
      return text
        .split(/\r?\n/)
        .filter((l) => l.trim() !== "")
        .map((value) => ({ value }));
    case "file": {
      const value = text.replace(/\s+$/, "");
      return value ? [{ value }] : [];
    }
    case "dotenv":
      return readDotenv(text, where);
    case "json":
      return readJson(parseJson(text, where), where);
    case "k8s":
      return readK8s(text, where);
    default:
      throw new ManifestError(`--input ${String(format)}: expected lines, dotenv, json, k8s or file`);
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ManifestError(`${where}: not valid JSON (${(err as Error).message})`);
  }
}

/** A flat object: each string (or number) value is a secret named by its key. */
function readJson(obj: unknown, where: string): SecretInput[] {
  if (!obj || typeof obj !== "object" || Array.isArray(obj))
    throw new ManifestError(`${where}: expected a flat JSON object of name → secret`);
  const out: SecretInput[] = [];
  for (const [id, v] of Object.entries(obj)) {
    if (typeof v === "string" && v !== "") out.push({ id, value: v });
    else if (typeof v === "number") out.push({ id, value: String(v) });
  }
  return out;
}

const DOTENV_LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*/;

/** KEY=value lines; quoted values may span lines, double quotes expand \n \r \t \" \\. */
function readDotenv(text: string, where: string): SecretInput[] {
  const out: SecretInput[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(#|$)/.test(line)) continue;
    const m = DOTENV_LINE.exec(line);
    if (!m) throw new ManifestError(`${where}: line ${i + 1}: expected KEY=value`);
    let rest = line.slice(m[0].length);
    const q = rest[0];
    if (q === '"' || q === "'" || q === "`") {
      let body = rest.slice(1);
      let close = closingQuote(body, q);
      while (close === -1 && i + 1 < lines.length) {
        body += `\n${lines[++i]}`;
        close = closingQuote(body, q);
      }
      if (close === -1) throw new ManifestError(`${where}: ${m[1]}: unterminated ${q}quoted value`);
      rest = body.slice(0, close);
      if (q === '"') rest = rest.replace(/\\([nrt"\\])/g, (_, c: string) => ESCAPES[c] ?? c);
    } else {
      rest = rest.replace(/\s+#.*$/, "").trim();
    }
    if (rest !== "") out.push({ id: m[1]!, value: rest });
  }
  return out;
}

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

function closingQuote(s: string, q: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\" && q === '"') i++;
    else if (s[i] === q) return i;
  }
  return -1;
}

/** Kubernetes Secrets (one or more YAML documents, a JSON object or a List): name/key ids. */
function readK8s(text: string, where: string): SecretInput[] {
  let docs: unknown[];
  try {
    docs = parseAllDocuments(text).map((d) => {
      if (d.errors.length) throw d.errors[0];
      return d.toJS();
    });
  } catch (err) {
    throw new ManifestError(`${where}: not a valid Kubernetes Secret manifest (${(err as Error).message})`);
  }
  const secrets = docs.flatMap((d) => {
    const o = d as { kind?: string; items?: unknown[] } | null;
    return o?.kind === "List" && Array.isArray(o.items) ? o.items : [d];
  });
  const out: SecretInput[] = [];
  for (const s of secrets) {
    const o = s as {
      kind?: string;
      metadata?: { name?: string };
      data?: unknown;
      stringData?: unknown;
    } | null;
    if (o?.kind !== "Secret") continue;
    const name = o.metadata?.name ?? "secret";
    for (const [k, v] of Object.entries(asRecord(o.data))) {
      if (typeof v === "string" && v)
        out.push({ id: `${name}/${k}`, value: Buffer.from(v, "base64").toString("utf8") });
    }
    for (const [k, v] of Object.entries(asRecord(o.stringData))) {
      if (typeof v === "string" && v) out.push({ id: `${name}/${k}`, value: v });
    }
  }
  if (!out.length) throw new ManifestError(`${where}: no Kubernetes Secret with data or stringData found`);
  return out;
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
