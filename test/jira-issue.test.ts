import { describe, expect, it } from "vitest";
import { issueItems, siteOf } from "../src/sources/jira/issue.js";
import { buildJql, jiraScope } from "../src/sources/jira/query.js";
import { parseTarget } from "../src/sources/target.js";

const scopeOf = (spec: string) => jiraScope(parseTarget(`jira:${spec}`).target);

const cx = { source: "jira" as const, site: "https://acme.example" };

describe("Jira issue chunks", () => {
  it("reports a changelog value once, and not at all while the field still holds it", () => {
    const chunks = issueItems(
      {
        key: "ACME-7",
        fields: { description: "intro\nkept line" },
        changelog: {
          histories: [
            {
              id: "2",
              created: "2024-01-02T00:00:00.000+0000",
              items: [
                {
                  field: "description",
                  fromString: "intro\ngone line\nkept line",
                  toString: "intro\nkept line",
                },
              ],
            },
            {
              id: "1",
              created: "2024-01-01T00:00:00.000+0000",
              items: [{ field: "description", fromString: "intro", toString: "intro\ngone line\nkept line" }],
            },
          ],
        },
      },
      cx,
    );
    const log = chunks.filter((c) => c.provenance.field === "changelog");
    expect(log.map((c) => [c.provenance.changelog, c.text])).toEqual([["1", "gone line"]]);
  });

  it("reads Server/DC string fields and skips fields that hold no text", () => {
    const chunks = issueItems(
      {
        key: "OPS-1",
        fields: {
          summary: "s",
          environment: null,
          customfield_1: 3,
          customfield_2: "free text",
          comment: { comments: [{ id: "9", body: "{code}x{code}" }] },
        },
      },
      cx,
    );
    expect(chunks.map((c) => c.provenance.field)).toEqual(["summary", "customfield_2", "comment"]);
    expect(chunks[2]!.provenance.uri).toBe("https://acme.example/browse/OPS-1?focusedCommentId=9");
  });

  it.each([
    ["https://acme.atlassian.net/rest/api/3/issue/10001", "https://acme.atlassian.net"],
    ["https://jira.corp/jira/rest/api/2/issue/1", "https://jira.corp/jira"],
    [undefined, undefined],
  ])("finds the site of self URL %#", (self, want) => expect(siteOf(self)).toBe(want));
});

describe("Jira targets", () => {
  it.each([
    ["https://acme.atlassian.net", 'updated >= "1970/01/01 00:00" ORDER BY updated ASC, key ASC'],
    [
      "https://acme.atlassian.net/?jql=project=OPS order by created",
      "(project=OPS) ORDER BY updated ASC, key ASC",
    ],
    [
      "https://acme.atlassian.net?jql=project%3DOPS&since=2024-05-02",
      '(project=OPS) AND updated >= "2024/05/01 00:00" ORDER BY updated ASC, key ASC',
    ],
  ])("builds the JQL of target %#", (spec, want) => expect(buildJql(scopeOf(spec))).toBe(want));

  it("keeps a context path in the site and rejects unknown parameters", () => {
    expect(scopeOf("https://jira.corp/jira/?jql=x").site).toBe("https://jira.corp/jira");
    expect(() => scopeOf("https://a.example?project=X")).toThrow(/unknown parameter "project"/);
  });
});
