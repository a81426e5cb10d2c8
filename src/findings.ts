/**
 * Raw matches to findings: exact positions, locators, and stable ids. A finding id is a hash of
 * what the report already shows: the container (path, commit, message, issue field...), the
 * manifest entry or rule, the form, the redacted preview and the copy's ordinal among such copies
 * in that container. The same copy keeps its id on every run and on every machine, an edit
 * elsewhere in the file does not change it (no line numbers), and the id lets nobody test a guess
 * of the secret. The secret key (grouping copies of one pattern-found secret) is keyed with a
 * secret key (fingerprint.ts).
 */
import { keyedHash, plainHash } from "./fingerprint.js";
import { identityValues } from "./location.js";
import { locatorUri } from "./locator.js";
import { maskUrls, maskValues } from "./mask-url.js";
import { redact, Secret } from "./secret.js";
import { maskedLine } from "./snippet.js";
import type { Chunk, Finding, Position, Provenance, RawMatch } from "./types.js";

/** A stable string naming the container of a provenance (its location's identity keys). */
export function containerKey(p: Provenance): string {
  // git blobs are identified by content; the same blob is one container whatever commit shows it
  if (typeof p.blob === "string") return `blob:${p.blob}${p.member !== undefined ? `!${p.path}` : ""}`;
  return JSON.stringify(identityValues(p));
}

/** Computes positions for sorted offsets in a chunk, counting newlines once. */
export function positionsOf(chunk: Chunk, offsets: number[]): Position[] {
  if (chunk.position) return offsets.map((o) => chunk.position!(o));
  const out: Position[] = [];
  let line = chunk.line;
  let lineStart = 0;
  let at = 0;
  const firstCol = chunk.column ?? 1;
  const order = offsets.map((o, i) => [o, i] as const).sort((a, b) => a[0] - b[0]);
  for (const [o, i] of order) {
    for (let nl = chunk.text.indexOf("\n", at); nl !== -1 && nl < o; nl = chunk.text.indexOf("\n", nl + 1)) {
      line++;
      lineStart = nl + 1;
      at = nl + 1;
    }
    at = Math.max(at, lineStart);
    out[i] = { line, column: line === chunk.line ? firstCol + o : o - lineStart + 1 };
  }
  return out;
}

/** The text of the line holding an offset (for `residue:allow` and similar filters). */
export function lineAt(text: string, offset: number): string {
  const s = text.lastIndexOf("\n", offset - 1) + 1;
  const e = text.indexOf("\n", offset);
  return text.slice(s, e === -1 ? text.length : e);
}

/** Builds findings from raw matches, counting copies per container for stable ids. */
export class FindingBuilder {
  private readonly counters = new Map<string, number>();
  private resolved?: string;
  /** `key`: the pattern fingerprint key, or a function giving it (resolved on the first pattern finding). */
  constructor(private readonly key: string | (() => string)) {}

  /** The secret key grouping copies of one secret. */
  secretKey(m: RawMatch): string {
    if (m.kind === "known") return `known:${m.secretId}`;
    this.resolved ??= typeof this.key === "string" ? this.key : this.key();
    return `pattern:${keyedHash(this.resolved, m.value)}`;
  }

  /** Turns one chunk's raw matches (already filtered) into findings with their offsets, in text order. */
  build(chunk: Chunk, matches: RawMatch[]): [Finding, number][] {
    const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
    const positions = positionsOf(
      chunk,
      sorted.map((m) => m.start),
    );
    const container = containerKey(chunk.provenance);
    const provenance = maskValues(chunk.provenance);
    const spans = sorted.map((m): [number, number] => [m.start, m.end]);
    return sorted.map((m, i) => {
      const secretKey = this.secretKey(m);
      const what = m.kind === "known" ? secretKey : `pattern:${redact(m.value)}`;
      const counterKey = `${container}\u0000${what}\u0000${m.form}\u0000${m.ruleId ?? ""}\u0000${m.match}`;
      const n = (this.counters.get(counterKey) ?? 0) + 1;
      this.counters.set(counterKey, n);
      const pos = positions[i]!;
      const finding: Finding = {
        id: plainHash(counterKey, String(n)),
        target: chunk.target,
        item: chunk.item,
        kind: m.kind,
        ...(m.secretId !== undefined && { secretId: m.secretId }),
        ...(m.ruleId !== undefined && { ruleId: m.ruleId }),
        secretKey,
        form: m.form,
        match: m.match,
        coverage: m.coverage,
        provenance,
        line: pos.line,
        column: pos.column,
        uri: maskUrls(locatorUri(chunk.provenance, pos)),
        secret: new Secret(m.value),
        ...(m.severity && { severity: m.severity }),
        ...(m.confidence && { confidence: m.confidence }),
        ...(m.context && { context: m.context }),
        snippet: maskedLine(chunk.text, m.start, m.end, spans),
      };
      return [finding, m.start];
    });
  }
}
