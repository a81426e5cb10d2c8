/** jenkins: what a target URL names: the server's base (context path kept), the job path, credentials. */
import { describe, expect, it } from "vitest";
import { artifactUrl, jobUrl, parseJenkinsUrl } from "../src/sources/jenkins/url.js";

describe("jenkins: target URLs", () => {
  it("splits the base (with a context path) from the job path; view segments are dropped", () => {
    expect(parseJenkinsUrl("https://ci.example/jenkins/job/team/view/all/job/app/")).toEqual({
      base: "https://ci.example/jenkins",
      job: ["team", "app"],
    });
    expect(parseJenkinsUrl("http://ci.example:8080")).toEqual({ base: "http://ci.example:8080", job: [] });
    expect(parseJenkinsUrl("https://ci.example/view/Prod/")).toEqual({ base: "https://ci.example", job: [] });
  });

  it("takes credentials out of the URL and keeps encoded job names (multibranch branches) round-trip", () => {
    const u = parseJenkinsUrl("https://me:t%40k@ci.example/job/my%20job/job/feature%252Fx");
    expect(u).toEqual({
      base: "https://ci.example",
      job: ["my job", "feature%2Fx"],
      user: "me",
      password: "t@k",
    });
    expect(jobUrl(u.base, u.job)).toBe("https://ci.example/job/my%20job/job/feature%252Fx");
    expect(artifactUrl(`${jobUrl(u.base, u.job)}/3`, "out dir/a#1.zip")).toBe(
      "https://ci.example/job/my%20job/job/feature%252Fx/3/artifact/out%20dir/a%231.zip",
    );
  });

  it("refuses a build's or a page's URL, and what is no http(s) URL", () => {
    expect(() => parseJenkinsUrl("https://ci.example/job/app/12/console")).toThrow(/not a build's/);
    expect(() => parseJenkinsUrl("https://ci.example/job/app/lastBuild")).toThrow(/no job/);
    expect(() => parseJenkinsUrl("ssh://ci.example/job/app")).toThrow(/http/);
    expect(() => parseJenkinsUrl("ci.example/job/app")).toThrow(/HOST/);
  });
});
