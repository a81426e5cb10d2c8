/** maskUrls: user-info and token-like query parameters of URLs in any text (issue 11). */
import { describe, expect, it } from "vitest";
import { maskUrls, maskValues } from "../src/mask-url.js";

describe("maskUrls", () => {
  it.each([
    ["git:https://oauth2:T0KEN@gitlab.example/acme/app.git", "git:https://***@gitlab.example/acme/app.git"],
    ["jira:https://bob@acme.example:T0KEN@site.example", "jira:https://***@site.example"],
    ["https://u:p@h.example/a@b", "https://***@h.example/a@b"],
    [
      "fatal: unable to access 'https://x:y@h.example/r.git/': 403",
      "fatal: unable to access 'https://***@h.example/r.git/': 403",
    ],
    ["https://h.example/r.git?private_token=T0KEN&x=1", "https://h.example/r.git?private_token=***&x=1"],
    [
      "https://s3.example/o?X-Amz-Signature=abc&X-Amz-Credential=def",
      "https://s3.example/o?X-Amz-Signature=***&X-Amz-Credential=***",
    ],
    ["slack:?token=xoxb-1&channels=C1", "slack:?token=***&channels=C1"],
    ["https://h.example/cb?code=abc&state=s", "https://h.example/cb?code=***&state=s"],
    [
      "https://acme.slack.com/archives/C1/p1?thread_ts=1.2&cid=C1",
      "https://acme.slack.com/archives/C1/p1?thread_ts=1.2&cid=C1",
    ],
    ["jira:https://acme.atlassian.net?jql=project=OPS", "jira:https://acme.atlassian.net?jql=project=OPS"],
    ["git@github.com:acme/app.git", "git@github.com:acme/app.git"],
    ["no url here", "no url here"],
  ])("case %#", (input, masked) => {
    expect(maskUrls(input)).toBe(masked);
  });

  it("masks only URL-valued strings of a location", () => {
    const loc = { source: "har", path: "a&key=b.har", url: "https://h.example/?api_key=K", entry: 3 };
    expect(maskValues(loc)).toEqual({ ...loc, url: "https://h.example/?api_key=***" });
    const same = { source: "fs", path: "x" };
    expect(maskValues(same)).toBe(same);
  });
});
