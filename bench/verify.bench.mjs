// Verifier throughput against a local fake provider that answers after a fixed delay (a stand-in
// for a provider's latency): checks/s at concurrency 1 and 4, and the cache at work (one request
// per distinct secret however many copies). BENCH_QUICK=1 for a short run.
import { createServer } from "node:http";
import { Verifier } from "../dist/verify/index.js";

const quick = process.env.BENCH_QUICK === "1";
const secrets = quick ? 40 : 200;
const copies = 5;
const latencyMs = 20;

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => setTimeout(() => res.writeHead(200).end("{}"), latencyMs));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;
const spec = {
  provider: "github",
  method: "GET",
  url: "https://api.github.com/user",
  headers: { Authorization: "Bearer {{secret}}" },
  live: { status: [200] },
  revoked: { status: [401] },
};
const values = Array.from({ length: secrets }, (_, i) => `ghp_benchFakeBody${String(i).padStart(22, "0")}`);

for (const concurrency of [1, 4, 8]) {
  const verifier = new Verifier({ baseUrls: { github: base }, concurrency });
  const t0 = performance.now();
  const all = values.flatMap((v) =>
    Array.from({ length: copies }, () => verifier.verify({ spec, secret: v })),
  );
  const results = await Promise.all(all);
  const s = (performance.now() - t0) / 1000;
  const live = results.filter((r) => r.status === "live").length;
  console.log(
    `concurrency ${concurrency}: ${secrets} secrets × ${copies} copies in ${s.toFixed(2)} s, ` +
      `${(secrets / s).toFixed(0)} checks/s, ${verifier.requests} requests (${live}/${results.length} live), ` +
      `provider latency ${latencyMs} ms, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
  );
}
server.closeAllConnections();
server.close();
