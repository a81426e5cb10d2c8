#!/usr/bin/env node
// org bench: `github:ORG` over a generated organization of 50 repositories (small histories built
// with git fast-import, a known secret planted then removed in every tenth one), listed by a local
// imitation of GitHub's REST API (paged, 30 a page) whose clone URLs are the local bare
// repositories. The CLI scan runs in a child under /usr/bin/time -v: repositories per second and
// peak RSS (target: ≤ 300 MB), at --repo-concurrency 1 and the default (3).
// BENCH_QUICK=1: only the default concurrency.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../fixtures/prng.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const REPOS = 50;
const COMMITS = 25;
const SECRET = "fake_orgbench_Q7mWc2Lk9Tz4Rb8Xn3Vd6Hs1Jp5Gf0Ya";
const cache = path.join(here, ".cache", `org-${REPOS}x${COMMITS}-v1`);

/** One repository's fast-import stream: 8 files, COMMITS commits, the secret planted (then removed) when asked. */
function history(seed, plant) {
  const rnd = mulberry32(seed);
  const word = () => ["user", "order", "cache", "queue", "token", "client"][Math.floor(rnd() * 6)];
  const line = () =>
    `const ${word()}${Math.floor(rnd() * 1000)} = ${word()}.${word()}(${Math.floor(rnd() * 1e6)});`;
  const text = () => `${Array.from({ length: 30 }, line).join("\n")}\n`;
  const data = (s) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  let out = "";
  let time = Date.UTC(2023, 0, 1) / 1000 + seed * 7;
  for (let n = 0; n < COMMITS; n++) {
    time += 3600;
    const ops = [];
    const files = n === 0 ? [0, 1, 2, 3, 4, 5, 6, 7] : [Math.floor(rnd() * 8)];
    for (const f of files) ops.push(`M 100644 inline src/file${f}.js\n${data(text())}`);
    if (plant && n === 10) ops.push(`M 100644 inline deploy/.env\n${data(`API_KEY=${SECRET}\n`)}`);
    if (plant && n === 12) ops.push("D deploy/.env\n");
    out += `commit refs/heads/main\nmark :${n + 1}\nauthor Ada <ada@example.invalid> ${time} +0000\n`;
    out += `committer Ada <ada@example.invalid> ${time} +0000\n${data(`change ${n}`)}`;
    out += `${n ? `from :${n}\n` : ""}${ops.join("")}\n`;
  }
  return out;
}

function ensureRepos() {
  if (existsSync(path.join(cache, "done"))) return;
  rmSync(cache, { recursive: true, force: true });
  for (let i = 0; i < REPOS; i++) {
    const dir = path.join(cache, `repo${i}.git`);
    mkdirSync(dir, { recursive: true });
    spawnSync("git", ["init", "-q", "--bare", "--initial-branch=main", dir]);
    const r = spawnSync("git", ["fast-import", "--quiet"], {
      cwd: dir,
      input: history(1000 + i, i % 10 === 0),
    });
    if (r.status !== 0) throw new Error(`fast-import failed for repo${i}`);
  }
  writeFileSync(path.join(cache, "done"), "");
}

/** A local GitHub REST API listing the organization, 30 repositories a page. */
function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname !== "/orgs/bench/repos") {
      res.writeHead(404, { "content-type": "application/json" }).end('{"message":"Not Found"}');
      return;
    }
    const page = Number(url.searchParams.get("page") || 1);
    const list = Array.from({ length: REPOS }, (_, i) => ({
      full_name: `bench/repo${i}`,
      html_url: `https://github.example/bench/repo${i}`,
      clone_url: `file://${path.join(cache, `repo${i}.git`)}`,
    })).slice((page - 1) * 30, page * 30);
    const headers = { "content-type": "application/json" };
    if (page * 30 < REPOS)
      headers.link = `<http://${req.headers.host}/orgs/bench/repos?page=${page + 1}>; rel="next"`;
    res.writeHead(200, headers).end(JSON.stringify(list));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** One CLI scan of github:bench in a child; its wall time, peak RSS and findings. */
async function run(api, manifest, concurrency) {
  const out = path.join(mkdtempSync(path.join(tmpdir(), "residue-orgbench-")), "out.json");
  const args = [path.join(root, "bin/residue.js"), "scan", "github:bench", "-m", manifest, "--rules", "all"];
  args.push("--repo-concurrency", String(concurrency), "-f", "json", "-o", out);
  const env = { ...process.env, ...homeEnv, GITHUB_TOKEN: "bench-token", GITHUB_API_URL: api };
  const t = performance.now();
  const child = spawn("/usr/bin/time", ["-v", process.execPath, ...args], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  const code = await new Promise((r) => child.on("close", r));
  const secs = (performance.now() - t) / 1000;
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(err)?.[1] ?? 0) / 1024;
  const report = JSON.parse(readFileSync(out, "utf8"));
  rmSync(path.dirname(out), { recursive: true, force: true });
  const known = report.findings.filter((f) => f.kind === "known").length;
  return { code, secs, rss, known, errors: report.errors.length };
}

ensureRepos();
// the manifest's key and the fingerprint key live in a home of the bench's own, never the user's
const home = mkdtempSync(path.join(tmpdir(), "residue-orgbench-home-"));
const homeEnv = { HOME: home, XDG_CONFIG_HOME: path.join(home, ".config") };
const manifest = path.join(home, "m.json");
const added = spawnSync(
  process.execPath,
  [path.join(root, "bin/residue.js"), "manifest", "add", "-m", manifest, "--id", "planted"],
  {
    input: `${SECRET}\n`,
    env: { ...process.env, ...homeEnv },
  },
);
if (added.status !== 0) throw new Error(`manifest add failed: ${added.stderr}`);
const server = await serve();
const api = `http://127.0.0.1:${server.address().port}`;
let failed = false;
for (const c of process.env.BENCH_QUICK === "1" ? [3] : [1, 3]) {
  const r = await run(api, manifest, c);
  const ok = r.known === REPOS / 10 && r.errors === 0 && r.rss <= 300;
  failed ||= !ok;
  console.log(
    `github:ORG ${REPOS} repos × ${COMMITS} commits, --repo-concurrency ${c}: ${r.secs.toFixed(1)} s, ` +
      `${(REPOS / r.secs).toFixed(1)} repos/s, peak RSS ${r.rss.toFixed(0)} MB (≤ 300), ` +
      `${r.known}/${REPOS / 10} planted copies, ${r.errors} errors, exit ${r.code} ${ok ? "ok" : "FAIL"}`,
  );
}
server.close();
rmSync(home, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
