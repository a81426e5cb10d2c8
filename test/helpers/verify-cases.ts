import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { DetectorRule } from "../../src/detectors/types.js";
import { type Spec, specsOf } from "../../src/verify/index.js";
import { fakeSecret } from "./literal-matcher.js";
import type { SeenRequest } from "./verify-server.js";

/** The verification specs of the built-in catalog (detectors/*.yaml, read as plain YAML), by rule id. */
export async function catalogSpecs(): Promise<Map<string, Spec>> {
  const dir = path.join(import.meta.dirname, "../../detectors");
  const rules = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((f) => parse(readFileSync(path.join(dir, f), "utf8")) as DetectorRule[]);
  return specsOf(rules);
}

const hex = (n: number) =>
  fakeSecret("", n * 2)
    .replace(/[^a-f0-9]/g, "a")
    .slice(0, n);
const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;
const bearer = (s: string) => (r: SeenRequest) => r.headers.authorization === `Bearer ${s}`;
const GENERIC_403 = '{"message":"Forbidden"}';

/** One provider as the tests imitate it: the request it expects and its live/revoked answers. */
export interface ProviderCase {
  rule: string;
  provider: string;
  secret: string;
  parts?: Record<string, string>;
  /** Environment the check reads (`env:` parts). */
  env?: Record<string, string>;
  method: string;
  path: string;
  /** True when the request carries the secret where the provider expects it. */
  auth: (r: SeenRequest) => boolean;
  live: { status: number; body: string };
  revoked: { status: number; body: string };
  /** What a plain 403 means for this provider. */
  forbidden: "live" | "revoked" | "unknown";
}

const ok = { status: 200, body: '{"id":1}' };
const unauthorized = { status: 401, body: '{"message":"Bad credentials"}' };

/** Builds the table of imitated providers (fresh fake secrets each call). */
export function providerCases(): ProviderCase[] {
  const s = (prefix: string, n = 36) => fakeSecret(prefix, n);
  const gh = s("ghp_");
  const gl = s("glpat-", 20);
  const slack = s("xoxb-fake-", 24);
  const stripe = s("sk_live_", 24);
  const sg = `SG.${fakeSecret("", 22)}.${fakeSecret("", 43)}`;
  const twSid = `AC${hex(32)}`;
  const twTok = hex(32);
  const mg = `key-${hex(32)}`;
  const oa = s("sk-proj-", 48);
  const an = s("sk-ant-api03-", 93);
  const hf = s("hf_", 34);
  const npm = s("npm_", 36);
  const heroku = `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
  const dop = `dop_v1_${hex(64)}`;
  const cf = s("", 40);
  const dd = hex(32);
  const sentry = s("sntryu_", 64);
  const atl = s("ATATT3xFfGF0", 180);
  const ghs = s("ghs_");
  const glrt = s("glrt-", 24);
  const simple = (provider: string, rule: string, path: string, header: string, prefix = "fake_") => {
    const v = s(prefix, 40);
    return c({ rule, provider, secret: v, method: "GET", path, auth: (r) => r.headers[header] === v });
  };
  const bearerCase = (provider: string, rule: string, path: string) => {
    const v = s("fake_", 40);
    return c({ rule, provider, secret: v, method: "GET", path, auth: bearer(v) });
  };
  const goog = s("AIza", 35);
  const akid = `AKIA${fakeSecret("", 16)
    .toUpperCase()
    .replace(/[^A-Z2-7]/g, "Q")}`;
  const aksec = s("", 40);
  const tg = `123456789:${s("AA", 33)}`;
  const disc = s("MTA", 56);
  const notion = s("ntn_", 46);
  const c = (
    x: Omit<ProviderCase, "live" | "revoked" | "forbidden"> & Partial<ProviderCase>,
  ): ProviderCase => ({
    live: ok,
    revoked: unauthorized,
    forbidden: "unknown",
    ...x,
  });
  return [
    c({
      rule: "github.pat-classic",
      provider: "github",
      secret: gh,
      method: "GET",
      path: "/user",
      auth: bearer(gh),
    }),
    c({
      rule: "gitlab.personal-access-token",
      provider: "gitlab",
      secret: gl,
      method: "GET",
      path: "/api/v4/personal_access_tokens/self",
      auth: (r) => r.headers["private-token"] === gl,
      forbidden: "live",
    }),
    c({
      rule: "slack.bot-token",
      provider: "slack",
      secret: slack,
      method: "POST",
      path: "/api/auth.test",
      auth: bearer(slack),
      live: { status: 200, body: '{"ok":true,"team":"T","user":"bot"}' },
      revoked: { status: 200, body: '{"ok":false,"error":"invalid_auth"}' },
    }),
    c({
      rule: "stripe.secret-key",
      provider: "stripe",
      secret: stripe,
      method: "GET",
      path: "/v1/balance",
      auth: bearer(stripe),
      forbidden: "live",
    }),
    c({
      rule: "sendgrid.api-key",
      provider: "sendgrid",
      secret: sg,
      method: "GET",
      path: "/v3/scopes",
      auth: bearer(sg),
    }),
    c({
      rule: "twilio.auth-token",
      provider: "twilio",
      secret: twTok,
      parts: { sid: twSid },
      method: "GET",
      path: `/2010-04-01/Accounts/${twSid}.json`,
      auth: (r) => r.headers.authorization === basic(twSid, twTok),
    }),
    c({
      rule: "mailgun.api-key",
      provider: "mailgun",
      secret: mg,
      method: "GET",
      path: "/v3/domains",
      auth: (r) => r.headers.authorization === basic("api", mg),
    }),
    c({
      rule: "openai.api-key",
      provider: "openai",
      secret: oa,
      method: "GET",
      path: "/v1/models",
      auth: bearer(oa),
    }),
    c({
      rule: "anthropic.api-key",
      provider: "anthropic",
      secret: an,
      method: "GET",
      path: "/v1/models",
      auth: (r) => r.headers["x-api-key"] === an && r.headers["anthropic-version"] === "2023-06-01",
    }),
    c({
      rule: "huggingface.access-token",
      provider: "huggingface",
      secret: hf,
      method: "GET",
      path: "/api/whoami-v2",
      auth: bearer(hf),
    }),
    c({
      rule: "npm.access-token",
      provider: "npm",
      secret: npm,
      method: "GET",
      path: "/-/whoami",
      auth: bearer(npm),
    }),
    c({
      rule: "heroku.api-key",
      provider: "heroku",
      secret: heroku,
      method: "GET",
      path: "/account",
      auth: (r) => bearer(heroku)(r) && String(r.headers.accept).includes("version=3"),
    }),
    c({
      rule: "digitalocean.personal-token",
      provider: "digitalocean",
      secret: dop,
      method: "GET",
      path: "/v2/account",
      auth: bearer(dop),
    }),
    c({
      rule: "cloudflare.api-token",
      provider: "cloudflare",
      secret: cf,
      method: "GET",
      path: "/client/v4/user/tokens/verify",
      auth: bearer(cf),
      live: { status: 200, body: '{"success":true,"result":{"id":"x","status":"active"}}' },
      revoked: {
        status: 401,
        body: '{"success":false,"errors":[{"code":1000,"message":"Invalid API Token"}]}',
      },
    }),
    c({
      rule: "datadog.api-key",
      provider: "datadog",
      secret: dd,
      method: "GET",
      path: "/api/v1/validate",
      auth: (r) => r.headers["dd-api-key"] === dd,
      live: { status: 200, body: '{"valid":true}' },
      revoked: { status: 403, body: '{"errors":["Forbidden"]}' },
      forbidden: "revoked",
    }),
    c({
      rule: "sentry.user-token",
      provider: "sentry",
      secret: sentry,
      method: "GET",
      path: "/api/0/organizations/",
      auth: bearer(sentry),
      forbidden: "live",
    }),
    c({
      rule: "atlassian.api-token",
      provider: "atlassian",
      secret: atl,
      env: { ATLASSIAN_EMAIL: "responder@example.com", ATLASSIAN_SITE: "acme.atlassian.net" },
      method: "GET",
      path: "/rest/api/3/myself",
      auth: (r) => r.headers.authorization === basic("responder@example.com", atl),
    }),
    c({
      rule: "gcp.api-key",
      provider: "gcp",
      secret: goog,
      method: "GET",
      path: `/maps/api/geocode/json?address=residue&key=${goog}`,
      auth: (r) => new URL(r.path, "http://x").searchParams.get("key") === goog,
      live: { status: 200, body: '{"results":[],"status":"ZERO_RESULTS"}' },
      revoked: {
        status: 200,
        body: '{"error_message":"The provided API key is invalid. ","results":[],"status":"REQUEST_DENIED"}',
      },
    }),
    c({
      rule: "aws.access-key-id",
      provider: "aws",
      secret: akid,
      parts: { secretKey: aksec },
      method: "POST",
      path: "/",
      auth: (r) =>
        new RegExp(
          `^AWS4-HMAC-SHA256 Credential=${akid}/\\d{8}/us-east-1/sts/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$`,
        ).test(String(r.headers.authorization)) && r.body === "Action=GetCallerIdentity&Version=2011-06-15",
      live: {
        status: 200,
        body: "<GetCallerIdentityResponse><Arn>arn:aws:iam::1:user/x</Arn></GetCallerIdentityResponse>",
      },
      revoked: {
        status: 403,
        body: "<ErrorResponse><Error><Code>InvalidClientTokenId</Code></Error></ErrorResponse>",
      },
    }),
    c({
      rule: "telegram.bot-token",
      provider: "telegram",
      secret: tg,
      method: "GET",
      path: `/bot${tg}/getMe`,
      auth: (r) => r.path.endsWith(`/bot${tg}/getMe`),
      live: { status: 200, body: '{"ok":true,"result":{"id":1,"is_bot":true}}' },
      revoked: { status: 401, body: '{"ok":false,"error_code":401,"description":"Unauthorized"}' },
    }),
    c({
      rule: "discord.bot-token",
      provider: "discord",
      secret: disc,
      method: "GET",
      path: "/api/v10/users/@me",
      auth: (r) => r.headers.authorization === `Bot ${disc}`,
    }),
    c({
      rule: "notion.integration-token",
      provider: "notion",
      secret: notion,
      method: "GET",
      path: "/v1/users/me",
      auth: (r) => bearer(notion)(r) && r.headers["notion-version"] === "2022-06-28",
    }),
    c({
      rule: "github.server-to-server-token",
      provider: "github",
      secret: ghs,
      method: "GET",
      path: "/installation/repositories?per_page=1",
      auth: bearer(ghs),
    }),
    c({
      rule: "gitlab.runner-token",
      provider: "gitlab",
      secret: glrt,
      method: "POST",
      path: "/api/v4/runners/verify",
      auth: (r) => r.body === `token=${glrt}` && !r.headers.authorization,
      revoked: { status: 403, body: '{"message":"403 Forbidden"}' },
      forbidden: "revoked",
    }),
    bearerCase("groq", "groq.api-key", "/openai/v1/models"),
    bearerCase("netlify", "netlify.personal-token", "/api/v1/user"),
    simple("circleci", "circleci.personal-token", "/api/v2/me", "circle-token", "CCIPAT_"),
    simple("postmark", "postmark.server-token", "/server", "x-postmark-server-token"),
    bearerCase("square", "square.access-token", "/v2/locations"),
    simple("fastly", "fastly.api-token", "/tokens/self", "fastly-key"),
    bearerCase("replicate", "replicate.api-token", "/v1/account"),
    bearerCase("render", "render.api-key", "/v1/owners?limit=1"),
    bearerCase("apify", "apify.api-token", "/v2/users/me"),
    bearerCase("calendly", "calendly.api-token", "/users/me"),
    simple("cloudsmith", "cloudsmith.api-key", "/v1/user/self/", "x-api-key"),
    simple("clockify", "clockify.api-key", "/api/v1/user", "x-api-key"),
    simple("lokalise", "lokalise.api-token", "/api2/projects?limit=1", "x-api-token"),
  ];
}

export { GENERIC_403 };
