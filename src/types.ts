/**
 * Core types of the pipeline: sources yield chunks, matchers turn chunk text into raw matches,
 * the scan turns raw matches into findings, reporters write findings.
 * Sources are pull-based async iterables so memory stays bounded whatever the input size.
 */
import type { Item } from "./content/item.js";
import type { ContentOptions } from "./content/options.js";
import type { Secret } from "./secret.js";
import type { SourceLocation, SourcePrefix } from "./sources/registry.js";

/** The source kinds (the prefixes of the source registry); also the JSON `source` of a finding. */
export type SourceKind = SourcePrefix;

type AllKeys<U> = U extends unknown ? keyof U : never;
/** Each variant of a union, with the other variants' keys readable as undefined. */
type Exclusive<U, K extends PropertyKey = AllKeys<U>> = U extends unknown
  ? U & { [P in Exclude<K, keyof U>]?: undefined }
  : never;

/**
 * Where a chunk came from: the JSON `location` keys of its source (a union discriminated by
 * `source`, one variant per source, declared in the source's descriptor), without line and column,
 * plus the `uri` a person can open.
 */
export type Provenance = Exclusive<SourceLocation>;

/** The provenance variant of one source (`ProvenanceOf<"git">`). */
export type ProvenanceOf<S extends SourceKind> = Extract<Provenance, { source: S }>;

/** A 1-based position in the original text. */
export interface Position {
  line: number;
  column: number;
}

/** A piece of text with its provenance. Text is whole lines unless a line is huge. */
export interface Chunk {
  text: string;
  provenance: Provenance;
  /** The target it was read from, as the scan was given it. */
  target: string;
  /** The item the chunk is part of (unique in its target): overlapping chunks of one item share it. */
  item: string;
  /** Line of text[0], 1-based. */
  line: number;
  /** Column of text[0], 1-based (not 1 when a huge line was split). Default 1. */
  column?: number;
  /**
   * Offset from which matches are left to the next chunk of the same item, which repeats that
   * tail (overlapping chunks: a copy across a boundary is found once). Absent: keep all.
   */
  tailStart?: number;
  /** Maps an offset in `text` to the original position when text was transformed (logs, HAR). */
  position?: (offset: number) => Position;
  /** When set, pattern findings are kept only on these lines (staged scans: added lines). */
  patternLines?: ReadonlySet<number>;
  /** Binary content, one character per byte: searched for known secrets only, never by pattern rules. */
  binary?: true;
  /** A small binary item's whole bytes, for the byte checks (its text is empty; see pkcs12-match.ts). */
  bytes?: Uint8Array;
}

export type { ByteItem, Item, TextItem } from "./content/item.js";

/** Where a resumable source starts and how it reports the point the next read may resume from. */
export interface Cursor {
  /** The resume point a sweep stored for this target after its last complete read, if any. */
  readonly start?: string;
  /** Reports the point after the items read (sweeps store it; people get a notice). */
  advance(value: string): void;
}

/** Counters and error reporting handed to every source. */
export interface SourceContext {
  /** The target being read, as the scan was given it. */
  target: string;
  /** Paths inside items the scan skips (archive members matching --exclude), when any. */
  skipPath?: (path: string) => boolean;
  /** The content options of the scan (chunk sizes, archive limits, HAR cap). */
  options: ContentOptions;
  /** The environment (SLACK_TOKEN, JIRA_*, ...). */
  env: Record<string, string | undefined>;
  /** Standard input, for the `-` target. */
  stdin?: NodeJS.ReadableStream;
  /** Records an item that could not be read; the scan goes on. */
  error(item: string, reason: string): void;
  /** Counts items and bytes read. */
  count(delta: { items?: number; bytes?: number }): void;
  /** Counts an item not searched (in full), by reason: `binary`, `lfs-pointer`, `too-large`, ... */
  skip(reason: string): void;
  /** Whether binary items are read (a scan for known secrets), or only counted as skipped. */
  readBinary: boolean;
  /**
   * Only in a scan for known secrets alone (no pattern rule): builds (once) a quick test of a
   * text that is true wherever the matcher could find a copy, or undefined when none is cheap.
   */
  knownFilter?: () => ((text: string) => boolean) | undefined;
  /** Writes a human notice (e.g. "shallow clone") to the report's notes. */
  notice(message: string): void;
  /** The target's resume point (resumable sources only read it). */
  cursor(): Cursor;
}

/** A connector: an async iterable of items. Sources never match and never decide what bytes are. */
export interface Source {
  items(signal?: AbortSignal): AsyncIterable<Item>;
  /**
   * When present, the scan hands it this source's findings instead of reporting them, and reports
   * what it gives back once every item is read (git history folds a file's versions into one).
   */
  folder?(): FindingFolder;
}

/** Regroups a source's findings once all of them are known. */
export interface FindingFolder {
  add(f: Finding): void;
  done(): AsyncIterable<Finding>;
}

export type Severity = "low" | "medium" | "high" | "critical";

/** How sure a pattern finding is: low ones (samples, test credentials) are hidden by default. */
export type Confidence = "low" | "medium" | "high";

/** What a matcher returns for one copy, in offsets of the text it was given. */
export interface RawMatch {
  start: number;
  end: number;
  kind: "known" | "pattern";
  secretId?: string;
  ruleId?: string;
  form: string;
  match: "exact" | "partial";
  coverage: number;
  /** The secret's value (pattern) or the copy's text (known); never printed, only fingerprinted. */
  value: string;
  severity?: Severity;
  /** For pattern matches, the decoded secret text when form is not plain. */
  tier?: string;
  /** Pattern matches: the rule's context groups (user, host, ...); never the secret. */
  context?: Record<string, string>;
  /** Pattern matches: how sure the match is. */
  confidence?: Confidence;
}

/** Matches text; no I/O. `path` is the item's path or name, for rules that apply to some paths only. */
export interface TextMatcher {
  find(text: string, path?: string): RawMatch[];
}

/** One copy of a secret at one place. */
export interface Finding {
  /** Same copy, same id on every run. */
  id: string;
  /** The target that found it, as the scan was given it. */
  target: string;
  /** The item it is in (unique in its target, e.g. `app/.env`, `abc1234:deploy/a.zip!inner/.env`). */
  item: string;
  kind: "known" | "pattern";
  secretId?: string;
  ruleId?: string;
  /** Groups copies of one secret: manifest id or keyed fingerprint of a pattern-found secret. */
  secretKey: string;
  form: string;
  match: "exact" | "partial";
  coverage: number;
  provenance: Provenance;
  line: number;
  column: number;
  uri: string;
  secret: Secret;
  severity?: Severity;
  /** The line holding the copy, clipped, every secret-looking run on it redacted (text report). */
  snippet?: string;
  /** Pattern findings: the credential's user, host, ... (never a secret). */
  context?: Record<string, string>;
  /** Pattern findings: high, medium or low (low is left out of text and SARIF by default). */
  confidence?: Confidence;
  description?: string;
  state?: "new" | "surviving" | "gone";
  firstSeen?: string;
  lastSeen?: string;
  verification?: { status: "live" | "revoked" | "unknown"; checkedAt: string; detail: string };
}

/** An item that could not be read. */
export interface ScanError {
  source: string;
  item: string;
  reason: string;
}

/** Counters of a scan. */
export interface ScanStats {
  items: number;
  bytes: number;
  skipped: number;
  /** The skipped items by reason (`binary`: pattern rules not run; read for known secrets only). */
  skippedBy: Record<string, number>;
  findings: number;
  errors: number;
  durationMs: number;
}

/** What reporters get before the first finding. */
export interface ScanMeta {
  tool: { name: string; version: string };
  targets: string[];
  startedAt: string;
  redact: boolean;
  rules: {
    id: string;
    description: string;
    severity?: Severity;
    provider?: string;
    tags?: string[];
    references?: string[];
  }[];
  secrets: { id: string; label?: string; tier?: string }[];
}

/** What reporters get after the last finding. */
export interface ScanSummary {
  stats: ScanStats;
  errors: ScanError[];
  notices: string[];
}

/** A sink for findings; writes through an injected `write(text)`. */
export interface Reporter {
  begin(meta: ScanMeta): void;
  finding(f: Finding): void;
  end(summary: ScanSummary): void;
}

/** Options every reporter factory takes. */
export interface ReporterOptions {
  write(text: string): void;
  redact: boolean;
  color?: boolean;
}

export type ReporterFactory = (options: ReporterOptions) => Reporter;
