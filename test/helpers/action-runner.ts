/**
 * Runs the shell steps of a composite GitHub Action the way a runner does: each `run` script with
 * `bash --noprofile --norc -eo pipefail`, its `env` with `${{ }}` expressions evaluated (inputs
 * with their defaults, earlier steps' outputs from GITHUB_OUTPUT, github.action_path), and the
 * step's outputs read back. `uses` steps are recorded, not run (they need GitHub).
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { sh } from "./npm.js";

/** One step of `runs.steps`. */
export interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

/** The parts of action.yml the runner reads. */
export interface ActionFile {
  inputs: Record<string, { description?: string; default?: string }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

/** What running a step gave. */
export interface StepResult {
  step: ActionStep;
  code: number;
  out: string;
  err: string;
  outputs: Record<string, string>;
}

/** Reads and parses an action file. */
export async function loadAction(file: string): Promise<ActionFile> {
  return parse(await readFile(file, "utf8")) as ActionFile;
}

/** Evaluates the `${{ }}` expressions of a value; an expression the runner does not know throws. */
export function evaluate(value: string, ctx: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    if (!Object.hasOwn(ctx, expr)) throw new Error(`unsupported expression: ${expr}`);
    return ctx[expr]!;
  });
}

/** Parses a GITHUB_OUTPUT file (name=value lines). */
function readOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const i = line.indexOf("=");
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

/**
 * Runs the steps in order until one fails; `inputs` override the defaults. `only` runs just the
 * step with that id, with `outputs` as the earlier steps' outputs (to rerun a step with other inputs).
 */
export async function runAction(
  action: ActionFile,
  opts: {
    inputs: Record<string, string>;
    cwd: string;
    tmp: string;
    env: NodeJS.ProcessEnv;
    actionPath: string;
    only?: string;
    outputs?: Record<string, Record<string, string>>;
  },
): Promise<StepResult[]> {
  const ctx: Record<string, string> = { "github.action_path": opts.actionPath };
  for (const [name, spec] of Object.entries(action.inputs))
    ctx[`inputs.${name}`] = opts.inputs[name] ?? spec.default ?? "";
  for (const [id, outs] of Object.entries(opts.outputs ?? {}))
    for (const [k, v] of Object.entries(outs)) ctx[`steps.${id}.outputs.${k}`] = v;
  const results: StepResult[] = [];
  await mkdir(opts.tmp, { recursive: true });
  for (const [i, step] of action.runs.steps.entries()) {
    if (opts.only && step.id !== opts.only) continue;
    if (!step.run) {
      results.push({ step, code: 0, out: "", err: "", outputs: {} });
      continue;
    }
    const outFile = path.join(opts.tmp, `github-output-${i}`);
    const script = path.join(opts.tmp, `step-${i}.sh`);
    await writeFile(outFile, "");
    await writeFile(script, step.run);
    const env: NodeJS.ProcessEnv = {
      ...opts.env,
      GITHUB_OUTPUT: outFile,
      GITHUB_ACTION_PATH: opts.actionPath,
      GITHUB_WORKSPACE: opts.cwd,
      RUNNER_TEMP: opts.tmp,
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = evaluate(String(v), ctx);
    const r = await sh("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], opts.cwd, env);
    const outputs = readOutputs(await readFile(outFile, "utf8"));
    await rm(outFile);
    if (step.id) for (const [k, v] of Object.entries(outputs)) ctx[`steps.${step.id}.outputs.${k}`] = v;
    results.push({ step, ...r, outputs });
    if (r.code !== 0) break;
  }
  return results;
}
