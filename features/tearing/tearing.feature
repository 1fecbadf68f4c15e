# Anti-tearing (防拔, LD/T 6001.2 卡内COS检测): the card loses power in the middle of a write. Each
# state-changing command the suite sends is cut after its k-th NVM write, for every k = 0…N (a run cut to
# `--area tearing`; a run of the whole suite tries a seeded sample of the cut points), the card is powered
# up again, and judged: every persistent item is wholly as before the command or wholly as after it (or
# the old state with the try spent, where a comparison spends one), what the terminal reads agrees, and
# the card answers normally. A wrong PIN costs its try before the card can know it is wrong.
Feature: Anti-tearing (防拔)

  @TC:TEAR-SS-001 @req:LDT6001-2:防拔 @req:SSCARD-5:6.12 @req:SSCARD-4:8.2 @needs:tear @ics:sscard
  Scenario: UPDATE BINARY with MAC, cut at every NVM write, leaves EF07 wholly old or wholly new
    Given the card can be cut off at every NVM write
    When UPDATE BINARY of EF07 with MAC is torn at every cut point
    Then every cut point leaves the card wholly old or wholly new, and answering

  @TC:TEAR-SS-002 @req:LDT6001-2:防拔 @req:SSCARD-5:6.13 @req:SSCARD-4:8.2 @needs:tear @ics:sscard
  Scenario: UPDATE RECORD with MAC, cut at every NVM write, leaves every record of EF05 and EF06 wholly old or wholly new
    Given the card can be cut off at every NVM write
    When UPDATE RECORD with MAC of every record of EF05 and EF06 is torn at every cut point
    Then every cut point leaves the card wholly old or wholly new, and answering

  @TC:TEAR-PIN-001 @req:LDT6001-2:防拔 @req:SSCARD-5:6.14 @needs:tear @needs:pin @ics:sscard
  Scenario: VERIFY, cut at every NVM write, leaves the SSSE PIN counter old, new or with the try spent
    Given the card can be cut off at every NVM write
    When VERIFY of the SSSE PIN with a wrong PIN is torn at every cut point
    Then every cut point leaves the card wholly old or wholly new, and answering

  @TC:TEAR-PIN-002 @req:LDT6001-2:防拔 @req:SSCARD-5:6.14 @req:SSCARD-7:5.6 @needs:tear @needs:pin @ics:sscard
  Scenario: VERIFY spends the SSSE PIN try before the comparison: a tear never gives a free try
    Given the card can be cut off at every NVM write
    When VERIFY of the SSSE PIN with the right and with a wrong PIN are torn at the same cut points
    Then at every cut point the right PIN leaves the try counter where the wrong PIN leaves it

  @TC:TEAR-PIN-003 @req:LDT6001-2:防拔 @req:JRT0025-5:B.12 @needs:tear @needs:pin @ics:financial
  Scenario: VERIFY spends the offline PIN try before the comparison: a tear never gives a free try
    Given the card can be cut off at every NVM write
    When VERIFY of the offline PIN with the right and with a wrong PIN are torn at the same cut points
    Then at every cut point the right PIN leaves the try counter where the wrong PIN leaves it

  @TC:TEAR-PIN-004 @req:LDT6001-2:防拔 @req:SSCARD-5:6.3 @needs:tear @needs:pin @ics:sscard
  Scenario: CHANGE PIN, cut at every NVM write, leaves the old PIN or the new one, never neither
    Given the card can be cut off at every NVM write
    When CHANGE PIN is torn at every cut point
    Then every cut point leaves the card wholly old or wholly new, and answering

  @TC:TEAR-PB-001 @req:LDT6001-2:防拔 @req:JRT0025-5:7.3 @needs:tear @ics:financial
  Scenario: GET PROCESSING OPTIONS, cut at every NVM write, leaves the ATC old or moved
    Given the card can be cut off at every NVM write
    When GET PROCESSING OPTIONS is torn at every cut point
    Then every cut point leaves the card wholly old or wholly new, and answering

  @TC:TEAR-PB-002 @req:LDT6001-2:防拔 @req:JRT0025-5:7.3 @needs:tear @ics:financial
  Scenario: GENERATE AC after a completed GPO, cut at every NVM write, never sends the ATC back
    Given the card can be cut off at every NVM write
    When the first GENERATE AC after a completed GPO is torn at every cut point
    Then every cut point leaves the card wholly old or wholly new, and answering

  @TC:TEAR-PB-003 @req:LDT6001-2:防拔 @req:JRT0025-13:7.4.5 @req:JRT0025-13:9 @needs:tear @ics:financial @ics:ec
  Scenario: An offline EC purchase, cut at every NVM write, debits the balance and writes its log together or not at all
    Given the card can be cut off at every NVM write
    When an offline EC purchase is torn at every cut point of its GENERATE AC
    Then every cut point leaves the card wholly old or wholly new, and answering

  @TC:TEAR-PIN-005 @req:LDT6001-2:防拔 @req:SSCARD-5:6.8 @needs:tear @needs:pin @ics:sscard
  Scenario: PIN UNBLOCK and PIN RELOAD, cut at every NVM write, reset the counter and write the PIN together or not at all
    Given the card can be cut off at every NVM write
    When PIN UNBLOCK and PIN RELOAD of the SSSE PIN are torn at every cut point
    Then every cut point leaves the card wholly old or wholly new, and answering

  @TC:TEAR-AUTH-001 @req:LDT6001-2:防拔 @req:SSCARD-5:6.4 @needs:tear @ics:sscard
  Scenario: EXTERNAL AUTHENTICATE with a wrong cryptogram, cut at every NVM write, leaves the key's counter old or spent
    Given the card can be cut off at every NVM write
    When EXTERNAL AUTHENTICATE with a wrong cryptogram is torn at every cut point
    Then every cut point leaves the card wholly old or wholly new, and answering

  @TC:TEAR-AUTH-002 @req:LDT6001-2:防拔 @req:SSCARD-5:6.4 @needs:tear @ics:sscard
  Scenario: EXTERNAL AUTHENTICATE spends the key's try before the comparison: a tear never gives a free try
    Given the card can be cut off at every NVM write
    When EXTERNAL AUTHENTICATE with the right and with a wrong cryptogram are torn at the same cut points
    Then at every cut point the right cryptogram leaves the key's counter where the wrong one leaves it

  @TC:TEAR-SS-003 @req:LDT6001-2:防拔 @req:SSCARD-5:6.1 @req:SSCARD-5:6.2 @needs:tear @ics:sscard
  Scenario: APPLICATION BLOCK and CARD BLOCK, cut at every NVM write, leave the card blocked or as it was
    Given the card can be cut off at every NVM write
    When APPLICATION BLOCK and CARD BLOCK of the SSSE are torn at every cut point
    Then every cut point leaves the card wholly old or wholly new, and answering

  @TC:TEAR-CM-001 @req:LDT6001-2:防拔 @req:SSCARD-4:5.2 @needs:tear @ics:card-management
  Scenario: WRITE KEY, cut at every NVM write, leaves the old key or the new one, never part of each
    Given the card can be cut off at every NVM write
    When WRITE KEY of the SSSE is torn at every cut point
    Then every cut point leaves the card wholly old or wholly new, and answering

  @TC:TEAR-CM-002 @req:LDT6001-2:防拔 @req:SSCARD-4:5.2 @needs:tear @ics:card-management
  Scenario: CREATE FILE, cut at every NVM write, leaves the DF wholly made or not there
    Given the card can be cut off at every NVM write
    When CREATE FILE of a DF is torn at every cut point
    Then every cut point leaves the card wholly old or wholly new, and answering

  @TC:TEAR-PB-004 @req:LDT6001-2:防拔 @req:JRT0025-13:7.5 @req:JRT0025-5:C.2 @needs:tear @ics:financial @ics:ec
  Scenario: An EC load (圈存) by its issuer script, cut at every NVM write, leaves the balance old or loaded
    Given the card can be cut off at every NVM write
    When the EC load's PUT DATA scripts are torn at every cut point
    Then every cut point leaves the card wholly old or wholly new, and answering

  @TC:TEAR-PB-005 @req:LDT6001-2:防拔 @req:JRT0025-5:C.2 @req:JRT0025-5:B.10 @needs:tear @ics:financial
  Scenario: Issuer script commands, cut at every NVM write, are applied whole or not at all
    Given the card can be cut off at every NVM write
    When the issuer script commands are torn at every cut point
    Then every cut point leaves the card wholly old or wholly new, and answering

  @TC:TEAR-MED-001 @req:LDT6001-2:防拔 @req:SSCARD-7:11.8 @req:SSCARD-7:12.6 @needs:tear @needs:pin @ics:medical-offline
  Scenario: A medical account load and purchase, cut at every NVM write, move the balance with its detail record and sequence number or not at all
    Given the card can be cut off at every NVM write
    When CREDIT FOR LOAD and DEBIT FOR PURCHASE of the medical account are torn at every cut point
    Then every cut point leaves the card wholly old or wholly new, and answering
