/** Provider-shaped fake keys for tests that run the real catalog: well-formed, never issued. */
import { mulberry32 } from "../../fixtures/prng.mjs";

/** A Stripe-shaped live key (sk_live_ + 32 characters) from the seeded PRNG. */
export function fakeStripeKey(seed: number): string {
  const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const rnd = mulberry32(seed);
  let s = "sk_live_";
  for (let i = 0; i < 32; i++) s += abc[Math.floor(rnd() * abc.length)];
  return s;
}
