# ISO/IEC 7816-3:2006 §8 (answer to reset), §6.2 (cold and warm reset); 社会保障卡规范 part 2 §8.2–8.4
# (the basic ATR, tables 7, 8 and 16), part 9 §7.3.3, part 10 §5.1.2. What PC/SC reaches of the ATR: its
# bytes, after a cold and after a warm reset. Its timing (§8.1: 400 to 40 000 clock cycles, 9 600 etu
# between characters) is the reader's: features/iso7816/line-level.feature.
Feature: Answer to reset: every field and its consistency

  @TC:ISO-ATR-003 @req:ISO7816-3:8.3
  Scenario: The global interface bytes code values ISO/IEC 7816-3 defines: Fi and Di of TA1, the protocol of TA2, the class indicator after T=15
    Given the card has been reset
    And the card's ATR can be read
    Then the ATR's global interface bytes code values ISO/IEC 7816-3 defines

  @TC:ISO-ATR-004 @req:ISO7816-3:8.2.3
  Scenario: The TD bytes indicate the protocols in ascending order, T=15 never in TD1
    Given the card has been reset
    And the card's ATR can be read
    Then the ATR's TD bytes indicate the protocols in ascending order

  @TC:ISO-ATR-005 @req:ISO7816-3:8.2.3
  Scenario: The ATR offers exactly the protocols the product declares
    Given the card has been reset
    And the card's ATR can be read
    Then the ATR offers exactly the protocols of the ICS

  @TC:ISO-ATR-006 @req:ISO7816-3:10.2 @req:ISO7816-3:11.4
  Scenario: The protocol specific bytes code values ISO/IEC 7816-3 defines: WI of T=0, IFSC, BWI and the EDC of T=1
    Given the card has been reset
    And the card's ATR can be read
    Then the ATR's protocol specific bytes code values ISO/IEC 7816-3 defines

  @TC:ISO-ATR-007 @req:ISO7816-3:6.2.2 @req:ISO7816-3:6.2.3 @req:SSCARD-2:8.5
  Scenario: A warm reset answers the cold reset's ATR, or the warm ATR the product declares
    Given the card has been powered up with a cold reset
    When the terminal warm-resets the card
    Then the warm reset answers the cold reset ATR, or the warm ATR the product declares

  @TC:ISO-ATR-008 @req:SSCARD-2:8.2 @req:SSCARD-2:8.3 @req:SSCARD-10:5.1.2 @ics:sscard @ics:t0
  Scenario: The ATR is the basic ATR of 社会保障卡规范 part 2: TS 3B, TB1 00, T=0 only, TD1 80 and TD2 1F with clock stop, TCK only with T=15
    Given the card has been reset
    And the card's ATR can be read
    Then the ATR is the basic ATR of 社会保障卡规范 part 2

  @TC:ISO-ATR-009 @req:SSCARD-2:8.4 @req:SSCARD-9:7.3.3 @req:SSCARD-10:5.1.2 @ics:sscard
  Scenario: The ATR carries the 13 basic historical bytes, the card serial beginning with four BCD digits
    Given the card has been reset
    And the card's ATR can be read
    Then the ATR carries the basic historical bytes of 社会保障卡规范 part 2
