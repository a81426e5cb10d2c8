/** Typed errors: every user-facing failure is a ResidueError with a code and a one-line message. */

/** The base class: `code` for programs, `message` for people (what failed, on what, what is allowed). */
export class ResidueError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Bad command line or option value. Exit status 2. */
export class UsageError extends ResidueError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("usage", message, options);
  }
}

/** A manifest that cannot be read, is corrupt, or has an unknown version. Exit status 2. */
export class ManifestError extends ResidueError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("manifest", message, options);
  }
}

/** A detector rule that is invalid: names the file, the rule and the problem. Exit status 2. */
export class DetectorError extends ResidueError {
  readonly file: string;
  readonly id?: string;
  readonly problem: string;
  constructor(opts: { file: string; id?: string; problem: string; cause?: unknown }) {
    super(
      "detector",
      `${opts.file}: ${opts.id ? `detector "${opts.id}": ` : ""}${opts.problem}`,
      opts.cause ? { cause: opts.cause } : undefined,
    );
    this.file = opts.file;
    this.id = opts.id;
    this.problem = opts.problem;
  }
}

/** An item a source could not read; becomes an `errors` entry, the scan goes on. */
export class SourceError extends ResidueError {
  readonly source: string;
  readonly item: string;
  constructor(opts: { source: string; item: string; reason: string; cause?: unknown }) {
    super(
      "source",
      `${opts.source}: ${opts.item}: ${opts.reason}`,
      opts.cause ? { cause: opts.cause } : undefined,
    );
    this.source = opts.source;
    this.item = opts.item;
  }
}

/** A config file (sweep) that does not validate. Exit status 2. */
export class ConfigError extends ResidueError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("config", message, options);
  }
}

/**
 * A short reason for an unknown thrown value, without a stack. A JSON syntax error quotes the
 * text it failed on (an API body, an export's content: maybe a secret), so only its position is kept.
 */
export function reasonOf(err: unknown): string {
  if (err instanceof SyntaxError && /JSON/.test(err.message)) {
    const at = /at position (\d+)/.exec(err.message)?.[1];
    return `invalid JSON${at ? ` at position ${at}` : ""}`;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

/** A short reason for a file that could not be read. */
export function readReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "vanished before it could be read";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ELOOP") return "symbolic link loop";
  if (code === "EISDIR") return "is a folder";
  return reasonOf(err);
}
