# GET CHALLENGE: ISO/IEC 7816-4 §7.5.3, 社会保障卡规范 part 5 §6.5 (Le 04, 08 or 10).
# @ics:sscard: the lengths 4, 8, 16 and the status words judged are 社会保障卡规范's; under ISO 7816-4 alone a
# card may give Ne bytes of a longer challenge and 61xx for the rest (vicc: 4 bytes, 6104).
# VERIFY: ISO/IEC 7816-4 §7.5.6, 社会保障卡规范 part 5 §6.14 (63Cx, 63C0 then 6983).
Feature: GET CHALLENGE and VERIFY

  @TC:ISO-GC-001 @req:ISO7816-4:7.5.3 @req:SSCARD-5:6.5 @ics:sscard
  Scenario: GET CHALLENGE returns a random of the length asked: 4, 8 or 16 bytes
    Given the SSSE is selected
    When the terminal asks for a challenge of 4 bytes
    Then the response data is 4 bytes long
    When the terminal asks for a challenge of 8 bytes
    Then the response data is 8 bytes long
    When the terminal asks for a challenge of 16 bytes
    Then the response data is 16 bytes long

  @TC:ISO-GC-002 @req:ISO7816-4:7.5.3 @req:SSCARD-5:6.5
  Scenario: Two GET CHALLENGE commands return different randoms
    Given the SSSE is selected
    When the terminal asks for a challenge of 8 bytes
    And the terminal asks for a challenge of 8 bytes
    Then the two challenges differ

  @TC:ISO-GC-003 @req:SSCARD-5:6.5 @ics:sscard
  Scenario: GET CHALLENGE with a length other than 4, 8 or 16, or with a data field, answers 6700
    Given the SSSE is selected
    When the terminal sends "00 84 00 00 05"
    Then the status word is 6700
    When the terminal sends "00 84 00 00 01 00 08"
    Then the status word is 6700

  @TC:ISO-GC-004 @req:ISO7816-4:7.5.3 @req:SSCARD-5:6.5
  Scenario: GET CHALLENGE with P1-P2 other than 0000 answers 6A86
    Given the SSSE is selected
    When the terminal sends "00 84 00 01 08"
    Then the status word is 6A86

  @TC:ISO-VER-001 @req:ISO7816-4:7.5.6 @req:SSCARD-5:6.14 @needs:pin
  Scenario: A wrong PIN costs one try, the right PIN restores the counter
    Given the SSSE is selected
    When the terminal asks the PIN try counter
    Then the card reports the tries left
    When the terminal presents a wrong PIN
    Then the card reports 1 try fewer than before
    When the terminal presents the correct PIN
    Then the status word is 9000
    When the terminal presents a wrong PIN
    Then the card reports 1 try fewer than before
    When the terminal presents the correct PIN
    Then the status word is 9000

  @TC:ISO-VER-002 @req:SSCARD-5:6.14 @ics:sscard @needs:pin
  Scenario: VERIFY with a PIN block of one byte or of more than 8 bytes answers 6700
    Given the SSSE is selected
    When the terminal sends "00 20 00 00 01 12"
    Then the status word is 6700
    When the terminal presents the correct PIN padded with F to 9 bytes
    Then the status word is 6700

  @TC:ISO-VER-003 @req:ISO7816-4:7.5.6 @req:SSCARD-5:6.14 @needs:pin
  Scenario: When the tries run out the PIN is blocked and even the right PIN answers 6983
    Given the SSSE is selected
    When the terminal asks the PIN try counter
    Then the card reports the tries left
    When the terminal presents a wrong PIN as many times as tries are left
    Then the status word is 63C0
    When the terminal presents the correct PIN
    Then the status word is 6983
    And the sample is restored: the PIN is unblocked through the PUK and the correct PIN verifies
