/**
 * Command-line targets checked before a scan starts, as ripgrep and gitleaks users expect: an
 * unknown `prefix:` or a path that does not exist is a usage error (exit 2, one line), not an
 * unreadable item of a partial scan (exit 3).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import { descriptors } from "../sources/registry.js";
import { parseTarget } from "../sources/target.js";

/** Throws UsageError for the first target with an unknown prefix or a missing path. */
export function checkTargets(targets: string[], cwd: string): void {
  const known = descriptors.map((d) => d.prefix);
  for (const raw of targets) {
    if (raw === "-") continue;
    const m = /^([a-z][a-z0-9-]+):(?!\/\/)/.exec(raw);
    if (m && !known.includes(m[1]!) && !existsSync(path.resolve(cwd, raw)))
      throw new UsageError(`${raw}: unknown target prefix "${m[1]}:" (known: ${known.join(", ")})`);
    const { target } = parseTarget(raw, cwd);
    if (target.path !== undefined && !existsSync(target.path))
      throw new UsageError(`${raw}: no such file or folder`);
  }
}
