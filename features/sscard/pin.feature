# The PIN of the SSSE: VERIFY (社会保障卡规范 part 5 §6.14; part 7 §5.6–5.8), CHANGE PIN (part 5 §6.3,
# tables 10–12; part 7 §9), PIN CHANGE/UNBLOCK (part 5 §6.8, tables 24–27) with the PUK and the
# secure messaging of part 4 §8.2–8.3.
Feature: PIN life cycle

  @TC:SS-PIN-001 @req:SSCARD-5:6.14 @req:SSCARD-7:5.6 @needs:pin
  Scenario: VERIFY without data reports the tries left and costs none
    Given the SSSE is selected
    When the terminal asks the PIN try counter
    Then the card reports the tries left
    When the terminal asks the PIN try counter
    Then the card reports the same tries left as before
    When the terminal presents a wrong PIN
    Then the card reports 1 try fewer than before
    And the sample is restored: the correct PIN resets the SSSE PIN try counter

  @TC:SS-PIN-002 @req:SSCARD-5:6.14 @req:SSCARD-7:5.8 @needs:pin
  Scenario: The right PIN resets the try counter to its limit
    Given the SSSE is selected
    When the terminal asks the PIN try counter
    Then the card reports the tries left
    When the terminal presents a wrong PIN
    And the terminal presents the correct PIN
    Then the status word is 9000
    Given the card has been reset
    When the terminal selects the SSSE by its name
    And the terminal asks the PIN try counter
    Then the card reports the same tries left as before

  @TC:SS-PIN-003 @req:SSCARD-5:6.3 @req:SSCARD-7:9.5 @needs:pin
  Scenario: CHANGE PIN replaces the PIN: the new one verifies, the old one does not, and a 12-digit PIN is taken
    Given the SSSE is selected
    When the terminal changes the PIN to "13579"
    Then the status word is 9000
    When the terminal presents the correct PIN
    Then the card answers 63Cx to the try-counter query
    When the terminal presents the PIN "13579"
    Then the status word is 9000
    When the terminal changes the PIN from "13579" to "135791357913"
    Then the status word is 9000
    When the terminal presents the PIN "135791357913"
    Then the status word is 9000
    When the terminal changes the PIN from "135791357913" back to the profile PIN
    And the terminal presents the correct PIN
    Then the status word is 9000

  @TC:SS-PIN-004 @req:SSCARD-5:6.3.5 @needs:pin
  Scenario: CHANGE PIN with a wrong current PIN answers 63Cx and keeps the PIN
    Given the SSSE is selected
    When the terminal changes the PIN to "13579" giving a wrong current PIN
    Then the card answers 63Cx to the try-counter query
    When the terminal presents the correct PIN
    Then the status word is 9000

  @TC:SS-PIN-005 @req:SSCARD-5:6.3.5 @needs:pin
  Scenario: CHANGE PIN with P1 00 answers 6A86
    Given the SSSE is selected
    When the terminal sends CHANGE PIN with P1 00
    Then the status word is 6A86

  @TC:SS-PIN-006 @req:SSCARD-5:6.3.5 @needs:pin
  Scenario: CHANGE PIN without the FF between the PINs, or with a new PIN that is not cn, answers 6A80
    Given the SSSE is selected
    When the terminal sends CHANGE PIN without the FF separator
    Then the status word is 6A80
    When the terminal sends CHANGE PIN with a new PIN holding a nibble that is no digit
    Then the status word is 6A80
    When the terminal presents the correct PIN
    Then the status word is 9000

  @TC:SS-PIN-007 @req:SSCARD-5:6.3 @needs:pin
  Scenario: CHANGE PIN to a PIN of 3 digits answers 6A80 (a PIN has at least 4)
    Given the SSSE is selected
    When the terminal changes the PIN to "135"
    Then the status word is 6A80

  @TC:SS-PIN-014 @req:SSCARD-5:6.3.5 @needs:pin
  Scenario: CHANGE PIN with Lc 02, below the 03 of table 10, answers 6700
    Given the SSSE is selected
    When the terminal sends "80 5E 01 00 02 12FF"
    Then the status word is 6700
    And the sample is restored: the correct PIN resets the SSSE PIN try counter

  @TC:SS-PIN-008 @req:SSCARD-5:6.3.5 @needs:pin
  Scenario: CHANGE PIN on a blocked PIN answers 6983
    Given the SSSE is selected
    When the terminal asks the PIN try counter
    Then the card reports the tries left
    When the terminal presents a wrong PIN as many times as tries are left
    And the terminal changes the PIN to "13579"
    Then the status word is 6983
    And the sample is restored: the PIN is unblocked through the PUK and the correct PIN verifies

  @TC:SS-PIN-009 @req:SSCARD-5:6.8 @req:SSCARD-4:8.2 @needs:pin
  Scenario: PIN UNBLOCK (84 24 00 00) after PUK authentication, with a MAC under STK, unblocks the PIN
    Given the SSSE is selected
    When the terminal asks the PIN try counter
    Then the card reports the tries left
    When the terminal presents a wrong PIN as many times as tries are left
    And the terminal unblocks the PIN through the PUK
    Then the status word is 9000
    When the terminal presents the correct PIN
    Then the status word is 9000

  @TC:SS-PIN-010 @req:SSCARD-5:6.8.5
  Scenario: PIN CHANGE/UNBLOCK without PUK authentication answers 6982
    Given the SSSE is selected
    When the terminal sends PIN UNBLOCK without PUK authentication
    Then the status word is 6982

  @TC:SS-PIN-011 @req:SSCARD-5:6.8 @req:SSCARD-4:8.3 @needs:pin
  Scenario: PIN RELOAD (84 24 00 01) sets the enciphered new PIN
    Given the SSSE is selected
    When the terminal reloads the PIN "24680" through the PUK
    Then the status word is 9000
    When the terminal presents the PIN "24680"
    Then the status word is 9000
    When the terminal changes the PIN from "24680" back to the profile PIN
    And the terminal presents the correct PIN
    Then the status word is 9000

  @TC:SS-PIN-015 @req:SSCARD-5:6.8 @req:SSCARD-5:6.3 @needs:pin
  Scenario: PIN RELOAD (84 24 00 01) to a PIN of 3 digits answers 6A80 and keeps the PIN (a PIN has at least 4)
    Given the SSSE is selected
    When the terminal reloads the PIN "135" through the PUK
    Then the status word is 6A80
    When the terminal presents the correct PIN
    Then the status word is 9000

  @TC:SS-PIN-012 @req:SSCARD-5:6.8.5 @req:SSCARD-4:8.2
  Scenario: PIN UNBLOCK with a wrong MAC answers 6988
    Given the SSSE is selected
    When the terminal unblocks the PIN through the PUK with a wrong MAC
    Then the status word is 6988

  @TC:SS-PIN-013 @req:SSCARD-5:6.8.5
  Scenario: PIN CHANGE/UNBLOCK with P2 02 or P1 01 answers 6A86
    Given the SSSE is selected
    When the terminal sends PIN CHANGE/UNBLOCK with P2 02
    Then the status word is 6A86
    When the terminal sends "84 24 01 00 04 11223344"
    Then the status word is 6A86
