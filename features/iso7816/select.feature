# ISO/IEC 7816-4 §7.1.1 SELECT; 社会保障卡规范 part 5 §6.11 (P1 00/02/04, P2 00/02/0C).
# @ics:sscard: the scenario needs the SSSE or the DFs of 社会保障卡规范, or judges a status word only that
# specification fixes (table 39: 6700 when P1-P2 and Lc disagree); a bare ISO 7816-4 card is not held to it.
Feature: SELECT

  @TC:ISO-SEL-001 @req:ISO7816-4:7.1.1 @req:SSCARD-5:6.11
  Scenario: SELECT of the MF by its file identifier 3F00
    When the terminal sends "00 A4 00 00 02 3F 00"
    Then the status word is 9000

  @TC:ISO-SEL-002 @req:ISO7816-4:7.1.1 @req:SSCARD-3:6.2 @req:SSCARD-5:6.11 @ics:sscard
  Scenario: SELECT of the SSSE by its DF name returns its FCI with that name
    When the terminal selects the SSSE by its name
    Then the response is an FCI whose DF name is the SSSE name

  @TC:ISO-SEL-003 @req:ISO7816-4:7.1.1 @req:SSCARD-5:6.11 @ics:sscard
  Scenario: SELECT by a partial DF name finds the SSSE
    When the terminal selects by DF name "sx1.sh."
    Then the response is an FCI whose DF name is the SSSE name

  @TC:ISO-SEL-004 @req:ISO7816-4:7.1.1 @req:SSCARD-5:6.11
  Scenario: SELECT of a DF name the card does not have answers 6A82
    When the terminal selects by DF name "A0 00 00 00 00 99 99 99"
    Then the status word is 6A82

  @TC:ISO-SEL-005 @req:ISO7816-4:7.1.1 @req:SSCARD-5:6.11
  Scenario: SELECT of a file identifier the card does not have answers 6A82
    Given the SSSE is selected
    When the terminal sends "00 A4 00 00 02 EF EE"
    Then the status word is 6A82
    When the terminal sends "00 A4 00 00 02 3F 00"
    And the terminal sends "00 A4 00 00 02 EF EE"
    Then the status word is 6A82

  @TC:ISO-SEL-006 @req:ISO7816-4:7.1.1 @req:SSCARD-5:6.11
  Scenario: SELECT with an undefined P1 or P2 answers 6A86
    When the terminal sends "00 A4 0F 00 02 3F 00"
    Then the status word is 6A86
    When the terminal sends "00 A4 00 10 02 3F 00"
    Then the status word is 6A86

  @TC:ISO-SEL-007 @req:ISO7816-4:7.1.1 @req:SSCARD-5:6.11 @ics:sscard
  Scenario: SELECT by file identifier with a one-byte identifier answers 6700
    When the terminal sends "00 A4 00 00 01 3F"
    Then the status word is 6700

  @TC:ISO-SEL-008 @req:ISO7816-4:7.1.1 @ics:sscard
  Scenario: SELECT with P2 0C selects without response data
    When the terminal sends "00 A4 04 0C 06 D1 56 00 00 05 00"
    Then the status word is 9000
    And the response data is empty

  @TC:ISO-SEL-009 @req:ISO7816-4:7.1.1 @req:SSCARD-5:6.11
  Scenario: SELECT of an EF by file identifier under the current DF makes it current
    Given the DF of the transparent EF is selected
    When the terminal selects the transparent EF by file identifier
    Then the status word is 9000
    When the terminal reads 4 bytes at offset 0
    Then the status word is 9000
    And the response data is 4 bytes long

  @TC:ISO-SEL-010 @req:ISO7816-4:7.1.1 @req:SSCARD-5:6.11 @ics:sscard
  Scenario: SELECT of the next occurrence of a partial AID moves to another application
    When the terminal selects by DF name "D1 56 00 00 05"
    Then the response is an FCI whose DF name starts with "D1 56 00 00 05"
    When the terminal selects the next DF named "D1 56 00 00 05"
    Then the response is an FCI whose DF name starts with "D1 56 00 00 05"

  @TC:ISO-SEL-011 @req:JRT0025-5:B.13.5 @req:ISO7816-4:7.1.1 @ics:sscard
  Scenario: SELECT next of a partial DF name finds each matching DF once, then answers 6A82
    When the terminal selects by DF name "D1 56 00 00 05"
    Then selecting the next DF named "D1 56 00 00 05" again and again finds each matching DF once and ends with 6A82

  @TC:ISO-SEL-012 @req:ISO7816-4:7.1.1 @req:SSCARD-5:6.11
  Scenario: SELECT by a path from the current DF (P1 09), where the card offers it, makes the EF the path names current
    Given the transparent EF is selected
    And the terminal has read the first 32 bytes of the current EF
    And the DF of the transparent EF is selected
    Then selecting the transparent EF by its path from the current DF, if the card offers it, makes that EF current

  @TC:ISO-SEL-013 @req:ISO7816-4:7.1.1 @req:SSCARD-5:6.11 @req:SSCARD-6:V2.0-5 @ics:sscard
  Scenario: SELECT by file identifier (P1 00) selects a DF under the current DF and a DF beside the current DF (V2.0 DF01, DF02)
    Given the SSSE is selected
    When the terminal sends "00 A4 00 00 02 DF 01 00"
    Then the FCI names the application D15600000500
    When the terminal sends "00 A4 00 00 02 DF 02 00"
    Then the FCI names the application D15600000501

  # P1 00 with the data field absent selects the MF (ISO/IEC 7816-4 §7.1.1 table 39; 社会保障卡规范 part 5 §6.11).
  @TC:ISO-SEL-014 @req:ISO7816-4:7.1.1 @req:SSCARD-5:6.11
  Scenario: SELECT with P1 00 and no data field selects the MF
    When the terminal sends "00 A4 00 00 00"
    Then the status word is 9000

  # 社会保障卡规范 part 5 table 34 gives the occurrences 00 (first) and 02 (next) only; ISO/IEC 7816-4 also
  # defines 01 (last), so a bare ISO card is not held to this.
  @TC:ISO-SEL-015 @req:SSCARD-5:6.11 @ics:sscard
  Scenario: SELECT with P2 01 (last occurrence, not in part 5 table 34) answers 6A86
    When the terminal sends "00 A4 00 01 02 3F 00"
    Then the status word is 6A86
