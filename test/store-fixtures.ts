/** Synthetic findings for the store, report and HTML tests: fictional secrets, many systems. */
import { keyedHash } from "../src/fingerprint.js";
import { Secret } from "../src/secret.js";
import type { Finding, Provenance } from "../src/types.js";
import { fakeSecret } from "./helpers/literal-matcher.js";

/** A finding of `secretId` at a place; the id is derived from the place, as the scan does. */
export function copyAt(
  secretId: string,
  value: string,
  provenance: Provenance,
  line = 1,
  uri?: string,
): Finding {
  return {
    id: keyedHash("test", secretId, JSON.stringify(provenance), String(line)),
    target: TARGETS[provenance.source] ?? "/srv",
    item: provenance.path ?? provenance.source,
    kind: "known",
    secretId,
    secretKey: `known:${secretId}`,
    form: "plain",
    match: "exact",
    coverage: 1,
    provenance,
    line,
    column: 1,
    uri: uri ?? `${provenance.path ?? provenance.source}:${line}:1`,
    secret: new Secret(value),
  };
}

/** The sweep target that would have found a copy of each source. */
const TARGETS: Record<string, string> = {
  git: "git:/srv/repos/infra",
  slack: "slack:?channels=deploys",
  jira: "jira:https://example.atlassian.invalid",
  logs: "logs:/var/ci/logs",
  har: "har:/captures",
};

/** The sweep target that would have found a copy. */
export function targetOf(f: Finding): string {
  return f.target;
}

/** Two compromised secrets with copies in a repository, Slack, Jira, a log store and a HAR capture. */
export function incidentCopies(
  ci = fakeSecret("fake_ci_", 30),
  db = fakeSecret("fake_db_", 30),
): { secrets: string[]; copies: Finding[] } {
  const copies = [
    copyAt(
      "ci-deploy-token",
      ci,
      { source: "git", path: "deploy/env.sh", commit: "a1b2c3d4" },
      4,
      "a1b2c3d4:deploy/env.sh:4",
    ),
    copyAt("ci-deploy-token", ci, { source: "git", path: ".env", commit: "e5f6a7b8" }, 2, "e5f6a7b8:.env:2"),
    copyAt(
      "ci-deploy-token",
      ci,
      { source: "slack", channel: "C024BE91L", channelName: "deploys", ts: "1700000000.000100" },
      1,
      "https://example.slack.invalid/archives/C024BE91L/p1700000000000100",
    ),
    copyAt(
      "ci-deploy-token",
      ci,
      { source: "jira", issue: "OPS-42", field: "description" },
      3,
      "https://example.atlassian.invalid/browse/OPS-42",
    ),
    copyAt("ci-deploy-token", ci, { source: "logs", path: "/var/ci/logs/build-118.log" }, 977),
    copyAt(
      "db-password",
      db,
      { source: "har", path: "/captures/login.har", entry: 3, field: "request.headers" },
      12,
    ),
    copyAt("db-password", db, { source: "logs", path: "/var/ci/logs/build-120.log" }, 31),
  ];
  return { secrets: [ci, db], copies };
}
