/**
 * Zip-bomb guards. One budget per outermost archive counts every byte that comes out of it
 * (nested layers included) and every member; crossing a limit stops that archive with an error
 * item while the rest of the scan goes on. Each limit has a default and a `--max-archive-*` flag.
 */

/** The guard limits, as read from the scan options. */
export interface ArchiveLimits {
  /** Total bytes expanded from one outermost archive. */
  maxBytes: number;
  /** Expanded bytes / archive file size, checked once past RATIO_GRACE bytes. */
  maxRatio: number;
  /** Members (all layers) of one outermost archive. */
  maxEntries: number;
  /** Archive layers: outer.zip!inner.tar.gz!deeper.zip is 3. */
  maxDepth: number;
}

/** Defaults of the guards (see the README table). */
export const DEFAULT_LIMITS: Readonly<ArchiveLimits> = {
  maxBytes: 4 * 1024 ** 3,
  maxRatio: 200,
  maxEntries: 100_000,
  maxDepth: 3,
};

/** Below this many expanded bytes the ratio is not checked (a tiny, very compressible file is no bomb). */
export const RATIO_GRACE = 16 * 1024 ** 2;

/**
 * Largest HAR read into memory (JSON.parse needs the whole text, and the parsed copy costs a
 * few times the file size); bigger ones become an error item. V8 strings stop at ~512 MiB anyway.
 */
export const DEFAULT_MAX_HAR_BYTES = 256 * 1024 ** 2;

/** A guard tripped: stops the outermost archive. */
export class ArchiveLimitError extends Error {
  /** The member being read when the guard tripped. */
  item?: string;
}

/** The limits as options give them (numbers, or sizes with a K/M/G suffix). */
export type LimitOptions = Partial<
  Record<"maxArchiveBytes" | "maxArchiveRatio" | "maxArchiveEntries" | "maxArchiveDepth", number | string>
>;

/** Reads the limits from the content options, defaults for what is not set. */
export function archiveLimits(options: LimitOptions): ArchiveLimits {
  const pick = (key: keyof LimitOptions, def: number) => {
    const v = options[key];
    if (typeof v === "number" && v >= (key === "maxArchiveDepth" ? 0 : 1)) return v;
    if (typeof v === "string") return parseSize(v) ?? def;
    return def;
  };
  return {
    maxBytes: pick("maxArchiveBytes", DEFAULT_LIMITS.maxBytes),
    maxRatio: pick("maxArchiveRatio", DEFAULT_LIMITS.maxRatio),
    maxEntries: pick("maxArchiveEntries", DEFAULT_LIMITS.maxEntries),
    maxDepth: pick("maxArchiveDepth", DEFAULT_LIMITS.maxDepth),
  };
}

/** Parses `123`, `64K`, `512M`, `4G` (powers of 1024); undefined when not a positive size. */
export function parseSize(v: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]) * 1024 ** " kmgt".indexOf((m[2] || " ").toLowerCase());
  return n > 0 ? Math.floor(n) : undefined;
}

/** The running totals of one outermost archive. */
export class ArchiveBudget {
  expanded = 0;
  entries = 0;
  /** Layers not opened for --max-archive-depth: the first one's locator, and how many. */
  tooDeep: { first: string; count: number } | undefined;
  constructor(
    readonly limits: ArchiveLimits,
    /** Size of the outermost archive on disk (or as read). */
    readonly compressed: number,
    readonly root: string,
  ) {}

  /** Notes a layer past --max-archive-depth; the outermost archive reports them all once. */
  deeper(item: string): void {
    if (this.tooDeep) this.tooDeep.count++;
    else this.tooDeep = { first: item, count: 1 };
  }

  /** Counts a member; throws when there are too many. */
  entry(item: string): void {
    this.entries++;
    if (this.entries > this.limits.maxEntries) {
      const err = new ArchiveLimitError(
        `more than ${this.limits.maxEntries} members (--max-archive-entries); stopped reading ${this.root}`,
      );
      err.item = item;
      throw err;
    }
  }

  /** Counts expanded bytes; throws past the total or ratio limit. */
  bytes(n: number): void {
    this.expanded += n;
    const { maxBytes, maxRatio } = this.limits;
    if (this.expanded > maxBytes)
      throw new ArchiveLimitError(
        `expands past ${maxBytes} bytes (--max-archive-bytes); stopped reading ${this.root}`,
      );
    if (this.expanded > RATIO_GRACE && this.expanded > maxRatio * Math.max(1, this.compressed))
      throw new ArchiveLimitError(
        `expands more than ${maxRatio} times its size of ${this.compressed} bytes (--max-archive-ratio), a likely zip bomb; stopped reading ${this.root}`,
      );
  }

  /** Wraps a stream so that every byte through it is counted. */
  async *count(stream: AsyncIterable<Uint8Array>, item: string): AsyncGenerator<Uint8Array> {
    for await (const b of stream) {
      try {
        this.bytes(b.length);
      } catch (err) {
        if (err instanceof ArchiveLimitError) err.item ??= item;
        throw err;
      }
      yield b;
    }
  }
}
