/** npm as a user runs it, from tests: pack this repository, install the tarball, run commands. */
import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { VERSION } from "../../src/version.js";

const exec = promisify(execFile);

/** The repository root. */
export const ROOT = path.resolve(import.meta.dirname, "../..");

/** The tarball `npm pack` writes. */
export const TARBALL = `residue-scan-${VERSION}.tgz`;

/** The environment for child npm and node: the outer `npm test`'s npm_* settings left out. */
export function childEnv(tmp: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  // npm's own cache (filled by `npm ci`) serves the dependencies; its logs stay in the temp folder
  return { ...env, npm_config_logs_dir: path.join(tmp, "npm-logs"), NO_COLOR: "1", ...extra };
}

/** Runs a command; resolves to its status and output whatever the status. */
export async function sh(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await exec(cmd, args, { cwd, env, maxBuffer: 64 << 20, timeout: 240_000 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === "number" ? x.code : -1, out: x.stdout ?? "", err: x.stderr ?? "" };
  }
}

/** Packs the built repository (`npm test` builds first) into `dest`; returns the tarball's path. */
export async function packTarball(dest: string, env: NodeJS.ProcessEnv): Promise<string> {
  await mkdir(dest, { recursive: true });
  const r = await sh("npm", ["pack", "--ignore-scripts", "--pack-destination", dest], ROOT, env);
  if (r.code !== 0) throw new Error(`npm pack failed: ${r.err.slice(-2000)}`);
  return path.join(dest, TARBALL);
}
