/**
 * jenkins: in a sweep, end to end: the first run stores each job's last build read; the next run
 * reads only the builds after it (a running build is read once finished) and declares nothing gone.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { manifestOf } from "./helpers/chat-manifest.js";
import { cli } from "./helpers/cli.js";
import { type FakeBuild, startFakeJenkins } from "./helpers/fake-jenkins.js";
import { fakeSecret } from "./helpers/literal-matcher.js";

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

it("resumes after the last build read per job, and reads a build that was running once it finished", async () => {
  const secret = fakeSecret("fake_jksweep_", 32);
  const builds: FakeBuild[] = [
    { number: 3, timestamp: 3000, building: true, console: `running\nTOKEN=${secret}\n` },
    { number: 2, timestamp: 2000, console: `deploy\nTOKEN=${secret}\n` },
    { number: 1, timestamp: 1000, console: "ok\n" },
  ];
  const server = await startFakeJenkins([{ name: "app", builds }], "u", "tok-9f8e7d6c5b4a");
  servers.push(server);
  const dir = mkdtempSync(path.join(tmpdir(), "residue-jksweep-"));
  const manifest = await manifestOf({ deploy: secret });
  writeFileSync(
    path.join(dir, "sweep.json"),
    JSON.stringify({ manifests: [manifest], targets: [`jenkins:${server.url}/job/app`], db: "r.db" }),
  );
  const env = { JENKINS_USER: "u", JENKINS_TOKEN: "tok-9f8e7d6c5b4a" };
  const report = async () =>
    (
      JSON.parse((await cli(["report", "--db", "r.db", "-f", "json"], { cwd: dir, env })).out) as {
        findings: { state: string; location: { build: number } }[];
      }
    ).findings
      .map((f) => `${f.location.build}:${f.state}`)
      .sort();
  const first = await cli(["sweep", "-c", "sweep.json"], { cwd: dir, env });
  expect(first.err).toMatch(/run 1: 1 new, 0 surviving, 0 gone/);
  expect(await report()).toEqual(["2:new"]);
  builds[0]!.building = false;
  builds.unshift({ number: 4, timestamp: 4000, console: "clean\n" });
  const second = await cli(["sweep", "-c", "sweep.json"], { cwd: dir, env });
  expect(second.err).toMatch(/run 2: 1 new, \d+ surviving, 0 gone/);
  expect(server.calls.get("/job/app/2/consoleText")).toBe(1);
  expect(server.calls.get("/job/app/3/consoleText")).toBe(1);
  expect((await report()).filter((s) => s.startsWith("3:"))).toEqual(["3:new"]);
  for (const f of readdirSync(dir).filter((n) => n.startsWith("r.db")))
    expect(readFileSync(path.join(dir, f)).includes("tok-9f8e7d6c5b4a"), f).toBe(false);
});
