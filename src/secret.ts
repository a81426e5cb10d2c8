/**
 * A secret value that cannot be printed by accident: toString, toJSON and inspect give the
 * redacted form; reveal() is the only way out (fingerprinting, and --no-redact).
 */
import { inspect } from "node:util";

const VALUE = Symbol("value");

/** Redacted form: at most the first 4 and last 2 characters, only when the value has 16 or more. */
export function redact(value: string): string {
  if (value.length < 16) return "…";
  return `${value.slice(0, 4)}…${value.slice(-2)}`;
}

/** Holds a secret; prints redacted. */
export class Secret {
  private readonly [VALUE]: string;
  constructor(value: string) {
    this[VALUE] = value;
  }
  /** The plaintext; use only to fingerprint or under --no-redact. */
  reveal(): string {
    return this[VALUE];
  }
  get length(): number {
    return this[VALUE].length;
  }
  /** The redacted preview. */
  get redacted(): string {
    return redact(this[VALUE]);
  }
  toString(): string {
    return this.redacted;
  }
  toJSON(): string {
    return this.redacted;
  }
  [inspect.custom](): string {
    return `Secret(${this.redacted})`;
  }
}
