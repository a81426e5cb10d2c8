/** Liveness checks of found and compromised secrets (issue #8): specs as data, one verifier. */
export { classify, scrub, type Verification, type VerificationStatus } from "./classify.js";
export { isVerifiable, verifyFindings } from "./findings.js";
export { type PlanItem, type PlannedCheck, planChecks } from "./plan.js";
export { type BuiltRequest, buildRequest, fillTemplate, targetUrl } from "./request.js";
export { inputsAsEnv, type SecretResult, type SecretToCheck, verifySecrets } from "./secrets.js";
export {
  type Outcome,
  parseSpec,
  requiredParts,
  type Spec,
  specProviders,
  specsOf,
  specUrls,
} from "./spec.js";
export { Verifier, type VerifierOptions, type VerifyInput } from "./verifier.js";
