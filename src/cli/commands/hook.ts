/**
 * `residue hook install | uninstall [--path REPO]`: a pre-commit hook that scans the staged
 * change. It goes where git looks for hooks (`core.hooksPath` respected). A hook that was there
 * already is kept, renamed `pre-commit.residue-chained`, and run first; uninstall puts it back
 * untouched (same bytes, same mode). Installing twice changes nothing.
 */
import { access, chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "../../errors.js";
import { gitAt } from "../../sources/git/exec.js";
import type { CliIO } from "../io.js";
import type { RegisterCommand } from "./types.js";

/** The line that marks a hook file as residue's. */
export const HOOK_MARKER = "# residue-pre-commit-hook v1";
const CHAINED = "pre-commit.residue-chained";

/** Quotes a string for a POSIX shell. */
function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The absolute path of this package's CLI entry (bin/residue.js). */
export function cliPath(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../bin/residue.js");
}

/** The hook script: runs the chained hook, then the staged scan, then explains a block. */
export function hookScript(opts: { node: string; cli: string; args: string[] }): string {
  // a staged change is small: worker threads would cost more to start than they save
  const args = ["scan", "git-staged:.", "--workers", "0", ...opts.args].map(shq).join(" ");
  return `#!/bin/sh
${HOOK_MARKER}
# Installed by \`residue hook install\`; \`residue hook uninstall\` removes it and restores any
# hook that was here before (kept as ${CHAINED}, which runs first).
here=$(dirname "$0")
if [ -x "$here/${CHAINED}" ]; then
  "$here/${CHAINED}" "$@" || exit $?
fi
node=${shq(opts.node)}
[ -x "$node" ] || node=node
cli=${shq(opts.cli)}
# the report is shown only when the commit is blocked or the scan had trouble
if [ -f "$cli" ]; then
  report=$("$node" "$cli" ${args} 2>&1)
else
  report=$(npx --no-install residue-scan ${args} 2>&1)
fi
status=$?
[ "$status" -eq 0 ] || printf '%s\n' "$report" >&2
case $status in
  0) exit 0 ;;
  1)
    cat >&2 <<'EOF'

residue: commit blocked: the staged change adds a secret (shown redacted above).
  - If it is real: remove it from the staged files and rotate it; it may already be exposed.
  - A false positive: add "residue:allow" in a comment on that line, or list the path in
    .residueignore, then stage again.
  - Emergency only: "git commit --no-verify" skips this check (the secret then lands in history).
EOF
    exit 1 ;;
  3)
    echo "residue: some staged files could not be read (listed above); commit allowed" >&2
    exit 0 ;;
  *)
    echo "residue: the pre-commit scan could not run (status $status); fix it, or bypass once with git commit --no-verify" >&2
    exit "$status" ;;
esac
`;
}

/** The hooks folder of a repository, as git sees it (core.hooksPath respected). */
export async function hooksDir(repo: string): Promise<string> {
  const git = gitAt(repo);
  const ok = await git
    .raw(["rev-parse", "--git-dir"])
    .then(() => true)
    .catch(() => false);
  if (!ok) throw new UsageError(`hook: ${repo} is not a git repository (use --path REPO)`);
  const out = (await git.raw(["rev-parse", "--path-format=absolute", "--git-path", "hooks"])).trim();
  return path.resolve(repo, out);
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );
const isOurs = async (p: string) => (await readFile(p, "utf8").catch(() => "")).includes(HOOK_MARKER);

/** Installs the hook; returns what was done, in words. */
export async function installHook(repo: string, args: string[] = []): Promise<string> {
  const dir = await hooksDir(repo);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, "pre-commit");
  const chained = path.join(dir, CHAINED);
  const script = hookScript({ node: process.execPath, cli: cliPath(), args });
  let note = "";
  if (await isOurs(file)) {
    note = " (already installed; refreshed)";
  } else if (await exists(file)) {
    if (await exists(chained))
      throw new UsageError(`hook: ${chained} exists already; move it away before installing`);
    await rename(file, chained);
    note = ` (the existing hook is kept as ${CHAINED} and runs first)`;
  }
  await writeFile(file, script, { mode: 0o755 });
  await chmod(file, 0o755);
  return `residue: pre-commit hook installed in ${file}${note}\n`;
}

/** Removes the hook and restores a chained one; returns what was done, in words. */
export async function uninstallHook(repo: string): Promise<string> {
  const dir = await hooksDir(repo);
  const file = path.join(dir, "pre-commit");
  const chained = path.join(dir, CHAINED);
  if (!(await isOurs(file))) {
    const what = (await exists(file)) ? "the pre-commit hook there is not residue's; left untouched" : "";
    return `residue: no residue hook in ${dir}${what ? `: ${what}` : ""}\n`;
  }
  await rm(file);
  if (await exists(chained)) {
    await rename(chained, file);
    return `residue: pre-commit hook removed from ${dir}; the previous hook is back\n`;
  }
  return `residue: pre-commit hook removed from ${dir}\n`;
}

/** The scan arguments baked into the hook. */
function bakedArgs(opts: { manifest?: string[]; rules?: string }): string[] {
  const out: string[] = [];
  for (const m of opts.manifest ?? []) out.push("--manifest", m);
  if (opts.rules) out.push("--rules", opts.rules);
  return out;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export const registerHook: RegisterCommand = (program, io: CliIO) => {
  const hook = program.command("hook").description("install or remove the pre-commit hook");
  hook
    .command("install")
    .description("install a pre-commit hook that blocks commits adding a secret")
    .option("--path <repo>", "the repository (default: the current folder)")
    .option(
      "-m, --manifest <file>",
      "also match this manifest, relative to the repository (repeatable)",
      collect,
    )
    .option("--rules <list>", "pattern rules to run (default: all, or none with a manifest)")
    .action(async (opts: { path?: string; manifest?: string[]; rules?: string }) => {
      const repo = path.resolve(io.cwd, opts.path ?? ".");
      io.stdout.write(await installHook(repo, bakedArgs(opts)));
    });
  hook
    .command("uninstall")
    .description("remove residue's pre-commit hook, restoring the one it chained")
    .option("--path <repo>", "the repository (default: the current folder)")
    .action(async (opts: { path?: string }) => {
      io.stdout.write(await uninstallHook(path.resolve(io.cwd, opts.path ?? ".")));
    });
};
