import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redact } from "../src/secret.js";
import { Verifier } from "../src/verify/index.js";
import { catalogSpecs, GENERIC_403, type ProviderCase, providerCases } from "./helpers/verify-cases.js";
import { type FakeProvider, fakeProvider, type Reply } from "./helpers/verify-server.js";

const specs = await catalogSpecs();
let server: FakeProvider;
beforeAll(async () => {
  server = await fakeProvider();
});
afterAll(() => server.close());

/** Verifies one case against the fake provider answering `reply`; returns the result and the request. */
async function check(c: ProviderCase, reply: Reply) {
  server.seen.length = 0;
  server.reply = () => reply;
  const verifier = new Verifier({
    baseUrls: { [c.provider]: `${server.url}/${c.provider}` },
    timeoutMs: reply.hang ? 150 : 10_000,
    env: c.env,
  });
  const v = await verifier.verify({ spec: specs.get(c.rule)!, secret: c.secret, parts: c.parts });
  return { v, req: server.seen[0] };
}

const answers: [string, (c: ProviderCase) => Reply, (c: ProviderCase) => string][] = [
  ["its live answer", (c) => c.live, () => "live"],
  ["its revoked answer", (c) => c.revoked, () => "revoked"],
  ["403", () => ({ status: 403, body: GENERIC_403 }), (c) => c.forbidden],
  ["429", () => ({ status: 429, body: '{"message":"slow down"}' }), () => "unknown"],
  ["a timeout", () => ({ hang: true }), () => "unknown"],
  ["500", () => ({ status: 500, body: "oops" }), () => "unknown"],
];

describe.each(providerCases())("$provider", (c) => {
  it("has a spec in the catalog", () => {
    expect(specs.get(c.rule)?.provider).toBe(c.provider);
  });

  it.each(answers)("sends the provider's request shape and reads %s", async (_name, reply, want) => {
    const { v, req } = await check(c, reply(c));
    expect(req?.method).toBe(c.method);
    expect(req?.path).toBe(`/${c.provider}${c.path}`);
    expect(c.auth(req!)).toBe(true);
    expect(v.status).toBe(want(c));
    expect(v.detail).not.toContain(c.secret);
    for (const p of Object.values(c.parts ?? {})) expect(v.detail).not.toContain(p);
    expect(Number.isNaN(Date.parse(v.checkedAt))).toBe(false);
  });
});

describe("the verifier", () => {
  const gh = providerCases()[0]!;

  it("covers at least 20 providers", () => {
    expect(new Set([...specs.values()].map((s) => s.provider)).size).toBeGreaterThanOrEqual(20);
  });

  it("has every catalog check tested above, or sharing the spec of a tested rule", () => {
    const cases = providerCases();
    const tested = cases.map((c) => JSON.stringify(specs.get(c.rule)));
    const untested = [...specs].filter(
      ([id, spec]) => !cases.some((c) => c.rule === id) && !tested.includes(JSON.stringify(spec)),
    );
    expect(untested.map(([id]) => id)).toEqual([]);
  });

  it("tries each regional host while the answer is revoked, and stops at a live one", async () => {
    const dd = providerCases().find((c) => c.provider === "datadog")!;
    const hosts: string[] = [];
    const routed: typeof fetch = (url, init) => {
      const u = new URL(String(url));
      hosts.push(u.host);
      return fetch(`${server.url}/${u.host}${u.pathname}`, init);
    };
    server.reply = (r) => (r.path.startsWith("/api.datadoghq.eu/") ? dd.live : dd.revoked);
    const v = await new Verifier({ fetch: routed }).verify({ spec: specs.get(dd.rule)!, secret: dd.secret });
    expect(v.status).toBe("live");
    expect(hosts).toEqual(["api.datadoghq.com", "api.datadoghq.eu"]);
    hosts.length = 0;
    server.reply = () => dd.revoked;
    const w = await new Verifier({ fetch: routed }).verify({ spec: specs.get(dd.rule)!, secret: dd.secret });
    expect(w.status).toBe("revoked");
    expect(hosts.length).toBe(5);
  });

  it("checks an AWS temporary key (ASIA) not at all: it needs its session token", async () => {
    server.seen.length = 0;
    const aws = providerCases().find((c) => c.provider === "aws")!;
    const verifier = new Verifier({ baseUrls: { aws: server.url } });
    const asia = `ASIA${aws.secret.slice(4)}`;
    const v = await verifier.verify({ spec: specs.get(aws.rule)!, secret: asia, parts: aws.parts });
    expect(v.status).toBe("unknown");
    expect(server.seen).toHaveLength(0);
  });

  it("checks an Atlassian token only with the user's email and site from the environment", async () => {
    server.seen.length = 0;
    const atl = providerCases().find((c) => c.provider === "atlassian")!;
    const verifier = new Verifier({ baseUrls: { atlassian: server.url }, env: {} });
    const v = await verifier.verify({ spec: specs.get(atl.rule)!, secret: atl.secret });
    expect(v.status).toBe("unknown");
    expect(v.detail).toMatch(/needs email \(env:ATLASSIAN_EMAIL or env:JIRA_EMAIL\)/);
    expect(server.seen).toHaveLength(0);
  });

  it("asks once per secret per run", async () => {
    server.seen.length = 0;
    server.reply = () => gh.live;
    const verifier = new Verifier({ baseUrls: { github: server.url } });
    const input = { spec: specs.get(gh.rule)!, secret: gh.secret };
    expect(input.spec).toBeDefined();
    const all = await Promise.all([verifier.verify(input), verifier.verify(input), verifier.verify(input)]);
    expect(all.map((v) => v.status)).toEqual(["live", "live", "live"]);
    expect(server.seen).toHaveLength(1);
    expect(verifier.requests).toBe(1);
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    server.seen.length = 0;
    server.maxInFlight = 0;
    server.reply = () => ({ ...gh.live, delayMs: 30 });
    const verifier = new Verifier({ baseUrls: { github: server.url }, concurrency: 2 });
    const spec = specs.get(gh.rule)!;
    const results = await Promise.all(
      providerCases().map((c) => verifier.verify({ spec, secret: c.secret })),
    );
    expect(results.every((v) => v.status === "live")).toBe(true);
    expect(server.seen.length).toBeGreaterThan(2);
    expect(server.maxInFlight).toBeLessThanOrEqual(2);
  });

  it("does not send a multi-part credential without its companion part", async () => {
    server.seen.length = 0;
    const aws = providerCases().find((c) => c.provider === "aws")!;
    const verifier = new Verifier({ baseUrls: { aws: server.url } });
    const v = await verifier.verify({ spec: specs.get(aws.rule)!, secret: aws.secret });
    expect(v.status).toBe("unknown");
    expect(v.detail).toMatch(/needs secretKey \(aws\.secret-access-key or aws\.key-pair\)/);
    expect(server.seen).toHaveLength(0);
  });

  it("does not follow a redirect with the credential", async () => {
    server.seen.length = 0;
    server.reply = (r) => (r.path.startsWith("/elsewhere") ? gh.live : { status: 302, body: "" });
    const verifier = new Verifier({ baseUrls: { github: server.url } });
    const v = await verifier.verify({ spec: specs.get(gh.rule)!, secret: gh.secret });
    expect(v.status).toBe("unknown");
    expect(server.seen).toHaveLength(1);
  });

  it("reports a network error as unknown, without the secret in the detail", async () => {
    const tg = providerCases().find((c) => c.provider === "telegram")!;
    const verifier = new Verifier({ baseUrls: { telegram: "http://127.0.0.1:9" } });
    const v = await verifier.verify({ spec: specs.get(tg.rule)!, secret: tg.secret });
    expect(v.status).toBe("unknown");
    expect(v.detail).toMatch(/network error/);
    expect(v.detail).not.toContain(tg.secret);
    expect(v.detail).toContain(redact(tg.secret));
  });
});

describe("AWS STS GetCallerIdentity", () => {
  it("does not call a key revoked when only the secret found with it is wrong", async () => {
    const aws = providerCases().find((c) => c.provider === "aws")!;
    const body = "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code></Error></ErrorResponse>";
    const { v } = await check(aws, { status: 403, body });
    expect(v.status).toBe("unknown");
  });

  it("carries a SigV4 signature that the maintained signer reproduces", async () => {
    const aws = providerCases().find((c) => c.provider === "aws")!;
    const { v, req } = await check(aws, aws.live);
    expect(v.status).toBe("live");
    const auth = String(req!.headers.authorization);
    const signedNames = /SignedHeaders=([^,]+)/.exec(auth)![1]!.split(";");
    const amzDate = String(req!.headers["x-amz-date"]);
    const date = new Date(
      `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
    );
    const headers = Object.fromEntries(signedNames.map((n) => [n, String(req!.headers[n])]));
    const signer = new SignatureV4({
      credentials: { accessKeyId: aws.secret, secretAccessKey: aws.parts!.secretKey! },
      region: "us-east-1",
      service: "sts",
      sha256: Sha256,
    });
    const [host, port] = headers.host!.split(":");
    const again = await signer.sign(
      {
        method: "POST",
        protocol: "http:",
        hostname: host!,
        port: Number(port),
        path: req!.path,
        headers,
        body: req!.body,
      },
      { signingDate: date },
    );
    expect(again.headers.authorization).toBe(auth);
    expect(JSON.stringify(req!.headers)).not.toContain(aws.parts!.secretKey!);
  });
});
