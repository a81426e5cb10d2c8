import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Secret } from "../src/secret.js";
import type { Finding, RawMatch, TextMatcher } from "../src/types.js";
import { parseSpec, Verifier, verifyFindings, verifySecrets } from "../src/verify/index.js";
import { catalogSpecs, providerCases } from "./helpers/verify-cases.js";
import { type FakeProvider, fakeProvider } from "./helpers/verify-server.js";

const specs = await catalogSpecs();
const cases = providerCases();
const gh = cases.find((c) => c.provider === "github")!;
const aws = cases.find((c) => c.provider === "aws")!;
let server: FakeProvider;
beforeAll(async () => {
  server = await fakeProvider();
});
afterAll(() => server.close());

function finding(
  ruleId: string | undefined,
  value: string,
  path: string,
  line: number,
  extra: Partial<Finding> = {},
) {
  return {
    id: `${path}:${line}`,
    kind: "pattern",
    ruleId,
    secretKey: `pattern:${ruleId}:${value.length}`,
    form: "plain",
    match: "exact",
    coverage: 1,
    provenance: { source: "fs", path },
    line,
    column: 1,
    uri: `${path}:${line}:1`,
    secret: new Secret(value),
    ...extra,
  } as Finding;
}

const verifier = () =>
  new Verifier({ baseUrls: { github: `${server.url}/github`, aws: `${server.url}/aws` }, timeoutMs: 2000 });

describe("scan --verify on findings", () => {
  it("checks each verifiable finding once per secret and leaves the others alone", async () => {
    server.seen.length = 0;
    server.reply = (r) => (r.path.startsWith("/github") ? gh.revoked : aws.live);
    const list = [
      finding("github.pat-classic", gh.secret, "a.env", 1),
      finding("github.pat-classic", gh.secret, "b.env", 7),
      finding("github.pat-classic", gh.secret, "c.env", 2, { match: "partial", coverage: 0.6 }),
      finding(undefined, gh.secret, "d.env", 1, { kind: "known", secretId: "s1" }),
      finding("acme.unverifiable", "acme_live_0123456789abcdef", "e.env", 1),
    ];
    await verifyFindings(list, specs, verifier());
    expect(list.map((f) => f.verification?.status)).toEqual([
      "revoked",
      "revoked",
      undefined,
      undefined,
      undefined,
    ]);
    expect(server.seen.filter((r) => r.path.startsWith("/github"))).toHaveLength(1);
  });

  it("pairs an AWS key id with the secret key in the same file, and marks both", async () => {
    server.seen.length = 0;
    server.reply = () => aws.live;
    const list = [
      finding("aws.access-key-id", aws.secret, "creds.csv", 2),
      finding("aws.secret-access-key", aws.parts!.secretKey!, "creds.csv", 3),
      finding("aws.access-key-id", aws.secret, "other.txt", 9),
    ];
    await verifyFindings(list, specs, verifier());
    expect(list.map((f) => f.verification?.status)).toEqual(["live", "live", "unknown"]);
    expect(list[2]!.verification!.detail).toMatch(/needs secretKey/);
    expect(server.seen).toHaveLength(1);
    expect(String(server.seen[0]!.headers.authorization)).toContain(`Credential=${aws.secret}/`);
  });
});

/** A matcher that knows each case's secret by its rule. */
function tableMatcher(table: Record<string, string>): TextMatcher {
  return {
    find(text) {
      const out: RawMatch[] = [];
      for (const [ruleId, value] of Object.entries(table)) {
        const i = text.indexOf(value);
        if (i !== -1)
          out.push({
            start: i,
            end: i + value.length,
            kind: "pattern",
            ruleId,
            form: "plain",
            match: "exact",
            coverage: 1,
            value,
          });
      }
      return out;
    },
  };
}

describe("residue verify's core", () => {
  it("detects the provider of each input, pairs AWS parts, and reports in input order", async () => {
    server.seen.length = 0;
    server.reply = (r) => (r.path.startsWith("/github") ? gh.live : aws.revoked);
    const matcher = tableMatcher({
      "github.pat-classic": gh.secret,
      "aws.access-key-id": aws.secret,
      "aws.secret-access-key": aws.parts!.secretKey!,
    });
    const rules = [
      { id: "github.pat-classic", provider: "github" },
      { id: "aws.access-key-id", provider: "aws" },
      { id: "aws.secret-access-key", provider: "aws" },
    ] as never;
    const results = await verifySecrets(
      [
        { id: "GITHUB_TOKEN", value: gh.secret },
        { id: "AWS_ACCESS_KEY_ID", value: aws.secret },
        { id: "AWS_SECRET_ACCESS_KEY", value: aws.parts!.secretKey! },
        { value: "not-a-known-kind-of-secret" },
      ],
      rules,
      matcher,
      specs,
      verifier(),
    );
    expect(results.map((r) => [r.id, r.provider, r.status])).toEqual([
      ["GITHUB_TOKEN", "github", "live"],
      ["AWS_ACCESS_KEY_ID", "aws", "revoked"],
      ["AWS_SECRET_ACCESS_KEY", "aws", "revoked"],
      ["#4", null, "unknown"],
    ]);
    expect(server.seen).toHaveLength(2);
    expect(JSON.stringify(results)).not.toContain(aws.parts!.secretKey!);
  });
});

describe("verify specs", () => {
  const base = { provider: "acme", method: "GET", live: { status: [200] }, revoked: { status: [401] } };
  it.each([
    [{ ...base, url: "https://api.example.com/{{token}}" }, /template names "token"/],
    [{ ...base, url: "http://api.example.com/" }, /verify\.url/],
    [{ ...base, url: "https://{{secret}}.example.com/" }, /host .* may only name parts from env:/],
    [{ ...base, url: "https://api.example.com/", auth: "aws-sigv4" }, /needs region and service/],
    [{ ...base, url: "https://api.example.com/", method: "DELETE" }, /verify\.method/],
  ])("rejects bad spec %#", (spec, message) => {
    expect(() => parseSpec(spec, { file: "detectors/acme.yaml", id: "acme.key" })).toThrow(message);
  });
});
