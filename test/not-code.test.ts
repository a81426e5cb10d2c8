import { describe, expect, it } from "vitest";
import { isNotCode } from "../src/match/validators/not-code.js";

describe("the not-code validator (generic assignments of one variable to another)", () => {
  it.each([
    "asn1Validator.privateKeyValidator",
    "result.groups?.password",
    "createOAuth2AuthenticationToken",
    "fts5CreateTokenizer_v2",
    "helpers.refreshOAuth2Token",
    "type2.declaration.questionToken",
    "pki.privateKeyToRSAPrivateKey",
  ])("code value %# is rejected", (value) => expect(isNotCode(value)).toBe(false));

  it.each([
    "MHAAv2HvJcae3",
    "bDba2J#ZqnkVi0",
    "GDBL9wCKDB7!vw2u",
    "a8f9c0e1d2b3c4d5e6f7a8b9",
    "Rp0mlFK4R8GF7AFTn2LP.Cs_AveX_KGKzA27",
  ])("random-looking value %# is kept", (value) => expect(isNotCode(value)).toBe(true));
});
