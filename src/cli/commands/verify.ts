/**
 * `residue verify`: after revocation and rotation, confirm that the old secrets no longer
 * authenticate. Reads secrets (stdin or --from FILE, the formats of `manifest add`), finds each
 * one's provider with the pattern rules, asks the provider once, prints provider and status.
 * Exit status 1 when any secret is still live, 0 otherwise. Secrets print redacted only.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Option } from "commander";
import { loadCatalog } from "../../detectors/index.js";
import { reasonOf, UsageError } from "../../errors.js";
import { readSecretInputs } from "../../manifest/input.js";
import { compilePatterns } from "../../match/patterns.js";
import { redact } from "../../secret.js";
import { inputsAsEnv, type SecretResult, specsOf, verifySecrets } from "../../verify/index.js";
import { type CliIO, EXIT } from "../io.js";
import { addVerifyRequestOptions, verifierFrom, verifySummary } from "../options/verify.js";
import type { RegisterCommand } from "./types.js";

const collect = (v: string, prev: string[] = []) => [...prev, v];
const FORMATS = ["lines", "dotenv", "json", "k8s", "file"] as const;
type InputFormat = (typeof FORMATS)[number];

/** The whole input text: --from FILE, or standard input. */
async function readText(io: CliIO, from: string | undefined): Promise<string> {
  if (from && from !== "-") {
    try {
      return await readFile(path.resolve(io.cwd, from), "utf8");
    } catch (err) {
      throw new UsageError(`verify: cannot read ${from}: ${reasonOf(err)}`);
    }
  }
  if (!io.stdin || (io.stdin as { isTTY?: boolean }).isTTY)
    throw new UsageError("verify: no input; pipe secrets on stdin or name a file with --from");
  const parts: Buffer[] = [];
  for await (const c of io.stdin) parts.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(parts).toString("utf8");
}

/** One line per secret, then what to do. */
function writeText(io: CliIO, results: SecretResult[], previews: string[], requests: number): void {
  const w = (s: string) => void io.stdout.write(s);
  results.forEach((r, i) => {
    const status = r.status.toUpperCase().padEnd(7);
    w(`${status} ${r.id}  ${r.provider ?? "?"}  ${previews[i]}  ${r.detail}\n`);
  });
  const n = (s: string) => results.filter((r) => r.status === s).length;
  const live = n("live");
  const unknown = n("unknown");
  w(`${verifySummary({ live, revoked: n("revoked"), unknown, requests })}\n`);
  if (live)
    w(
      `${live} still authenticate${live === 1 ? "s" : ""}: revoke and rotate, then run residue verify again\n`,
    );
  else if (unknown) w("no secret authenticates, but some could not be checked: see the details above\n");
  else if (results.length) w("confirmed: no old secret authenticates any more\n");
}

/** Registers `residue verify`. */
export const registerVerify: RegisterCommand = (program, io, exit) => {
  const cmd = program
    .command("verify")
    .description("confirm that old secrets no longer authenticate (asks each secret's provider)")
    .option("--from <file>", "read secrets from FILE instead of standard input")
    .addOption(new Option("--input <format>", "input format (default: guessed)").choices(FORMATS))
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--detectors <dir>", "extra folder of detector YAML files (repeatable)", collect);
  addVerifyRequestOptions(cmd);
  cmd.action(async (opts: Record<string, unknown>) => {
    const from = opts.from as string | undefined;
    const text = await readText(io, from);
    const inputs = readSecretInputs(text, { input: opts.input as InputFormat | undefined, filename: from });
    const dirs = ((opts.detectors as string[] | undefined) ?? []).map((d) => path.resolve(io.cwd, d));
    const rules = await loadCatalog(dirs);
    const specs = specsOf(rules);
    // named inputs (a dotenv file) also give the parameters of checks: TWILIO_ACCOUNT_SID, ATLASSIAN_EMAIL
    const verifier = await verifierFrom(opts, { ...io, env: { ...io.env, ...inputsAsEnv(inputs) } }, specs);
    const results = await verifySecrets(inputs, rules, compilePatterns(rules), specs, verifier);
    if (opts.format === "json") {
      const out = results.map(({ id, provider, status, detail }) => ({ id, provider, status, detail }));
      io.stdout.write(`${JSON.stringify({ results: out }, null, 2)}\n`);
    } else {
      writeText(
        io,
        results,
        inputs.map((s) => redact(s.value)),
        verifier.requests,
      );
    }
    exit(results.some((r) => r.status === "live") ? EXIT.findings : EXIT.clean);
  });
};
