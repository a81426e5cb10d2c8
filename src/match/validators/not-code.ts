/**
 * Generic assignment rules (`token = …`, `password: …`) also match code that assigns one
 * variable to another: `privateKey = asn1Validator.privateKeyValidator`, `token =
 * fts5CreateTokenizer_v2`. A value made only of identifier words (camel or Pascal case, digits
 * at word ends), joined by `.`, `?.` or `_`, is code, not a secret: random tokens break that
 * shape (runs of capitals, digits inside words) almost always.
 */

// camelCase or PascalCase words, an acronym of up to 3 capitals allowed before a word (OAuth2Token),
// and the short words identifiers are glued with (privateKeyToAsn1, userIdOf)
const CAP_WORD = "(?:[A-Z]{1,3}(?=[A-Z][a-z]))?(?:[A-Z][a-z]{2,}|To|Of|By|In|On|At|Or|As|Is|If|Id|Up)\\d*";
const WORD = new RegExp(`^(?:[a-z]+\\d*(?:${CAP_WORD})*|(?:${CAP_WORD})+|[A-Z]+\\d*|\\d+)$`);
const SEPARATORS = /\?\.|\.|_/;

/** True unless the value is a dotted or underscored path of identifier words (then it is code). */
export function isNotCode(value: string): boolean {
  const segments = value.split(SEPARATORS);
  const words = segments.filter((s) => s.length > 0);
  if (words.length < 2 && !/[a-z][A-Z]/.test(value)) return true;
  if (!words.every((w) => WORD.test(w))) return true;
  // at least one real word (a vowel in 3+ letters): "a1.b2" style tokens stay candidates
  return !words.some((w) => /[A-Za-z]{3,}/.test(w) && /[aeiouAEIOU]/.test(w));
}
