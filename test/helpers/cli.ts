import { Readable } from "node:stream";
import { run } from "../../src/cli/main.js";

/** Runs the CLI in process; returns the exit status and what it wrote. */
export async function cli(
  argv: string[],
  opts: { cwd?: string; stdin?: string; env?: Record<string, string | undefined> } = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await run(argv, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin: Readable.from([Buffer.from(opts.stdin ?? "")]),
    env: { ...opts.env },
    cwd: opts.cwd ?? process.cwd(),
  });
  return { code, out, err };
}
