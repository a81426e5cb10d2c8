/** The CLI's view of the process: only bin/ touches `process`; tests pass their own. */

/** Streams and environment of one CLI run. */
export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin?: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Resolves when the user interrupts (SIGINT); used by long-running commands (watch). */
  interrupted?: Promise<void>;
}

/** Exit statuses of DESIGN.md. */
export const EXIT = { clean: 0, findings: 1, usage: 2, partial: 3 } as const;
