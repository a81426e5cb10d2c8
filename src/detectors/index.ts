/**
 * The detector catalog: detectors/*.yaml at the package root (found relative to this module, so
 * it works from src/ and dist/) plus the user's --detectors folders. Every rule is validated on
 * load; a bad one throws DetectorError naming the file, the rule and the problem. A user's rules
 * also get the full check (examples, counterexamples, lint), which is cheap for a few rules.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { DetectorError, UsageError } from "../errors.js";
import { groupNameProblem } from "../match/context.js";
import { validators } from "../match/validators/index.js";
import { checkRule } from "./check.js";
import { CATALOG_DIR, readCompiled, writeCompiled } from "./compiled.js";
import type { DetectorRule, VerifySpec } from "./types.js";

export { CATALOG_DIR } from "./compiled.js";

/** How a file is named in messages: detectors/x.yaml for the catalog, else relative to cwd. */
function shownName(file: string): string {
  const inCatalog = path.relative(CATALOG_DIR, file);
  if (!inCatalog.startsWith("..")) return `detectors/${inCatalog.split(path.sep).join("/")}`;
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}

/** Turns one parsed YAML entry into a rule; throws DetectorError. */
function toRule(
  entry: unknown,
  index: number,
  file: string,
  { describeIssue, ruleSchema }: typeof import("./schema.js"),
): DetectorRule {
  const rawId = (entry as { id?: unknown } | null)?.id;
  const id = typeof rawId === "string" ? rawId : `#${index + 1}`;
  const parsed = ruleSchema.safeParse(entry);
  if (!parsed.success) throw new DetectorError({ file, id, problem: describeIssue(parsed.error.issues) });
  const { pattern, verify, ...rest } = parsed.data;
  const rule: DetectorRule = {
    ...rest,
    pattern: Array.isArray(pattern) ? pattern.join("") : pattern,
    ...(verify && { verify: verify as unknown as VerifySpec }),
    file,
  };
  try {
    new RegExp(rule.pattern, `gd${rule.flags ?? ""}`);
  } catch (err) {
    throw new DetectorError({ file, id, problem: `pattern does not compile: ${(err as Error).message}` });
  }
  if (!rule.pattern.includes("(?<secret>"))
    throw new DetectorError({ file, id, problem: "pattern has no (?<secret>…) group" });
  const groupProblem = groupNameProblem(rule.pattern);
  if (groupProblem) throw new DetectorError({ file, id, problem: groupProblem });
  const unknown = (rule.validators ?? []).find((v) => !Object.hasOwn(validators, v));
  if (unknown !== undefined) {
    const known = Object.keys(validators).join(", ");
    throw new DetectorError({ file, id, problem: `unknown validator "${unknown}" (known: ${known})` });
  }
  return rule;
}

/** Reads and validates one rule file (a YAML list of rules, or `{rules: [...]}`). */
export async function loadRuleFile(file: string): Promise<DetectorRule[]> {
  const shown = shownName(file);
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (err) {
    throw new DetectorError({ file: shown, problem: `cannot read: ${(err as Error).message}` });
  }
  // YAML and the schema are loaded only when YAML is read: the compiled catalog needs neither.
  const [{ parse }, schema] = await Promise.all([import("yaml"), import("./schema.js")]);
  let doc: unknown;
  try {
    doc = parse(source);
  } catch (err) {
    throw new DetectorError({
      file: shown,
      problem: `invalid YAML: ${(err as Error).message.split("\n")[0]}`,
    });
  }
  const list = Array.isArray(doc) ? doc : (doc as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(list)) throw new DetectorError({ file: shown, problem: "expected a list of rules" });
  const rules = list.map((entry, i) => toRule(entry, i, shown, schema));
  assertUniqueIds(rules);
  return rules;
}

/** The YAML files of a folder, sorted. */
async function yamlFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => path.join(dir, n));
}

/** Loads every file of a folder; `full` runs each rule's examples and lint too. */
export async function loadRuleDir(dir: string, full = false): Promise<DetectorRule[]> {
  const rules: DetectorRule[] = [];
  for (const file of await yamlFiles(dir)) {
    for (const rule of await loadRuleFile(file)) {
      if (full) {
        const problems = checkRule(rule);
        if (problems.length)
          throw new DetectorError({ file: rule.file!, id: rule.id, problem: problems[0]! });
      }
      rules.push(rule);
    }
  }
  assertUniqueIds(rules);
  return rules;
}

/**
 * Validates the YAML catalog and writes the compiled copies (run by `npm run build`), and the
 * keyword automaton of the lean copy as a scan compiles it (match/prebuilt.ts).
 */
export async function compileCatalog(out?: string): Promise<number> {
  const [
    { patternReach },
    { ruleShape },
    { automatonKeywords, compileRule },
    { PREBUILT_FILE, savePrebuilt },
  ] = await Promise.all([
    import("../match/reach.js"),
    import("../match/rule.js"),
    import("../match/patterns.js"),
    import("../match/prebuilt.js"),
  ]);
  const rules = (await loadRuleDir(CATALOG_DIR)).map((r) => {
    const reach = patternReach(r.pattern, r.flags ?? "");
    return { ...r, reach: Number.isFinite(reach) ? reach : -1, shape: ruleShape(r) };
  });
  await writeCompiled(rules, out);
  const lean = readCompiled(true, out) ?? [];
  savePrebuilt(
    automatonKeywords(lean.map(compileRule)),
    out ? path.join(out, path.basename(PREBUILT_FILE)) : PREBUILT_FILE,
  );
  return rules.length;
}

const builtin = new Map<boolean, Promise<DetectorRule[]>>();

/**
 * The built-in catalog, loaded once per process; empty when the folder is absent. `lean`: without
 * examples, counterexamples and samples (empty lists), which a scan never reads.
 */
export function loadBuiltinCatalog(lean = false): Promise<DetectorRule[]> {
  let rules = builtin.get(lean);
  if (!rules) {
    rules = stat(CATALOG_DIR).then(
      async (s) => (s.isDirectory() ? (readCompiled(lean) ?? loadRuleDir(CATALOG_DIR)) : []),
      () => [],
    );
    rules.catch(() => builtin.delete(lean));
    builtin.set(lean, rules);
  }
  return rules;
}

/** Throws DetectorError when two rules share an id. */
export function assertUniqueIds(rules: DetectorRule[]): void {
  const seen = new Map<string, string>();
  for (const r of rules) {
    const prev = seen.get(r.id);
    if (prev !== undefined)
      throw new DetectorError({
        file: r.file ?? "(rule)",
        id: r.id,
        problem: `duplicate id (also in ${prev})`,
      });
    seen.set(r.id, r.file ?? "(rule)");
  }
}

/**
 * Loads the built-in catalog plus the user's folders; throws DetectorError on a bad rule. `lean`:
 * the built-in rules without examples, counterexamples and samples (what a scan needs).
 */
export async function loadCatalog(
  extraDirs: string[] = [],
  opts: { lean?: boolean } = {},
): Promise<DetectorRule[]> {
  const rules = [...(await loadBuiltinCatalog(opts.lean))];
  for (const dir of extraDirs) {
    const s = await stat(dir).catch(() => undefined);
    if (!s?.isDirectory())
      throw new DetectorError({ file: dir, problem: "--detectors expects a folder of .yaml rule files" });
    rules.push(...(await loadRuleDir(dir, true)));
  }
  assertUniqueIds(rules);
  return rules;
}

/** Selects rules by `all`, `none`, or a list of rule ids, tags or providers; an unknown name is a UsageError. */
export function selectRules(rules: DetectorRule[], spec: "all" | "none" | string[]): DetectorRule[] {
  if (spec === "all") return rules;
  if (spec === "none") return [];
  const wanted = new Set(spec);
  const known = new Set(rules.flatMap((r) => [r.id, r.provider, ...r.tags]));
  const unknown = spec.filter((name) => !known.has(name));
  if (unknown.length)
    throw new UsageError(
      `--rules: ${unknown.map((n) => `"${n}"`).join(", ")} names no rule id, tag or provider (see residue rules list)`,
    );
  return rules.filter((r) => wanted.has(r.id) || r.tags.some((t) => wanted.has(t)) || wanted.has(r.provider));
}
