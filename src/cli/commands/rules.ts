/** `residue rules list [--json]` and `residue rules test FILE...` (issue #4). */
import path from "node:path";
import { checkRule } from "../../detectors/check.js";
import { loadCatalog, loadRuleFile } from "../../detectors/index.js";
import type { DetectorRule } from "../../detectors/types.js";
import type { CliIO } from "../io.js";
import { EXIT } from "../io.js";
import type { RegisterCommand } from "./types.js";

const collect = (v: string, prev: string[] = []) => [...prev, v];

/**
 * The JSON listing of rules (examples are fake by construction, so they may be printed); the
 * real-shaped `samples` only when asked, as they double the listing's size.
 */
export function rulesJson(rules: DetectorRule[], samples = false): { rules: Record<string, unknown>[] } {
  return {
    rules: rules.map((r) => ({
      id: r.id,
      provider: r.provider,
      description: r.description,
      severity: r.severity,
      tags: r.tags,
      keywords: r.keywords,
      examples: r.examples,
      counterexamples: r.counterexamples,
      ...(samples && r.samples && { samples: r.samples }),
    })),
  };
}

function printList(io: CliIO, rules: DetectorRule[]): void {
  const width = Math.max(2, ...rules.map((r) => r.id.length));
  for (const r of rules)
    io.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.description}\n`);
  const providers = new Set(rules.map((r) => r.provider)).size;
  io.stdout.write(`${rules.length} rules, ${providers} providers\n`);
}

/** Runs every rule of the files; prints PASS/FAIL per rule; true when all pass. */
async function testFiles(io: CliIO, files: string[]): Promise<boolean> {
  let ok = true;
  for (const file of files) {
    const rules = await loadRuleFile(path.resolve(io.cwd, file));
    rules.forEach((rule, i) => {
      const problems = checkRule(rule);
      ok &&= problems.length === 0;
      const counts = `${rule.examples.length} example(s), ${rule.counterexamples.length} counterexample(s)`;
      if (!problems.length) io.stdout.write(`PASS ${file} #${i + 1} ${rule.id} (${counts})\n`);
      else
        io.stdout.write(`FAIL ${file} #${i + 1} ${rule.id}\n${problems.map((p) => `  - ${p}\n`).join("")}`);
    });
  }
  return ok;
}

/** Registers `residue rules`. */
export const registerRules: RegisterCommand = (program, io, exit) => {
  const rules = program.command("rules").description("list the pattern rules, or test a rule file");
  rules
    .command("list")
    .description("list the catalog's rules (and --detectors folders')")
    .option("--json", "print JSON (one line): {rules: [...]}")
    .option("--samples", "with --json: add each rule's real-shaped samples")
    .option("--detectors <dir>", "add the rules of a folder (repeatable)", collect)
    .action(async (opts: { json?: boolean; samples?: boolean; detectors?: string[] }) => {
      const list = await loadCatalog((opts.detectors ?? []).map((d) => path.resolve(io.cwd, d)));
      // one line: the whole catalog stays well under the 1 MiB a child process's output is often capped at
      if (opts.json) io.stdout.write(`${JSON.stringify(rulesJson(list, opts.samples))}\n`);
      else printList(io, list);
      exit(EXIT.clean);
    });
  rules
    .command("test")
    .description("run the examples and counterexamples of rule files; exit 1 if one fails")
    .argument("<files...>", "rule files (.yaml)")
    .action(async (files: string[]) => {
      exit((await testFiles(io, files)) ? EXIT.clean : EXIT.findings);
    });
};
