/**
 * Public entry of core/codes: one-time codes and their policies, the sealer of in-flight states,
 * and the codes' sweep hook. Other modules import only this file (decision 0010 §1.2).
 */
export {
  activationCodeSms,
  type CodePolicy,
  emailValidationCode,
  mobileValidationCode,
} from './codePolicies.ts';
export {
  deriveCodeKey,
  type IssueResult,
  OneTimeCodes,
  typedCode,
  type VerifyResult,
} from './oneTimeCode.ts';
export { createSealer, loginStateBinding, type Sealer } from './sealed.ts';
export { sweepCodes } from './sweep.ts';
