import { describe, expect, it } from "vitest";
import { loadCatalog } from "../src/detectors/index.js";
import { innerLiteral } from "../src/match/inner-literal.js";
import { compilePatterns, compileRule } from "../src/match/patterns.js";
import { ruleShape } from "../src/match/rule.js";
import { rule } from "./helpers/rule.js";

const text = [
  "DEPLOY_TOKEN=tok_0a9B8c7D6e5F4g3H2i1J",
  'url = "https://deploy:Zq81mVx0pLw2@db.corp.internal/app"',
  "nothing here",
].join("\n");

describe("compiled-catalog rules build their regexes when they first run", () => {
  it("0: a rule with a shape finds what the same rule without one finds, groups included", () => {
    const plain = rule({
      id: "lazy.token",
      pattern: "(?<name>DEPLOY_TOKEN)=(?<secret>tok_[A-Za-z0-9]{20})",
      keywords: ["tok_"],
    });
    const shaped = { ...plain, shape: ruleShape(plain) };
    const found = (r: typeof plain) => compilePatterns([r]).find(text, "app.env");
    expect(found(plain).length).toBe(1);
    expect(found(shaped)).toEqual(found(plain));
    expect(compileRule(shaped).hasContext).toBe(true);
    expect(compileRule(shaped).re.flags).toBe(compileRule(plain).re.flags);
  });

  it("1: a rule without a shape (a user's) is still checked when it is compiled", () => {
    const bad = rule({ id: "lazy.bad", pattern: "(?<secret>[a-z", keywords: ["x"] });
    expect(() => compileRule(bad)).toThrow(/pattern does not compile/);
  });

  it("2: the built-in catalog finds the same with lazy and eager regexes", async () => {
    const rules = await loadCatalog([], { lean: true });
    const shaped = rules.map((r) => ({ ...r, shape: r.shape ?? ruleShape(r) }));
    const unshaped = rules.map(({ shape: _, ...r }) => r);
    const lazy = compilePatterns(shaped).find(text, "app.env");
    expect(lazy.length).toBeGreaterThan(0);
    expect(lazy).toEqual(compilePatterns(unshaped).find(text, "app.env"));
  });

  it("3: the compiled shape carries a rule's inner literal, or says it has none", () => {
    const url = rule({
      id: "lazy.url",
      pattern: "\\b[a-z][a-z0-9+.-]{1,20}://(?<user>[^:@/\\s]+):(?<secret>[^@/\\s]{6,64})@",
      keywords: ["://"],
    });
    const shaped = { ...url, shape: ruleShape(url) };
    expect(shaped.shape.inner).toEqual(innerLiteral(url.pattern, "", url.keywords));
    expect(shaped.shape.inner?.literal).toBe("://");
    expect(compileRule(shaped).inner).toEqual(shaped.shape.inner);
    expect(compileRule(url).inner).toBeUndefined(); // read when it first runs
    const plain = rule({ id: "lazy.plain", pattern: "key=(?<secret>[a-z0-9]{20,})", keywords: ["key="] });
    expect(compileRule({ ...plain, shape: ruleShape(plain) }).inner ?? null).toBeNull();
    expect(compilePatterns([shaped]).find(text, "app.env")).toEqual(
      compilePatterns([url]).find(text, "app.env"),
    );
  });

  it("4: a path-aware rule's globs come compiled: the same items pass with and without a shape", () => {
    const paths = [".env", "*.env", "config/credentials/*.key", "shadow-"];
    const scoped = rule({ id: "lazy.paths", pattern: "(?<secret>[a-f0-9]{32})", keywords: [], paths });
    const shaped = { ...scoped, shape: ruleShape(scoped) };
    expect(shaped.shape.paths?.base).toBeDefined();
    expect(shaped.shape.paths?.tail).toBeDefined();
    const fromShape = compileRule(shaped).onPath!;
    const fromGlobs = compileRule(scoped).onPath!;
    const items = [".env", "app/prod.env", "a/config/credentials/production.key", "credentials/x.key"];
    const more = ["etc/shadow-", "x.zip!inner/.env", "notes.txt", "env", "config\\credentials\\dev.key"];
    for (const p of [...items, ...more]) expect(fromShape(p), p).toBe(fromGlobs(p));
    expect([...items, ...more].filter(fromShape)).toEqual([
      ".env",
      "app/prod.env",
      "a/config/credentials/production.key",
      "etc/shadow-",
      "x.zip!inner/.env",
      "config\\credentials\\dev.key",
    ]);
  });
});
