/**
 * The spec rules the reference terminal consults by name (issue 15): PBOC POS (JR/T 0025.6, EMV Book 3/4),
 * SSSE reader API (LD/T 33, 社会保障卡规范 part 7, part 8) and its medical operations (sc_reader §8.1.3).
 * Each default is what the spec requires; a terminal defect of kind `rule` (reference-terminal/defects.ts)
 * overrides it. The terminal code reads `rules.<rule>` and never names a defect.
 */
export const TERMINAL_SPEC_RULES = {
  // ---- terminal ----
  /** JR/T 0025.5 annex A. */
  amountInFen: true,
  /** JR/T 0025.13 §7.4.2. */
  offerEc: true,
  /** JR/T 0025.17 §5, §10.3. */
  supportSm: true,
  /** JR/T 0025.5 §14.2 table 31: the terminal's own country code 9F1A in CDOL1. */
  terminalCountryInCdol: true,
  /** JR/T 0025.5 §6.4.1. */
  readPse: true,
  /** JR/T 0025.5 §6.4.2. */
  aidListFallback: true,
  /** JR/T 0025.5 §6.5. */
  askCardholderConfirmation: true,
  /** JR/T 0025.5 §6.5. */
  orderByPriority: true,
  /** JR/T 0025.5 §6.5. */
  refuseBlockedApp: true,
  /** JR/T 0025.5 §9.2. */
  performOda: true,
  /** JR/T 0025.5 §9.3–9.4. */
  odaFailureInTvr: true,
  /** JR/T 0025.5 §9.2, JR/T 0025.7 §5.3.6. */
  performCda: true,
  /** JR/T 0025.5 §11.4.2. */
  supportOfflinePin: true,
  /** JR/T 0025.5 §11.4.3. */
  supportSignatureCvm: true,
  /** JR/T 0025.5 §11.4.1. */
  cvmRuleByCondition: true,
  /** JR/T 0025.5 §11.4.3. */
  onlinePinToHost: true,
  /** JR/T 0025.5 §11.4.2. */
  checkPinTryCounter: true,
  /** JR/T 0025.5 §12.4.1. */
  checkExceptionFile: true,
  /** JR/T 0025.5 §12.4.3. */
  checkFloorLimit: true,
  /** JR/T 0025.5 §12.4.4. */
  randomOnlineSelection: true,
  /** JR/T 0025.5 §12.4.5–12.4.6. */
  checkVelocity: true,
  /** JR/T 0025.5 §13.4. */
  reportTvrSent: true,
  /** JR/T 0025.5 §10.3.3–10.3.4. */
  checkApplicationDates: true,
  /** JR/T 0025.7 §5.3.6.2. */
  verifyCda: true,
  /** JR/T 0025.5 §16.6. */
  issuerAuthentication: true,
  /** JR/T 0025.5 §16.6. */
  honourArc: true,
  /** JR/T 0025.5 §7: a GET PROCESSING OPTIONS the card refuses ends the transaction; the card is refused, no decision was made. */
  refusedGpoRefuses: true,
  /** JR/T 0025.5 §14.4, §16.6: a GENERATE AC the card refuses (no cryptogram) ends the transaction declined. */
  refusedGacDeclines: true,
  /** JR/T 0025.5 §17. */
  deliverScripts: true,
  /** JR/T 0025.4 §6.3 table 11: 9F37 unpredictable, one transaction's own. */
  freshUnpredictableNumber: true,
  /** JR/T 0025.5 §7.3–7.4: one GET PROCESSING OPTIONS starts the transaction (the card counts it in the ATC). */
  gpoOncePerSelection: true,
  /** JR/T 0025.5 §15.4: EXTERNAL AUTHENTICATE carries the issuer's answer to the ARQC of the first GENERATE AC. */
  externalAuthenticateAfterArqc: true,
  /** LD/T 33 §1.1: the pOutInfo fields of iReadCardBas in their order. */
  readCardBasFieldOrder: true,
  /** part 7 card validity check. */
  expiryComparison: true,
  /** part 7 card validity check. */
  refuseExpiredCard: true,
  /** 社会保障卡规范 part 8 §7.2; part 7 card validity check. */
  checkBlacklist: true,
  /** part 7 §5.4. */
  internalAuthentication: true,
  /** part 7 §5.4. */
  checkInternalAuthentication: true,
  /** LD/T 33 §10.2. */
  rkAuthenticationOn30: true,
  /** LD/T 33 §1.1, V2.0 table 9. */
  nameWithExtension: true,
  /** 社会保障卡规范 part 5 §6.14. */
  verifyPinBcd: true,
  /** LD/T 33 appendix A: a locked PIN is reported as locked (-52). */
  lockedPinReportedLocked: true,
  /** LD/T 33 appendix A: a wrong PIN with tries left is reported as wrong (-51). */
  wrongPinReportedWrong: true,
  /** part 5 §6.3. */
  changePinOldFirst: true,
  /** sc_reader §5.1.1, §5.1.3 (7): iChangePIN returns non-0 with the error when the card refuses. */
  changePinReportsRefusal: true,
  /** LD/T 33 appendix A: a CHANGE PIN whose wrong old PIN uses the last try (63C0) is reported as locked (-52). */
  changePinLastTryReportedLocked: true,
  /** 社会保障卡规范 part 5 §6.8. */
  reloadWithPuk: true,
  /** part 5 §6.8. */
  unblockMacValid: true,
  /** sc_reader §5.1.1, LD/T 33 appendix A: iUnblockPIN returns −(SW) when the card refuses PIN UNBLOCK. */
  unblockReportsRefusal: true,
  /** part 4 §8.2. */
  writeWithMac: true,
  /** LD/T 33 appendix A. */
  writeReportsCardAnswer: true,
  /** sc_reader §8.1.3 (6): iDoDebit and iReadDebitRecord ask for the PIN. */
  debitAsksPin: true,
  /** sc_reader §8.1.3 (1): the pay information (§8.1.2 (3)) is judged before the card is addressed. */
  debitChecksPayInfoFirst: true,
  /** sc_reader §8.1.2 (3): the amounts are taken as given, so a negative one is refused (−14), never read as its absolute value. */
  debitKeepsAmountSign: true,
  /** sc_reader §8.1.4: 0 only on success. */
  debitReportsRefusal: true,
  /** part 7 §12.7: the PSAM checks the card's MAC2. */
  debitChecksMac2: true,
  /** part 7 §12.6. */
  debitReportsCardTac: true,
  /** sc_reader §8.1.3: iReadDebitRecord reports every purchase record. */
  readDebitRecordsAll: true,
  /** sc_reader §9.1.2: 本次消费总金额 is the purchase's total, 个人自付 + 统筹基金 (docs/medical.md), an amount of 0 or more. */
  readDebitTotalIsSum: true,
  /** V2.0 §8.5.3: an EF08 record that is not 28 bytes is no purchase record; iReadDebitRecord fails (−27264) rather than report success without it. */
  readDebitRejectsMalformedRecord: true,

  // ---- integrated terminal (总体方案: 全业务功能终端) ----
  /** The card's social-security data refused, the payment is not made either. */
  payOnlyAcceptedCard: true,
  /** The PSAM serves the SSSE only; the financial application never talks to it. */
  psamServesSsseOnly: true,
  /** 总体方案 二(二)3: the medical account pays only the self-paid part less the 个人自费 items. */
  settleAccountExcludesSelfFunded: true,
  /** The account pays at most its balance (个人账户不足额: the bank card the rest). */
  settleAccountCappedByBalance: true,
  /** The bank card is charged exactly the difference. */
  settleBankChargesDifference: true,
  /** The PSAM is silent during the bank card's payment. */
  settlePsamSilentOnPayment: true,
  /** A refused account part charges nothing to the bank card. */
  settleStopsOnRefusal: true,
  /** The bank card's decline is reported, the rest outstanding. */
  settleReportsBankResult: true,
  /** JR/T 0025.5 §11.4.2: the bank part verifies the financial application's own PIN (bankPin), not the social-security PIN. */
  settleUsesBankPin: true,
  /** sc_reader §8.1.2 (3), §8.1.3 (1): a bill whose amounts are outside 0…42949672.95 元 is refused (−14) before the card is addressed. */
  settleChecksBillFirst: true,
  /** 总体方案 二(二)3: a self-paid part that is all 个人自费 items is a bill (the bank card pays it all), not an error. */
  settleAcceptsWhollySelfFunded: true,

  // ---- application usage control (JR/T 0025.5 §10.3.2) ----
  /** The usage control step of processing restrictions is made. */
  checkUsageControl: true,
  /** Domestic or international by the terminal's own country code against 5F28. */
  usageControlUsesTerminalCountry: true,
  /** Equal country codes are domestic use (§10.3.2 step 1). */
  usageControlRecognisesDomestic: true,
  /** The service is refused only where the AUC does not allow it, not for a foreign card as such. */
  usageControlFollowsAuc: true,
  /** Step 2: valid at ATMs / at other terminals. */
  usageControlChecksTerminalType: true,
} as const satisfies Record<string, boolean>;

export type TerminalRules = { readonly [K in keyof typeof TERMINAL_SPEC_RULES]: boolean };
export type TerminalRuleName = keyof typeof TERMINAL_SPEC_RULES;

/** A terminal defect's implementation: the spec rules it breaks, each set to false. */
export interface TerminalDefectImpl {
  kind: 'rule';
  rules: Partial<Record<TerminalRuleName, false>>;
}

export const terminalRule = (...names: TerminalRuleName[]): TerminalDefectImpl => ({ kind: 'rule', rules: Object.fromEntries(names.map((n) => [n, false])) });
