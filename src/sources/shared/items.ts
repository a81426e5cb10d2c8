/** Helpers for sources that build items from API records (messages, issues). */
import type { Item } from "../../types.js";

/** The characters of the text items: what a message or issue counts as read (bytes count themselves). */
export function textLength(items: readonly Item[]): number {
  let n = 0;
  for (const i of items) if ("text" in i) n += i.text.length;
  return n;
}
