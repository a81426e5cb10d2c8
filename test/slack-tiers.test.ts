import { afterEach, describe, expect, it } from "vitest";
import { slackClient } from "../src/sources/slack/api.js";
import { type Clock, TierLimiter } from "../src/sources/slack/tiers.js";
import { startFakeSlack } from "./helpers/fake-slack.mjs";
import { smallWorkspace } from "./helpers/slack-data.js";

/** A clock that advances only when slept on. */
function fakeClock(): Clock & { t: number } {
  const c = {
    t: 0,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
    },
  };
  return c;
}

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("Slack rate tiers", () => {
  it("lets a burst through, then paces a method at its tier's rate", async () => {
    const clock = fakeClock();
    const lim = new TierLimiter({ "conversations.history": 60 }, clock, 2);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) waits.push(await lim.take("conversations.history"));
    expect(waits).toEqual([0, 0, 1000, 1000, 1000]);
    expect(clock.t).toBe(3000);
  });

  it("refills while idle, and leaves methods without a tier alone", async () => {
    const clock = fakeClock();
    const lim = new TierLimiter({ "conversations.list": 20 }, clock, 1);
    expect(await lim.take("conversations.list")).toBe(0);
    clock.t += 3000;
    expect(await lim.take("conversations.list")).toBe(0);
    expect(await lim.take("conversations.list")).toBe(3000);
    expect(await lim.take("users.list")).toBe(0);
  });

  it("paces every Web API call through the limiter", async () => {
    const server = await startFakeSlack(smallWorkspace(), { token: "xoxb-t" });
    servers.push(server);
    const taken: string[] = [];
    const limiter = new TierLimiter({}, fakeClock());
    limiter.take = async (m: string) => {
      taken.push(m);
      return 0;
    };
    const client = slackClient("xoxb-t", server.apiUrl, { limiter });
    await client.auth.test();
    await client.conversations.list({});
    expect(taken).toEqual(["auth.test", "conversations.list"]);
  });
});
