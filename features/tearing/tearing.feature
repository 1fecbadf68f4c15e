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
