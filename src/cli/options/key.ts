/** `--key-file PATH`: where the manifest key is, for every command that reads or writes a manifest. */
import path from "node:path";
import type { Command } from "commander";

/** Adds --key-file to a command. */
export function addKeyFileOption(cmd: Command): Command {
  return cmd.option(
    "--key-file <file>",
    "the manifests' key file (default: RESIDUE_MANIFEST_KEY, else the key named by the manifest in the residue keys folder)",
  );
}

/** The --key-file value as an absolute path, if given. */
export function keyFileOf(opts: Record<string, unknown>, cwd: string): string | undefined {
  return typeof opts.keyFile === "string" ? path.resolve(cwd, opts.keyFile) : undefined;
}
