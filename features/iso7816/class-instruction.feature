# ISO/IEC 7816-4 §5.1.1 (class byte), §5.1.2 (instruction byte), §5.1 (length fields), §5.6 (status bytes).
# ISO-CLA-001 is @ics:sscard: class E0 is proprietary under ISO 7816-4 §5.1.1 (b8 = 1), the card's to
# define; 社会保障卡规范 part 5 fixes the classes (00, 04, 80, 84) and 6E00 for any other.
Feature: Class, instruction and length checks

  @TC:ISO-CLA-001 @req:ISO7816-4:5.1.1 @req:SSCARD-5:6.11 @ics:sscard
  Scenario: A command with a class the card does not support answers 6E00
    When the terminal sends "E0 A4 00 00 02 3F 00"
    Then the status word is 6E00

  @TC:ISO-CLA-002 @req:ISO7816-4:5.1.1 @ics:no-logical-channels
  Scenario: A command on logical channel 1 of a card without logical channels answers 6881
    When the terminal sends "01 A4 00 00 02 3F 00"
    Then the status word is 6881

  @TC:ISO-INS-001 @req:ISO7816-4:5.1.2
  Scenario: An instruction the card does not know answers 6D00
    When the terminal sends "00 FA 00 00 00"
    Then the status word is 6D00

  @TC:ISO-INS-002 @req:ISO7816-4:5.1.2 @req:ISO7816-3:10.3.3
  Scenario: An invalid instruction code 6X answers 6D00
    When the terminal sends "00 60 00 00 00"
    Then the status word is 6D00

  @TC:ISO-LEN-001 @req:ISO7816-4:5.1
  Scenario: A command whose Lc does not match its data answers 6700
    When the terminal sends "00 A4 00 00 05 3F 00"
    Then the status word is 6700

  @TC:ISO-ATR-001 @req:ISO7816-3:8.2 @req:SSCARD-10:5.1.2 @needs:expected-atr
  Scenario: The card answers to reset with the ATR the product declares
    Given the card has been reset
    Then the ATR equals the expected ATR of the profile

  @TC:ISO-ATR-002 @req:ISO7816-3:8.2 @req:ISO7816-3:8.2.5
  Scenario: The ATR is well formed: interface bytes, as many historical bytes as T0 says, TCK when T=1 is offered
    Given the card has been reset
    Then the ATR is well formed
