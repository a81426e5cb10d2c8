/** Structural context: the user, host, port and e-mail beside a credential in its block. */
import { describe, expect, it } from "vitest";
import { keyLine, splitKey } from "../src/match/context-lines.js";
import { structuralContext, withStructure } from "../src/match/context-structure.js";

const SECRET = "Zq8vW3nKp7Rt";

/** The context of the last copy of SECRET in a text. */
function around(text: string) {
  const at = text.lastIndexOf(SECRET);
  return structuralContext(text, at, at + SECRET.length);
}

describe("structural context", () => {
  it("case 0: reads sibling elements of the same XML block, not the next block's", () => {
    const block = (host: string, user: string, pass: string) =>
      `\t<Server>\n\t\t<!-- a comment -->\n\t\t<Host>${host}</Host>\n\t\t<Port>21</Port>\n\t\t<User>${user}</User>\n\t\t<Pass encoding="base64">${pass}</Pass>\n\t\t<Comments />\n\t</Server>\n`;
    const xml = `<Servers>\n${block("ftp.one.test", "ann", SECRET)}${block("ftp.two.test", "bob", "other")}</Servers>\n`;
    expect(around(xml)).toEqual({ host: "ftp.one.test", port: "21", user: "ann" });
  });

  it("case 1: reads keys of the same JSON object at the same depth", () => {
    const json = `{\n  "host": "sftp.example.net",\n  "opts": {\n    "user": "nested"\n  },\n  "username": "deploy",\n  "password": "${SECRET}",\n  "port": 22\n}\n`;
    expect(around(json)).toEqual({ host: "sftp.example.net", user: "deploy", port: "22" });
  });

  it("case 2: in .env files takes keys of the same prefix only, across blank lines", () => {
    const env = `DB_HOST=db.internal\nMAIL_HOST=smtp.example.net\n\n# the database\nDB_USERNAME=app\nDB_DATABASE=orders\nDB_PASSWORD=${SECRET}\nMAIL_USERNAME=mailer\n`;
    expect(around(env)).toEqual({ host: "db.internal", user: "app", database: "orders" });
  });

  it("case 3: reads line formats with space separators, and stops at a blank line without a prefix", () => {
    const rc = `hostname smtp.example.net:587\n\nidentity "ops@example.net"\nusername "ops"\npassword "${SECRET}"\n`;
    expect(around(rc)).toEqual({ email: "ops@example.net", user: "ops" });
  });

  it("case 4: stays in an INI section", () => {
    const ini = `[one]\nhost = a.internal\n[two]\nhost = b.internal\npassword = ${SECRET}\n`;
    expect(around(ini)).toEqual({ host: "b.internal" });
  });

  it("case 5: drops user-info from a host URL, a token-shaped value and a value that holds the secret", () => {
    const env = `DB_HOST=postgres://app:hunter2@db.internal:5432\nDB_USER=x${SECRET}\nDB_LOGIN=k7Hq2Lm9Vx4Rt8Pw3Zs6Yb\nDB_PASS=${SECRET}\n`;
    expect(around(env)).toEqual({ host: "postgres://db.internal:5432" });
  });

  it("case 6: gives nothing for a value that is not a field's value, or a host field itself", () => {
    expect(around(`host=a.internal\nsee ${SECRET} here\n`)).toBeUndefined();
    expect(around(`user=a\nhost=${SECRET}\n`)).toBeUndefined();
    expect(around(`{"host":"a","password":"${SECRET}"}`)).toBeUndefined();
    expect(around(`host=a\npassword=${SECRET}${" ".repeat(500)}\n`)).toBeUndefined();
  });

  it("case 7: keeps the rule's own context first", () => {
    const text = `host=a.internal\nuser=app\npassword=${SECRET}\n`;
    const at = text.indexOf(SECRET);
    expect(withStructure({ host: "b.internal" }, text, at, at + SECRET.length)).toEqual({
      host: "b.internal",
      user: "app",
    });
  });
});

describe("key lines", () => {
  it("reads keys and value offsets in each format", () => {
    const kv = (line: string) => {
      const k = keyLine(line);
      return k && [k.key, line.slice(k.from, k.to), k.indent, k.xml];
    };
    expect(kv("export DB_HOST='db'")).toEqual(["DB_HOST", "db", 0, false]);
    expect(kv('    "port": 22,')).toEqual(["port", "22", 4, false]);
    expect(kv("\t<User>root</User>")).toEqual(["User", "root", 1, true]);
    expect(kv("hostname smtp.example.net:587")).toEqual(["hostname", "smtp.example.net:587", 0, false]);
    expect(kv('  "opts": {')).toBeUndefined();
    expect(splitKey("spring.datasource.Username")).toEqual({
      prefix: "spring.datasource.",
      word: "username",
    });
  });
});
