# The proprietary commands of the medical insurance account (社会保障卡规范 part 5 §7, tables 50–78) and
# their status words, on a card whose DF04 runs the offline mode (part 6 §6.6). Nothing here moves money.
Feature: Medical account commands and their status words

  @TC:SS-MED-001 @req:SSCARD-5:7.3 @ics:medical-offline @needs:pin
  Scenario: GET BALANCE of the account answers its 4 bytes with 9000
    Given DF04 is selected with the PIN verified
    And the terminal has noted the medical account
    When the terminal asks GET BALANCE of the account
    Then the balance the card gives is the noted one
    And GET BALANCE and INITIALIZE FOR PURCHASE report the same balance

  @TC:SS-MED-002 @req:SSCARD-5:7.3 @ics:medical-offline
  Scenario: GET BALANCE without the PIN answers 6982
    Given DF04 is selected without the PIN
    When the terminal sends "B0 26 00 01 04"
    Then the status word is 6982

  @TC:SS-MED-003 @req:SSCARD-5:7.3 @ics:medical-offline @needs:pin
  Scenario: GET BALANCE of the yearly totals answers the amount and the payment year, as INITIALIZE FOR PURCHASE does
    Given DF04 is selected with the PIN verified
    And the terminal has noted the medical account
    Then GET BALANCE and INITIALIZE FOR PURCHASE report the same yearly totals and payment year
    When the terminal sends "B0 26 00 02 06"
    Then the status word is 9000
    And the response data is 6 bytes long
    When the terminal sends "B0 26 00 03 06"
    Then the status word is 9000
    And the response data is 6 bytes long

  @TC:SS-MED-004 @req:SSCARD-5:7.3.5 @ics:medical-offline @needs:pin
  Scenario: GET BALANCE with P2 04 answers 6A86
    Given DF04 is selected with the PIN verified
    When the terminal sends "B0 26 00 04 04"
    Then the status word is 6A86

  @TC:SS-MED-066 @req:SSCARD-5:7.3.5 @ics:medical-offline @needs:pin
  Scenario: GET BALANCE with P1 01 answers 6A86
    Given DF04 is selected with the PIN verified
    When the terminal sends "B0 26 01 01 04"
    Then the status word is 6A86

  @TC:SS-MED-005 @req:SSCARD-5:7.3.5 @ics:medical-offline @needs:pin
  Scenario: GET BALANCE of the account with Le 06, or with a data field, answers 6700
    Given DF04 is selected with the PIN verified
    When the terminal sends "B0 26 00 01 06"
    Then the status word is 6700
    When the terminal sends "B0 26 00 01 01 00 04"
    Then the status word is 6700

  @TC:SS-MED-006 @req:SSCARD-5:7.3.5 @ics:medical-offline @needs:pin
  Scenario: A medical command with CLA 80 answers 6E00
    Given DF04 is selected with the PIN verified
    When the terminal sends "80 26 00 01 04"
    Then the status word is 6E00

  @TC:SS-MED-007 @req:SSCARD-5:7.6.5 @req:SSCARD-7:12.2 @ics:medical-offline @needs:pin
  Scenario: INITIALIZE FOR PURCHASE with a key index the card lacks answers 9403
    Given DF04 is selected with the PIN verified
    When the terminal sends "B0 28 01 01 13 02 00000000 00000000 00000000 110100000001 16"
    Then the status word is 9403

  @TC:SS-MED-008 @req:SSCARD-5:7.5.5 @req:SSCARD-7:11.2 @ics:medical-offline @needs:pin
  Scenario: INITIALIZE FOR LOAD with a key index the card lacks answers 9403
    Given DF04 is selected with the PIN verified
    When the terminal sends "B0 28 00 01 0B 02 00000000 110100000001 10"
    Then the status word is 9403

  @TC:SS-MED-009 @req:SSCARD-5:7.6.5 @ics:medical-offline @needs:pin
  Scenario: INITIALIZE FOR PURCHASE with Lc 12 answers 6700
    Given DF04 is selected with the PIN verified
    When the terminal sends "B0 28 01 01 12 01 00000000 00000000 00000000 1101000000 16"
    Then the status word is 6700

  @TC:SS-MED-010 @req:SSCARD-5:7.5.5 @ics:medical-offline @needs:pin
  Scenario: INITIALIZE with P2 02, or with P1 02, answers 6A86
    Given DF04 is selected with the PIN verified
    When the terminal sends "B0 28 00 02 0B 01 00000000 110100000001 10"
    Then the status word is 6A86
    When the terminal sends "B0 28 02 01 0B 01 00000000 110100000001 10"
    Then the status word is 6A86

  @TC:SS-MED-011 @req:SSCARD-5:7.6.5 @req:SSCARD-7:12 @ics:medical-offline
  Scenario: INITIALIZE FOR PURCHASE without the PIN answers 6982
    Given DF04 is selected without the PIN
    When the terminal sends "B0 28 01 01 13 01 00000000 00000000 00000000 110100000001 16"
    Then the status word is 6982

  @TC:SS-MED-012 @req:SSCARD-5:7.5.5 @req:SSCARD-7:11 @ics:medical-offline
  Scenario: INITIALIZE FOR LOAD without the PIN answers 6982
    Given DF04 is selected without the PIN
    When the terminal sends "B0 28 00 01 0B 01 00000000 110100000001 10"
    Then the status word is 6982

  @TC:SS-MED-013 @req:SSCARD-5:7.4.5 @ics:medical-offline @needs:pin
  Scenario: GET TRANSACTION PROOF of an unknown transaction type answers 6A86
    Given DF04 is selected with the PIN verified
    When the terminal sends "B0 2E 00 05 02 0000 08"
    Then the status word is 6A86

  @TC:SS-MED-014 @req:SSCARD-5:7.4.5 @ics:medical-offline @needs:pin
  Scenario: GET TRANSACTION PROOF with Lc 03 answers 6700
    Given DF04 is selected with the PIN verified
    When the terminal sends "B0 2E 00 32 03 000000 08"
    Then the status word is 6700

  @TC:SS-MED-015 @req:SSCARD-5:7.8 @ics:medical-offline
  Scenario: GET STARTING DAY answers a day of the year as mmdd
    Given DF04 is selected without the PIN
    When the terminal sends "B0 56 01 00 02"
    Then the card gives a starting day mmdd in cn

  @TC:SS-MED-016 @req:SSCARD-5:7.8.5 @ics:medical-offline
  Scenario: GET STARTING DAY with P1 02, or with P2 01, answers 6A86
    Given DF04 is selected without the PIN
    When the terminal sends "B0 56 02 00 02"
    Then the status word is 6A86
    When the terminal sends "B0 56 01 01 02"
    Then the status word is 6A86

  @TC:SS-MED-017 @req:SSCARD-5:7.7.1 @req:SSCARD-5:7.7.5 @ics:medical-offline @needs:pin
  Scenario: UPDATE STARTING DAY without DSK authentication answers 6982 and the day stays
    Given DF04 is selected with the PIN verified
    And the terminal has noted the medical account
    When the terminal sets the starting day to the noted one
    Then the status word is 6982

  @TC:SS-MED-018 @req:SSCARD-5:7.7 @req:SSCARD-5:7.8 @ics:medical-offline @needs:pin
  Scenario: UPDATE STARTING DAY after DSK authentication changes what GET STARTING DAY gives
    Given DF04 is selected with the PIN verified
    And the terminal has noted the medical account
    When the terminal sets the starting day to 0701 after DSK authentication
    Then the status word is 9000
    And the starting day is 0701
    When the terminal puts the noted starting day back after DSK authentication
    Then the starting day is the noted one

  @TC:SS-MED-019 @req:SSCARD-5:7.7.5 @ics:medical-offline @needs:pin
  Scenario: UPDATE STARTING DAY with Lc 03 answers 6700
    Given DF04 is selected with the PIN verified
    When the terminal sends "B0 56 00 00 03 010100"
    Then the status word is 6700
