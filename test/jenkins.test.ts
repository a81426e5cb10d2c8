/**
 * jenkins: against a fake Jenkins REST API (API-shaped JSON, consoleText, artifacts, Basic auth):
 * console logs and artifacts (a zip opened) of a job in a folder, the whole server walked, faults
 * per job (404, 403, an HTML login page, a console that never answers, a refused token), the
 * builds= window, since=/until=, the per-job resume point, and nothing secret in any output.
 */
import { afterEach, describe, expect, it } from "vitest";
import { locationSchema } from "../src/location.js";
import { type CopyRecord, PURGE, systemOf } from "../src/reporters/systems.js";
import { manifestOf } from "./helpers/chat-manifest.js";
import { cli } from "./helpers/cli.js";
import { type FakeJob, startFakeJenkins } from "./helpers/fake-jenkins.js";
import { fakeStripeKey } from "./helpers/fake-keys.js";
import { fakeSecret } from "./helpers/literal-matcher.js";
import { runSource, scanKnown } from "./helpers/source-run.js";

const USER = "ci-reader";
const TOKEN = "11aa22bb33cc44dd55ee66ff77aa88bb99";
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const secrets = { console: fakeSecret("fake_jkcon_", 32), artifact: fakeSecret("fake_jkart_", 32) };
const stripe = [fakeStripeKey(41), fakeStripeKey(42)];
const T = (day: number) => Date.parse(`2024-05-0${day}T10:00:00Z`);

function jobs(): FakeJob[] {
  const app: FakeJob = {
    name: "app",
    builds: [
      { number: 13, timestamp: T(4), building: true, console: "running\n" },
      {
        number: 12,
        timestamp: T(3),
        console: `Started by user\nexport KEY=${secrets.console}\nSTRIPE=${stripe[0]}\n`,
      },
      {
        number: 11,
        timestamp: T(2),
        console: "Finished: SUCCESS\n",
        artifacts: {
          "dist/bundle.zip": { "conf/.env": `A=1\nKEY=${secrets.artifact}\n` },
          "out/notes.txt": `stripe ${stripe[1]}\n`,
        },
      },
      { number: 10, timestamp: T(1), console: "old build\n" },
    ],
  };
  return [
    {
      name: "team",
      jobs: [
        app,
        {
          name: "sub",
          jobs: [{ name: "lib", builds: [{ number: 3, timestamp: T(2), console: "lib ok\n" }] }],
        },
      ],
    },
    { name: "gone", fault: 404 },
    { name: "locked", fault: 403 },
    { name: "sso", fault: "html" },
  ];
}

async function fake(data = jobs()) {
  const server = await startFakeJenkins(data, USER, TOKEN);
  servers.push(server);
  return { server, env: { JENKINS_USER: USER, JENKINS_TOKEN: TOKEN, RESIDUE_HTTP_RETRIES: "0" } };
}

describe("jenkins: source", () => {
  it("finds a known secret in a console log and in a zip artifact, with job, build, line and link", async () => {
    const { server, env } = await fake();
    const { found, errors } = await scanKnown([`jenkins:${server.url}/job/team/job/app`], env, secrets);
    expect(errors).toEqual([]);
    const by = (id: string) => found.find((f) => f.secretId === id)!;
    expect(found.map((f) => f.secretId).sort()).toEqual(["artifact", "console"]);
    expect(by("console").provenance).toMatchObject({ source: "jenkins", job: "team/app", build: 12 });
    expect(by("console").line).toBe(2);
    expect(by("console").uri).toBe(`${server.url}/job/team/job/app/12/console`);
    expect(by("artifact").provenance).toMatchObject({
      job: "team/app",
      build: 11,
      artifact: "dist/bundle.zip",
      member: "conf/.env",
    });
    expect(by("artifact").line).toBe(2);
    expect(by("artifact").uri).toBe(`${server.url}/job/team/job/app/11/artifact/dist/bundle.zip`);
  });

  it("walks the whole server through folders; a 404, a 403 and an HTML page are error items naming the job", async () => {
    const { server, env } = await fake();
    const r = await runSource("jenkins", server.url, env);
    expect(r.errors).toEqual([
      { item: "jenkins:gone", reason: expect.stringMatching(/^HTTP 404 from Jenkins/) },
      { item: "jenkins:locked", reason: expect.stringMatching(/^HTTP 403 from Jenkins: no permission/) },
      { item: "jenkins:sso", reason: expect.stringMatching(/HTML page instead of an API answer/) },
    ]);
    const builds = new Set(r.chunks.map((c) => `${c.provenance.job}#${c.provenance.build}`));
    expect([...builds].sort()).toEqual(["team/app#10", "team/app#11", "team/app#12", "team/sub/lib#3"]);
    expect(JSON.parse(r.cursor!)).toEqual({ "team/app": 12, "team/sub/lib": 3 });
  });

  it("reads builds= newest builds within since=/until=, and resumes after the stored build per job", async () => {
    const { server, env } = await fake();
    const job = `${server.url}/job/team/job/app`;
    const one = await runSource("jenkins", `${job}?builds=2`, env);
    expect(new Set(one.chunks.map((c) => c.provenance.build))).toEqual(new Set([12]));
    const window = await runSource("jenkins", `${job}?since=2024-05-02&until=2024-05-02T12:00:00Z`, env);
    expect(new Set(window.chunks.map((c) => c.provenance.build))).toEqual(new Set([11]));
    expect(JSON.parse(window.cursor!)).toEqual({ "team/app": 11 });
    const resumed = await runSource("jenkins", job, env, {}, JSON.stringify({ "team/app": 11 }));
    expect(new Set(resumed.chunks.map((c) => c.provenance.build))).toEqual(new Set([12]));
  });

  it("names the build whose console never answers and reads the others", async () => {
    const data = jobs();
    data[0]!.jobs![0]!.builds![2]!.hang = true;
    const { server, env } = await fake(data);
    const r = await runSource("jenkins", `${server.url}/job/team/job/app`, {
      ...env,
      RESIDUE_HTTP_TIMEOUT: "1",
    });
    expect(r.errors).toEqual([
      { item: "jenkins:team/app #11 console", reason: expect.stringMatching(/no answer within 1 s/) },
    ]);
    expect(new Set(r.chunks.map((c) => c.provenance.build))).toEqual(new Set([12, 11, 10]));
    expect(r.cursor).toBeUndefined();
  });

  it("stops at a refused token with one error, and rejects URLs that name no job", async () => {
    const { server, env } = await fake();
    const r = await runSource("jenkins", server.url, { ...env, JENKINS_TOKEN: "wrong" });
    expect(r.errors).toEqual([
      { item: `jenkins:${server.url}`, reason: expect.stringMatching(/^HTTP 401 .*refused/) },
    ]);
    const half = await runSource("jenkins", server.url, { JENKINS_USER: USER });
    expect(half.errors[0]!.reason).toMatch(/set both JENKINS_USER and JENKINS_TOKEN/);
    await expect(runSource("jenkins", `${server.url}/job/a/12`, env)).rejects.toThrow(/not a build's/);
    await expect(runSource("jenkins", "ftp://host/job/a", env)).rejects.toThrow(/http/);
  });

  it("names the system of a copy and its purge advice for the containment checklist", () => {
    const sys = systemOf({
      source: "jenkins",
      location: { job: "team/app", build: 12 },
    } as unknown as CopyRecord);
    expect(sys).toEqual({ kind: "Jenkins build", name: "team/app #12" });
    expect(PURGE[sys.kind]).toMatch(/delete the build.*Discard old builds/);
  });
});

describe("jenkins: the CLI", () => {
  it("reports pattern and known copies as JSON with locator and link, never the token or a secret in full", async () => {
    const { server, env } = await fake();
    const manifest = await manifestOf(secrets);
    const target = `jenkins:${server.url}/job/team`;
    const r = await cli(["scan", target, "-m", manifest, "--rules", "all", "-f", "json"], { env });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as {
      findings: {
        source: string;
        ruleId?: string;
        secretId?: string;
        location: Record<string, unknown>;
        uri?: string;
      }[];
    };
    const mine = doc.findings.filter((f) => f.source === "jenkins");
    for (const f of mine)
      expect(locationSchema().safeParse({ source: f.source, location: f.location }).success).toBe(true);
    const stripeHits = mine.filter((f) => /stripe/i.test(f.ruleId ?? ""));
    expect(
      stripeHits
        .map((f) => `${f.location.build}:${f.location.artifact ?? "console"}:${f.location.line}`)
        .sort(),
    ).toEqual(["11:out/notes.txt:1", "12:console:3"]);
    expect(new Set(mine.map((f) => f.secretId).filter(Boolean))).toEqual(new Set(["console", "artifact"]));
    for (const s of [TOKEN, ...stripe, ...Object.values(secrets)]) {
      expect(r.out).not.toContain(s);
      expect(r.err).not.toContain(s);
    }
  });

  it("exits 3 when nothing was found but a job could not be read, with URL credentials masked", async () => {
    const { server } = await fake();
    const withCreds = server.url.replace("://", `://${USER}:${TOKEN}@`);
    const r = await cli(["scan", `jenkins:${withCreds}/job/gone`, "-f", "json"], { env: {} });
    expect(r.code).toBe(3);
    expect(r.out + r.err).toMatch(/HTTP 404 from Jenkins/);
    expect(r.out + r.err).not.toContain(TOKEN);
  });
});
