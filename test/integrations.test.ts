/**
 * The CI integrations as far as this machine allows (issue 17): the GitHub Action's shell steps
 * run as a runner would, with its inputs set, installing the packed tarball and producing a SARIF
 * file valid against the official schema; the GitLab template's script run the same way; the
 * Dockerfile and .pre-commit-hooks.yaml checked against what they rely on.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { VERSION } from "../src/version.js";
import { type ActionFile, loadAction, runAction, type StepResult } from "./helpers/action-runner.js";
import { cli } from "./helpers/cli.js";
import { fakeStripeKey } from "./helpers/fake-keys.js";
import { childEnv, packTarball, ROOT, sh } from "./helpers/npm.js";
import { sarifErrors } from "./helpers/sarif-schema.js";

let tmp = "";
let tarball = "";
let env: NodeJS.ProcessEnv = {};
const key = fakeStripeKey(41);
const leaked = "residuetest_ActionKnownSecret0123456789abcdef";

/** A workspace with a pattern-found key, a copy of a known secret and its manifest. */
async function workspace(name: string): Promise<string> {
  const ws = path.join(tmp, name);
  await mkdir(path.join(ws, "app"), { recursive: true });
  await mkdir(path.join(ws, "ops"), { recursive: true });
  await writeFile(path.join(ws, "app", "settings.env"), `STRIPE_SECRET_KEY=${key}\n`);
  await writeFile(path.join(ws, "ops", "deploy.log"), `step 3: token=${leaked}\n`);
  const added = await cli(["manifest", "add", "-m", "incident.manifest.json", "--id", "ci-token"], {
    cwd: ws,
    stdin: `${leaked}\n`,
  });
  expect(added.code, added.err).toBe(0);
  return ws;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "residue-integrations-"));
  env = childEnv(tmp);
  tarball = await packTarball(path.join(tmp, "dest"), env);
}, 300_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("the GitHub Action (action.yml)", () => {
  let action: ActionFile;
  let ws = "";
  let steps: StepResult[] = [];

  beforeAll(async () => {
    action = await loadAction(path.join(ROOT, "action.yml"));
    ws = await workspace("gh");
    steps = await runAction(action, {
      inputs: {
        version: tarball,
        targets: "app\nops",
        manifest: "incident.manifest.json",
        rules: "all",
        "fail-on": "high",
        "sarif-file": "out/residue.sarif",
      },
      cwd: ws,
      tmp: path.join(tmp, "gh-runner"),
      env,
      actionPath: ROOT,
    });
  }, 300_000);

  it("is composite, with inputs for targets, manifest and fail-on, and no ${{ }} inside a script", () => {
    expect(action.runs.using).toBe("composite");
    for (const name of ["targets", "manifest", "fail-on", "rules", "sarif-file", "version"])
      expect(action.inputs[name]?.description).toBeTruthy();
    expect(action.inputs.version!.default).toBe(VERSION);
    for (const step of action.runs.steps) {
      if (step.run) expect(step.run).not.toContain("${{");
      if (step.run) expect(step.shell).toBe("bash");
    }
  });

  it("uploads the scan's SARIF file to code scanning", () => {
    const upload = action.runs.steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(upload?.with?.sarif_file).toBe("${{ steps.scan.outputs.sarif-file }}");
    const ids = action.runs.steps.map((s) => s.id ?? s.uses);
    expect(ids.indexOf("scan")).toBeLessThan(ids.indexOf(upload!.uses));
    expect(ids.indexOf(upload!.uses)).toBeLessThan(ids.indexOf("verdict"));
  });

  it("runs: installs the tarball, scans the targets and writes SARIF valid against the 2.1.0 schema", async () => {
    const byId = Object.fromEntries(steps.map((s) => [s.step.id ?? s.step.uses, s]));
    expect(byId.install?.code, byId.install?.err).toBe(0);
    expect(byId.install?.out.trim()).toBe(VERSION);
    expect(byId.scan?.outputs).toEqual({ "exit-code": "1", "sarif-file": "out/residue.sarif" });
    const log = JSON.parse(await readFile(path.join(ws, "out", "residue.sarif"), "utf8"));
    expect(sarifErrors(log)).toEqual([]);
    const ruleIds = log.runs[0].results.map((r: { ruleId: string }) => r.ruleId);
    expect(ruleIds).toContain("known/ci-token");
    expect(ruleIds.some((id: string) => id.startsWith("stripe."))).toBe(true);
    const all = steps.map((s) => s.out + s.err).join("");
    expect(all).not.toContain(key);
    expect(all).not.toContain(leaked);
  });

  it("fails the job on fail-on high with these findings, and counts them", () => {
    const verdict = steps.find((s) => s.step.id === "verdict")!;
    expect(verdict.code).toBe(1);
    expect(verdict.outputs.findings).toBe("2");
    expect(verdict.out).toMatch(/::error title=residue::2 findings at fail-on high/);
  });

  it.each([
    ["never", 0],
    ["critical", 1],
    ["findings", 1],
  ])("fail-on %s: exit status %i", async (failOn, code) => {
    const [verdict] = await runAction(action, {
      inputs: { "fail-on": failOn },
      cwd: ws,
      tmp: path.join(tmp, "gh-runner"),
      env,
      actionPath: ROOT,
      only: "verdict",
      outputs: { scan: { "sarif-file": "out/residue.sarif" } },
    });
    expect(verdict!.code).toBe(code);
  });

  it("a bad fail-on stops the scan step with exit status 2, naming it", async () => {
    const [scan] = await runAction(action, {
      inputs: { "fail-on": "sometimes" },
      cwd: ws,
      tmp: path.join(tmp, "gh-runner"),
      env,
      actionPath: ROOT,
      only: "scan",
      outputs: { install: { bin: "/bin/false" } },
    });
    expect(scan!.code).toBe(2);
    expect(scan!.out).toContain("fail-on: expected findings, never, critical, high, medium or low");
  });

  it("the workflow example uses only the action's inputs and grants security-events write", async () => {
    const wf = parse(await readFile(path.join(ROOT, "docs/examples/github-workflow.yml"), "utf8"));
    expect(wf.permissions["security-events"]).toBe("write");
    const steps = wf.jobs.residue.steps as { uses: string; with?: Record<string, unknown> }[];
    const ours = steps.find((s) => /\/residue@/.test(s.uses))!;
    for (const k of Object.keys(ours.with ?? {})) expect(Object.keys(action.inputs)).toContain(k);
    expect(steps[0]!.with?.["fetch-depth"]).toBe(0);
  });
});

describe("the GitLab CI template (residue.gitlab-ci.yml)", () => {
  it("its script installs residue, scans and keeps a valid SARIF artifact; findings fail the job", async () => {
    const doc = parse(await readFile(path.join(ROOT, "residue.gitlab-ci.yml"), "utf8"));
    const job = doc.residue as {
      image: string;
      variables: Record<string, string>;
      script: string[];
      artifacts: { when: string; paths: string[] };
    };
    expect(job.image).toMatch(/^node:(20|22|24)/);
    expect(job.artifacts.when).toBe("always");
    expect(job.variables.RESIDUE_VERSION).toBe(VERSION);
    const ws = await workspace("gl");
    const vars = {
      ...job.variables,
      RESIDUE_VERSION: `file:${tarball}`,
      RESIDUE_TARGETS: "app ops",
      RESIDUE_MANIFEST: "incident.manifest.json",
      RESIDUE_RULES: "all",
    };
    // GitLab runs the script lines in one shell, stopping at the first failing line; the
    // template's install prefix moves into the temp folder
    const prefix = path.join(tmp, "gl-residue-scan");
    const script = `set -e\n${job.script.join("\n").replaceAll("/tmp/residue-scan", prefix)}\n`;
    expect(script).toContain(`--prefix ${prefix} `);
    const runEnv = childEnv(tmp, { ...vars, npm_config_prefer_offline: "true" });
    const r = await sh("bash", ["-c", script], ws, runEnv);
    expect(r.code, r.err.slice(-2000)).toBe(1);
    const sarif = path.join(ws, job.artifacts.paths[0]!);
    expect(existsSync(sarif)).toBe(true);
    expect(sarifErrors(JSON.parse(await readFile(sarif, "utf8")))).toEqual([]);
    const green = await sh("bash", ["-c", script], ws, { ...runEnv, RESIDUE_FAIL_ON: "never" });
    expect(green.code).toBe(0);
    expect(r.out + r.err + green.out + green.err).not.toContain(key);
  }, 300_000);
});

describe("the Dockerfile", () => {
  it("is Node 20 slim plus git, copies only files that exist, and runs residue", async () => {
    const text = await readFile(path.join(ROOT, "Dockerfile"), "utf8");
    const from = [...text.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(from).toEqual(["node:20-slim", "node:20-slim"]);
    expect(text).toMatch(/apt-get install -y --no-install-recommends git /);
    expect(text).toMatch(/^ENTRYPOINT \["residue"\]$/m);
    const copied = [...text.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(" "));
    expect(copied.length).toBeGreaterThan(5);
    for (const f of copied) expect(existsSync(path.join(ROOT, f)), f).toBe(true);
    // everything package.json ships is built from or copied into the build stage
    const pkg = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { files: string[] };
    for (const f of pkg.files.filter((x) => !x.startsWith("!")))
      expect(copied.includes(f) || (f === "dist" && copied.includes("src"))).toBe(true);
  });
});

describe(".pre-commit-hooks.yaml", () => {
  it("runs the residue command on the staged change and declares the version its stages need", async () => {
    const [hook] = parse(await readFile(path.join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as Record<
      string,
      unknown
    >[];
    expect(hook!.language).toBe("node");
    expect(String(hook!.entry)).toMatch(/^residue scan git-staged:\. /);
    expect(hook!.pass_filenames).toBe(false);
    // `stages: [pre-commit]` is the 3.2.0 spelling; older versions (npm pack) need the quiet prepare
    expect(hook!.stages).toEqual(["pre-commit"]);
    expect(hook!.minimum_pre_commit_version).toBe("3.2.0");
    const npmrc = await readFile(path.join(ROOT, ".npmrc"), "utf8");
    expect(npmrc).toMatch(/^foreground-scripts=false$/m);
  });
});
