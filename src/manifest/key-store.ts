/**
 * Manifest keys: 256-bit random keys kept apart from the manifests they key. A key lives in a
 * key file (mode 0600, folder 0700) in the user's configuration folder, named by its id, or at
 * a path the user gives (`--key-file`), or in RESIDUE_MANIFEST_KEY (CI secrets). A manifest
 * records only the key's id, so the file alone lets nobody test a guess (README "Threat model").
 */
import { createHmac, randomBytes, scryptSync } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { ManifestError } from "../errors.js";

/** A key and where it came from (a path, or the environment variable), for messages. */
export interface ManifestKey {
  bytes: Buffer;
  id: string;
  from: string;
}

/** Where the key came from, and what to do about a missing one: the options every command takes. */
export interface KeyOptions {
  /** --key-file PATH. */
  keyFile?: string;
  env?: Record<string, string | undefined>;
}

export const KEY_ENV = "RESIDUE_MANIFEST_KEY";

/** `$XDG_CONFIG_HOME/residue` or `~/.config/residue`. */
export function configDir(env: Record<string, string | undefined> = process.env): string {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || homedir(), ".config");
  return path.join(base, "residue");
}

/** The folder of key files. */
export function keysDir(env?: Record<string, string | undefined>): string {
  return path.join(configDir(env), "keys");
}

/** The id a manifest records: names the key, tells nothing about it. */
export function keyIdOf(bytes: Buffer): string {
  return createHmac("sha256", bytes).update("residue/v2/key-id").digest("hex").slice(0, 16);
}

const stretched = new Map<string, Buffer>();

const RAW_KEY = /^(?:[A-Za-z0-9_-]{43}|[A-Za-z0-9+/]{43}=|[0-9a-fA-F]{64})$/;

/**
 * The key bytes of a key text: 32 bytes as base64url, base64 or hex; anything else is taken as
 * a passphrase and stretched with scrypt, so a guessable one still costs an attacker per guess.
 */
export function keyBytes(text: string): Buffer {
  const t = text.trim();
  if (RAW_KEY.test(t)) return Buffer.from(t, t.length === 64 ? "hex" : "base64");
  const memo = createHmac("sha256", "residue/v2/passphrase-memo").update(t).digest("hex");
  let bytes = stretched.get(memo);
  if (!bytes) {
    bytes = scryptSync(t, "residue/v2/passphrase", 32, { N: 1 << 14, r: 8, p: 1 });
    stretched.set(memo, bytes);
  }
  return bytes;
}

function keyFrom(text: string, from: string): ManifestKey {
  const bytes = keyBytes(text);
  return { bytes, id: keyIdOf(bytes), from };
}

/** Reads a key file; throws ManifestError naming it. */
export function readKeyFile(file: string): ManifestKey {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ManifestError(
      `key file ${file}: cannot read it (${code === "ENOENT" ? "no such file" : code})`,
    );
  }
  if (!text.trim()) throw new ManifestError(`key file ${file}: empty`);
  return keyFrom(text, file);
}

/** Writes a new key (random unless given) to `file` (mode 0600; its folder created 0700); never overwrites. */
export function createKeyFile(file: string, bytes: Buffer = randomBytes(32)): ManifestKey {
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${bytes.toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600); // the umask may have taken bits away, never added: make it exact
  } catch (err) {
    throw new ManifestError(
      `key file ${file}: cannot create it (${(err as NodeJS.ErrnoException).code ?? err}); pass --key-file PATH`,
    );
  }
  return { bytes, id: keyIdOf(bytes), from: file };
}

/** The key of the environment variable, when set. */
export function envKey(env: Record<string, string | undefined> = process.env): ManifestKey | undefined {
  const text = env[KEY_ENV];
  return text?.trim() ? keyFrom(text, KEY_ENV) : undefined;
}

/** The key for a new manifest: --key-file (created when missing), the environment, or a new key file. */
export function keyForNewManifest(opts: KeyOptions): { key: ManifestKey; created: boolean } {
  if (opts.keyFile) {
    try {
      return { key: readKeyFile(opts.keyFile), created: false };
    } catch (err) {
      if ((err as Error).message.includes("no such file"))
        return { key: createKeyFile(opts.keyFile), created: true };
      throw err;
    }
  }
  const fromEnv = envKey(opts.env);
  if (fromEnv) return { key: fromEnv, created: false };
  const bytes = randomBytes(32);
  const key = createKeyFile(path.join(keysDir(opts.env), `${keyIdOf(bytes)}.key`), bytes);
  return { key, created: true };
}

/**
 * The key of an existing manifest: the first of --key-file, RESIDUE_MANIFEST_KEY and the key
 * file named by its id in the keys folder whose id matches. Throws ManifestError (exit 2) saying
 * what was tried.
 */
export function keyForManifest(id: string, where: string, opts: KeyOptions): ManifestKey {
  const tried: string[] = [];
  if (opts.keyFile) {
    const k = readKeyFile(opts.keyFile);
    if (k.id === id) return k;
    tried.push(`--key-file ${opts.keyFile} holds another key`);
  }
  const fromEnv = envKey(opts.env);
  if (fromEnv) {
    if (fromEnv.id === id) return fromEnv;
    tried.push(`${KEY_ENV} is another key`);
  }
  const file = path.join(keysDir(opts.env), `${id}.key`);
  try {
    const k = readKeyFile(file);
    if (k.id === id) return k;
    tried.push(`${file} holds another key`);
  } catch {
    tried.push(`no ${file}`);
  }
  throw new ManifestError(
    `${where}: no key for this manifest (key id ${id}): ${tried.join("; ")}; pass --key-file or set ${KEY_ENV}`,
  );
}
