/**
 * The spec rules card-sim's spec code consults by name (issue 15). Each default is what the spec
 * requires (the clause in its comment); a catalogued defect of kind `rule` (card-sim/defects/kinds.ts)
 * overrides one or more of them when the card is built. The spec code reads `card.rules.<rule>` and
 * never names a defect. Grouped by the suite area that tests them.
 */
export const SPEC_RULES = {
  // ---- dual-app ----
  /** ISO/IEC 7816-4 §5.4; part 4 §5.5. */
  pinStateLostOnLeavingDf: true,
  /** 社会保障卡规范 part 7 §5.8 (a verified PIN is remembered until power-off), part 5 §6.11: a SELECT within the PIN's DF keeps it. */
  pinStateKeptWithinItsDf: true,
  /** part 4 §5.5. */
  pinSearchStopsAtFirewall: true,
  /** firewall, part 4 §5.5, §6.1. */
  selectFidStaysInEnvironment: true,
  /** firewall, part 4 §5.5, §6.1. */
  sfiStaysInEnvironment: true,
  /** part 4 §5.5; 总体方案: the SS PIN and the bank PIN are independent. */
  pinCountersSeparate: true,
  /** part 4 §5.5, §7.1 key independence. */
  keysStayInEnvironment: true,
  /** part 10 §5.2.1, §5.2.6. */
  transportKeyRetired: true,
  /** part 4 §5.2, §5.5. */
  cardMkStateLostOnSelect: true,
  /** part 4 §5.2. */
  createFileNeedsMasterKey: true,
  /** ISO/IEC 7816-4 §5.3.1.2; part 4 §5.2. */
  createFileRefusesDuplicateName: true,
  /** ISO/IEC 7816-4 §5.3.1.1: the files directly under a DF have different file identifiers (6A89). */
  createFileRefusesDuplicateFid: true,
  /** 社会保障卡规范 part 4 §5.2. */
  environmentMkTakesOver: true,
  /** part 4 §5.2–5.4: each master key may update itself; part 10 §5.2.6. */
  masterKeyReplaceStores: true,
  /** part 4 §5.2, §7.3: a replace (WRITE KEY P1 01) of a master key the DF lacks is no load, 6A88 (docs/dual-app.md). */
  masterKeyReplaceNeedsKey: true,
  /** part 4 §5.2, §5.3: in an environment without its master key the card master key loads that key only, no application key. */
  cardMkLoadsOnlyEnvironmentMk: true,
  /** part 4 §8.3 (docs/dual-app.md): WRITE KEY's cryptogram is whole blocks of the card's algorithm, 16 bytes for SM4; else 6700. */
  writeKeyBlocksOfAlgorithm: true,
  /** 社会保障卡规范 part 5 §6.4 table 15: a failed EXTERNAL AUTHENTICATION spends a try of the key and answers 63Cx, x the tries left. */
  masterKeyFailureCounts: true,
  /** part 4 §5.3, §7.3. */
  loadedKeyStored: true,

  // ---- iso7816 ----
  /** ISO/IEC 7816-3 §8.2.2. */
  atrHistoricalBytesAsDeclared: true,
  /** ISO/IEC 7816-4 §5.1, ISO/IEC 7816-3 §12.1: a command without Le (case 1 or 3) gets no response data. */
  noDataWithoutLe: true,
  /** ISO/IEC 7816-3 §8.2.5: TCK iff a type other than T=0 is indicated, XOR of T0 … TCK = 00. */
  atrCheckCharacterRight: true,
  /** ISO/IEC 7816-3 §8.3 tables 7 and 8: TA1 codes a defined Fi and Di. */
  atrGlobalBytesDefined: true,
  /** ISO/IEC 7816-3 §8.2.3: the TD bytes indicate the types in ascending order. */
  atrProtocolsAscending: true,
  /** ISO/IEC 7816-3 §8.2.3 with the product's ICS: the ATR offers the protocols the COS speaks. */
  atrOffersOwnProtocols: true,
  /** ISO/IEC 7816-3 §10.2, §11.4: the protocol specific bytes code defined values. */
  atrSpecificBytesDefined: true,
  /** 社会保障卡规范 part 2 §8.3.3.3: TB1 00, no VPP. */
  atrTb1NoVpp: true,
  /** 社会保障卡规范 part 2 §8.4 table 16: the 13 basic historical bytes. */
  atrBasicHistoricalBytes: true,
  /** ISO/IEC 7816-3 §6.2.3 with the ICS: a warm reset answers the ATR the product declares for it. */
  warmAtrAsDeclared: true,
  /** ISO/IEC 7816-3 §11.6.2.3: a chained command is received block by block (R-blocks) and run whole. */
  t1AcceptsChaining: true,
  /** ISO/IEC 7816-3 §11.4.2, §11.6.2.3: after S(IFS request) the card's I-blocks carry at most IFSD bytes. */
  t1HonoursIfsd: true,
  /** ISO/IEC 7816-3 §11.4.3, §11.6.2.3: a card that needs more than BWT asks S(WTX request) first. */
  t1RequestsWtx: true,
  /** ISO/IEC 7816-3 §11.6.2.3 S(RESYNCH): the card's and the interface device's N(S) restart at 0. */
  t1ResynchResetsSequence: true,
  /** ISO/IEC 7816-3 §11.4.4, §11.6.3.2: a block with a wrong EDC is refused with an R-block. */
  t1ChecksEdc: true,
  /** ISO/IEC 7816-3 §11.6.2.2: the card's I-blocks alternate N(S), within a chain too. */
  t1TogglesNs: true,
  /** ISO/IEC 7816-3 §11.6.2.3: S(ABORT) ends the chain under way; what came of it is dropped. */
  t1AbortDropsChain: true,
  /** ISO/IEC 7816-3 §11.4.4: the card's R-blocks carry the right LRC. */
  t1RBlockEdcRight: true,
  /** ISO/IEC 7816-4 §5.1.1. */
  checkClass: true,
  /** ISO/IEC 7816-4 §5.1.2, §5.6 table 6. */
  unknownInsAnswers6d00: true,
  /** ISO/IEC 7816-4 §5.1. */
  checkLcAgainstData: true,
  /** ISO/IEC 7816-3 §12.2.2. */
  t0ResponseDataBy61xx: true,
  /** ISO/IEC 7816-4 §7.6.1; 社会保障卡规范 part 5 §6.6.4: response data waits only for the GET RESPONSE that follows at once. */
  pendingDroppedByOtherCommand: true,
  /** ISO/IEC 7816-4 §7.1.1; 社会保障卡规范 part 5 §6.11. */
  selectCheckFidLength: true,
  /** ISO/IEC 7816-4 §7.1.1 table 39. */
  selectCheckP1: true,
  /** ISO/IEC 7816-4 §5.6 table 6. */
  fileNotFoundAnswers6a82: true,
  /** ISO/IEC 7816-4 §7.1.1, §5.3.1. */
  selectMakesEfCurrent: true,
  /** ISO/IEC 7816-4 §7.1.1 table 40. */
  selectP2NoResponseData: true,
  /** ISO/IEC 7816-4 §5.3.3 table 12; 社会保障卡规范 part 5 §6.11. */
  fciCarriesDfName: true,
  /** ISO/IEC 7816-4 §7.1.1, §5.3.1.1. */
  selectMfBy3f00: true,
  /** ISO/IEC 7816-4 §7.1.1. */
  selectByPartialName: true,
  /** ISO/IEC 7816-4 §7.1.1 table 40. */
  selectNextOccurrence: true,
  /** ISO/IEC 7816-4 §7.5.3; 社会保障卡规范 part 5 §6.5. */
  getChallengeCheckP1P2: true,
  /** 社会保障卡规范 part 5 §6.5. */
  getChallengeLengthAsAsked: true,
  /** 社会保障卡规范 part 5 §6.5 table 17: Lc and data absent (a case-2 command); a data field is a length error (6700). */
  getChallengeRefusesData: true,
  /** ISO/IEC 7816-4 §7.5.3. */
  getChallengeFreshRandom: true,
  /** 社会保障卡规范 part 5 §6.14. */
  verifyCheckPinLength: true,
  /** 社会保障卡规范 part 5 §6.14. */
  blockedPinRefused: true,
  /** ISO/IEC 7816-4 §7.5.6. */
  wrongPinDecrementsTries: true,
  /** ISO/IEC 7816-4 §7.2.3, §5.6 table 6. */
  readBinaryNoCurrentEfAnswers6986: true,
  /** ISO/IEC 7816-4 §7.2.3, §7.3.3; 社会保障卡规范 part 5 §6.9, §6.10. */
  readChecksFileStructure: true,
  /** ISO/IEC 7816-4 §7.2.3, 6982. */
  readBinaryChecksAccess: true,
  /** ISO/IEC 7816-4 §7.2.3. */
  readBinaryHonoursOffset: true,
  /** ISO/IEC 7816-4 §7.3.3 table 49. */
  readRecordRefusesRfuMode: true,
  /** 社会保障卡规范 part 5 §6.10: READ RECORD has no Lc and no data (case 2); a data field is a length error (6700). */
  readRecordRefusesData: true,
  /** ISO/IEC 7816-4 §7.3.3, 6982. */
  readRecordChecksAccess: true,
  /** part 5 §6.10; ISO/IEC 7816-4 §7.3.3. */
  readRecordByIdentifier: true,
  /** ISO/IEC 7816-4 §7.3.3, §5.6 table 6. */
  readRecordPastEndAnswers6a83: true,
  /** 社会保障卡规范 part 5 §6.9; ISO/IEC 7816-4 §7.2.3: an offset at the end of the EF is outside it (6B00). */
  readBinaryRefusesOffsetAtEnd: true,
  /** ISO/IEC 7816-4 §7.3.3. */
  readRecordHonoursP1: true,
  /** 社会保障卡规范 part 5 §6.10.2: record number 00 is the current record. */
  readRecordNumber00IsCurrent: true,
  /** 社会保障卡规范 part 5 §6.10. */
  readRecordLe00Answers6cxx: true,

  // ---- pboc ----
  /** JR/T 0025.17 §10.3.1, §10.3.3 b, annex A. */
  dualSmSetUsesSmKeys: true,
  /** JR/T 0025.5 B.3: 6A81. */
  cardBlockHonoured: true,
  /** JR/T 0025.5 B.8. */
  gpoChecksPdolLength: true,
  /** JR/T 0025.5 §7.4, EMV Book 3 §10.1. */
  gpoIncrementsAtc: true,
  /** JR/T 0025.13 §7.4.3: the EC path only in the application currency (5F2A = 9F51, CNY). */
  ecChecksCurrency: true,
  /** JR/T 0025.13 §7.4.3: no EC path while the PIN try counter is 0. */
  ecChecksPinTries: true,
  /** JR/T 0025.13 §7.4.3. */
  ecChecksSingleLimit: true,
  /** JR/T 0025.13 §7.4.3. */
  ecChecksBalance: true,
  /** JR/T 0025.17 §10.3.3 b. */
  dualChoosesSetByDf69: true,
  /** JR/T 0025.13 §7.4.3: 9F74 only on the EC path. */
  standardAflWithoutEcRecord: true,
  /** JR/T 0025.13 §7.4.3: the EC AFL names the record of 9F74. */
  ecAflNamesEcRecord: true,
  /** EMV Book 3 §10.2, JR/T 0025.5 §7.3. */
  aflSfiLowBitsZero: true,
  /** JR/T 0025.5 B.12. */
  verifyChecksPinBlockControl: true,
  /** JR/T 0025.5 B.12, ISO 9564-1 format 2. */
  verifyComparesDigitsOnly: true,
  /** JR/T 0025.5 B.12. */
  verifyComparesPin: true,
  /** JR/T 0025.5 B.12: a successful VERIFY resets it to the PIN try limit. */
  rightPinResetsTries: true,
  /** JR/T 0025.5 B.12. */
  wrongOfflinePinDecrementsTries: true,
  /** JR/T 0025.5 §11.4.2: a wrong offline PIN sets the CVR's "offline PIN verification failed". */
  cvrRecordsPinFailure: true,
  /** JR/T 0025.5 A.1 CVR byte 4 b2, §9.4.4.1 step 4 a), §14.5.4 step 3 a): INTERNAL AUTHENTICATE and a CDA signature set "DDA performed". */
  cvrRecordsDdaPerformed: true,
  /** JR/T 0025.5 §16.7.2: after ARC Y3/Z3 a TC asked for is approved offline, "unable to go online" in the CVR (A.1 byte 2 b1). */
  unableOnlineApprovesOffline: true,
  /** JR/T 0025.5 A.1, §14.5: CVR byte 2 b8–5, the types of the second and first cryptogram. */
  cvrRecordsAcTypes: true,
  /** EMV Book 2 §6.5.1. */
  iccDynamicNumberFresh: true,
  /** EMV Book 2 §6.5.1; with SM2 JR/T 0025.17 §5.2.4.1 table 9. */
  sdadOverDdolData: true,
  /** JR/T 0025.7 §5.3.6.1 table 18: 9F27, 9F36, 9F4B, 9F10 only. */
  cdaNoOtherAcInClear: true,
  /** JR/T 0025.7 §5.3.6.1 step 2; JR/T 0025.17 §5.2.5.1 b. */
  cdaHashOverPdolData: true,
  /** JR/T 0025.7 §5.3.6.1 step 2; JR/T 0025.17 §5.2.5.1 b. */
  cdaHashOverCdol2Data: true,
  /** table 13. */
  sm2CdaHashSm3: true,
  /** JR/T 0025.7 §5.3.6.2 step 6; JR/T 0025.17 §5.2.5.2 d. */
  cdaSignsCid: true,
  /** JR/T 0025.7 table 16: the RSA CDA signature is padded with BB. */
  rsaCdaPaddingBb: true,
  /** JR/T 0025.5 B.6. */
  gacNeedsGpo: true,
  /** JR/T 0025.5 B.6. */
  gacAtMostTwice: true,
  /** JR/T 0025.17 §10.3.3 b: the choice fixes the card\'s algorithm environment for what follows. */
  dualChoiceKept: true,
  /** JR/T 0025.5 B.1: only AAC. */
  appBlockHonoured: true,
  /** JR/T 0025.5 §7.7 card risk management. */
  checkConsecutiveOfflineLimit: true,
  /** JR/T 0025.5 B.6: never a higher cryptogram than asked. */
  aacWhenAacRequested: true,
  /** JR/T 0025.5 Annex E, CVN 01. */
  acOverCvr: true,
  /** JR/T 0025.13 §7.4.5. */
  ecDebitsBalance: true,
  /** JR/T 0025.5 §7.7. */
  updateLastOnlineAtc: true,
  /** JR/T 0025.13 §9. */
  writeTransactionLog: true,
  /** JR/T 0025.5 §18.1: the log is a cyclic file of the records 9F4D names; the newest replaces the oldest. */
  logCyclic: true,
  /** JR/T 0025.7 §5.3.6.1 step 3, table 19. */
  cdaNotOnAac: true,
  /** JR/T 0025.5 B.5, JR/T 0025.7 §6.2. */
  checkArpc: true,
  /** JR/T 0025.5 §B.9. */
  getDataUnknownTagAnswers6a88: true,
  /** JR/T 0025.5 C.2. */
  checkScriptMac: true,
  /** JR/T 0025.5 C.2, §17.6.3. */
  pinChangeChecksMac: true,
  /** JR/T 0025.13 §7.5. */
  ecLoadChecksLimit: true,
  /** JR/T 0025.5 B.10.3. */
  pinChangeChecksBlock: true,
  /** JR/T 0025.5 B.10.3, C.3.4. */
  pinChangeDeciphersData: true,
  /** JR/T 0025.5 B.10.3.1 step 5, JR/T 0025.17 §11.1. */
  pinChangeChecksCurrentPin: true,

  // ---- lifecycle ----
  /** JR/T 0025.5 annex B.1. */
  blockedAppAacOnly: true,
  /** annex B.1, C.2.4. */
  scriptNeedsOnlineCryptogram: true,
  /** 总体方案; part 4 §5.5. */
  debitBlockSeparate: true,
  /** JR/T 0025.5 annex B.1. */
  blockedSelectAnswers6283: true,
  /** JR/T 0025.5 annex B.1. */
  appBlockPersistent: true,
  /** JR/T 0025.5 annex B.2. */
  appUnblockHonoured: true,
  /** 社会保障卡规范 part 4 §5.5; 总体方案. */
  ssseBlockSeparate: true,

  // ---- sscard ----
  /** part 5 §6.5.1: used once. */
  challengeSingleUse: true,
  /** part 7 §6.6: the right lasts until another application is selected. */
  authStateLostOnSelect: true,
  /** 社会保障卡规范 part 7 §5.8, part 5 §6.14. */
  ssRightPinResetsTries: true,
  /** part 5 §6.14, part 7 §5.6. */
  verifyQueryFree: true,
  /** V2.0 table 3; LD/T 33 §10.2. */
  rkFilesNeedAuth: true,
  /** part 5 §6.4.5. */
  extAuthChecksP1: true,
  /** part 5 §6.4.5. */
  extAuthChecksLc: true,
  /** part 5 §6.4, part 4 §7.1 key independence. */
  extAuthHonoursKeyId: true,
  /** part 5 §6.4.5. */
  extAuthUnknownKeyAnswers6a88: true,
  /** part 5 §6.4. */
  rkUsableAtIssue: true,
  /** part 5 §6.4.5, part 7 §6.6. */
  lockedKeyRefused: true,
  /** part 5 §6.4.5. */
  extAuthNeedsChallenge: true,
  /** part 5 §6.5.1, part 4 §9.2. */
  extAuthOnLastChallenge: true,
  /** part 7 §6.6. */
  extAuthFailureDecrements: true,
  /** part 5 §6.7.5. */
  intAuthChecksP1P2: true,
  /** part 5 §6.7.5. */
  intAuthChecksLc: true,
  /** part 5 §6.7.3; LD/T 6001.3 KEY_VER. */
  intAuthHonoursKeyVersion: true,
  /** part 5 §6.7, LD/T 6001.3 KEY_VER. */
  irkVersion1Loaded: true,
  /** part 5 §6.7, part 4 §9.3. */
  intAuthOverRandom: true,
  /** part 4 §8.2. */
  updateChecksMac: true,
  /** part 7 §7.1–7.2; V2.0 table 3. */
  updateNeedsKey: true,
  /** part 5 §6.13: after EXTERNAL AUTHENTICATE a plain UPDATE RECORD writes. */
  updatePlainAfterAuth: true,
  /** part 5 §6.12–6.13. */
  updateWrites: true,
  /** part 5 §6.3.5. */
  changePinChecksP1: true,
  /** part 5 §6.3. */
  changePinNeedsSeparator: true,
  /** part 5 §6.3. */
  changePinChecksLength: true,
  /** part 5 §6.3. */
  changePinChecksOld: true,
  /** part 5 §6.3. */
  changePinStores: true,
  /** part 5 §6.8.5. */
  pinUnblockChecksP2: true,
  /** part 5 §6.8, table 27: 6982. */
  pinReloadNeedsPuk: true,
  /** part 5 §6.8.5: 6988. */
  pinUnblockChecksMac: true,
  /** part 5 §6.8. */
  pinReloadStores: true,
  /** part 5 §6.3: a valid PIN has at least 4 digits, also the one PIN RELOAD sets (§6.8). */
  pinReloadChecksLength: true,
  /** part 5 §6.8. */
  pinUnblockResetsTries: true,
  /** part 5 §6.1.5. */
  ssAppBlockChecksP2: true,
  /** part 5 §6.1.5: 6988. */
  ssAppBlockChecksMac: true,
  /** part 5 §6.1. */
  ssAppBlockHonoured: true,
  /** part 5 §6.1: blocked permanently. */
  ssAppBlockPersistent: true,
  /** part 5 §6.2, part 4 §8.2. */
  ssCardBlockChecksMac: true,
  /** part 3 §6.2: sx1.sh.社会保障 in GBK. */
  ssFciNameGbk: true,
  /** V2.0 §5, part 5 §6.11. */
  ssAdfFciAid: true,
  /** part 3 §6.4. */
  ssFciAlgorithmOfCard: true,
  /** part 3 §6.4; LD/T 33 §10.1. */
  ssFciCarriesAlgorithm: true,
  /** part 5 §6.2. */
  ssCardBlockStopsSelect: true,

  // ---- medical ----
  /** part 5 §7. */
  creditNeedsLoadState: true,
  /** part 5 table 49: DEBIT FOR PURCHASE only in the purchase state. */
  debitNeedsPurchaseState: true,
  /** part 7 §11, §12; part 5 tables 68, 72: 6982. */
  initNeedsPin: true,
  /** part 7 §11.2, §12.2. */
  initChecksKeyIndex: true,
  /** part 5 table 67. */
  loadChecksOverflow: true,
  /** part 5 tables 71, 72: SPIP and SPFP are 4 bytes; a purchase that would take one past FFFFFFFF, 6985. */
  purchaseChecksTotalsOverflow: true,
  /** part 7 §11.7, part 5 table 53. */
  loadChecksMac2: true,
  /** part 7 §12.6, §15. */
  tacUnderDtk: true,
  /** part 7 §14. */
  loadKeepsProof: true,
  /** part 7 §11.8. */
  loadIncrementsSeq: true,
  /** part 7 §11.8. */
  loadWritesEf08: true,
  /** table 72. */
  initChecksLc: true,
  /** part 7 §12.2, part 5 table 72. */
  purchaseChecksBalance: true,
  /** part 5 tables 59, 71: 9402, the transaction sequence number at its maximum. */
  seqLimitChecked: true,
  /** part 5 tables 59, 71. */
  initBalanceMsbFirst: true,
  /** part 5 tables 59, 71. */
  initYearCn: true,
  /** A purchase of amount 0 is carried out. */
  zeroPurchaseAccepted: true,
  /** part 7 §12.5–12.6. */
  debitChecksMac1First: true,
  /** part 7 §12.6. */
  purchaseAccumulatesTotals: true,
  /** part 7 §12.6. */
  mac2OverSpecInput: true,
  /** part 7 §14. */
  proofOfLastTransaction: true,
  /** part 7 §12.6. */
  purchaseIncrementsSeq: true,
  /** part 7 §12.6, V2.0 §8.5.3. */
  purchaseWritesEf08: true,
  /** part 7 §12.6, V2.0 §8.5.3.5. */
  ef08HoldsAmount: true,
  /** table 60. */
  balanceChecksP2: true,
  /** table 60. */
  balanceChecksLe: true,
  /** part 5 §7.3.1; table 60: 6982. */
  balanceNeedsPin: true,
  /** table 64. */
  proofChecksP2: true,
  /** table 64. */
  proofChecksLc: true,
  /** part 5 §7.4, table 64. */
  proofHonoursSeq: true,
  /** table 78. */
  startingDayChecksP1: true,
  /** part 5 table 77. */
  startingDayAnswersDay: true,
  /** table 75. */
  startingDayChecksLc: true,
  /** part 5 §7.7.1; table 75: 6982. */
  startingDayNeedsDsk: true,
  /** part 5 §7.7–7.8, part 7 §12.6. */
  startingDayStores: true,
  /** part 5 table 49: DEBIT FOR PURCHASE in the idle state answers 6901. */
  debitInIdleAnswers6901: true,
  /** part 5 table 49: INITIALIZE FOR LOAD in the purchase state moves the card to the load state. */
  initLoadLeavesPurchaseState: true,
  /** part 5 table 49: a failed command sends the card idle. */
  errorEndsState: true,
  /** part 5 table 49: GET TRANSACTION PROOF keeps the state. */
  proofKeepsState: true,
  /** part 5 table 49: GET BALANCE keeps the state. */
  balanceKeepsState: true,
  /** part 7 §11.2, §12.2. */
  reinitStartsNewSession: true,
  /** tables 65, 69. */
  initChecksP2: true,
} as const satisfies Record<string, boolean>;

/** One card's rules: the spec's, with the overrides of the defects switched on. */
export type CardRules = { readonly [K in keyof typeof SPEC_RULES]: boolean };
export type RuleName = keyof typeof SPEC_RULES;
