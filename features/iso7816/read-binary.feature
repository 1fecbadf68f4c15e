# ISO/IEC 7816-4 §7.2.3 READ BINARY; 社会保障卡规范 part 5 §6.9.
Feature: READ BINARY

  @TC:ISO-RB-001 @req:ISO7816-4:7.2.3 @req:SSCARD-5:6.9
  Scenario: READ BINARY honours the offset in P1-P2
    Given the transparent EF is selected
    And the terminal has read the first 32 bytes of the current EF
    When the terminal reads 8 bytes at offset 16
    Then the data equals the first-read content from offset 16

  @TC:ISO-RB-002 @req:ISO7816-4:7.2.3 @req:SSCARD-5:6.9
  Scenario: READ BINARY with a short EF identifier in P1 reads that EF from the offset in P2
    Given the transparent EF is selected
    And the terminal has read the first 32 bytes of the current EF
    And the SSSE is selected
    And the DF of the transparent EF is selected
    When the terminal reads 8 bytes at offset 4 of the transparent EF by its SFI
    Then the data equals the first-read content from offset 4

  @TC:ISO-RB-003 @req:ISO7816-4:7.2.3 @req:SSCARD-5:6.9
  Scenario: READ BINARY at an offset beyond the EF answers 6B00, also at the offset just past its last byte
    Given the transparent EF is selected
    When the terminal reads 1 byte at offset 32767
    Then the status word is 6B00
    Given the size of the current EF is known
    When the terminal reads 1 bytes starting 0 bytes before the end of the EF
    Then the status word is 6B00

  @TC:ISO-RB-004 @req:ISO7816-4:7.2.3 @req:SSCARD-5:6.9 @req:ISO7816-3:12.2.2
  Scenario: READ BINARY asking more bytes than remain is told how many remain
    Given the transparent EF is selected
    And the size of the current EF is known
    When the terminal reads 16 bytes starting 8 bytes before the end of the EF
    Then the card reports that only 8 bytes remain

  @TC:ISO-RB-005 @req:ISO7816-4:7.2.3 @req:SSCARD-5:6.9
  Scenario: READ BINARY of a record EF answers 6981
    Given the record EF is selected
    When the terminal reads 4 bytes at offset 0
    Then the status word is 6981

  @TC:ISO-RB-006 @req:ISO7816-4:7.2.3 @req:SSCARD-5:6.9
  Scenario: READ BINARY with no current EF answers 6986
    Given the DF of the transparent EF is selected
    When the terminal reads 4 bytes at offset 0
    Then the status word is 6986

  @TC:ISO-RB-007 @req:ISO7816-4:7.2.3 @req:SSCARD-5:6.9
  Scenario: READ BINARY with a short EF identifier the DF does not have answers 6A82
    Given the DF of the transparent EF is selected
    When the terminal sends "00 B0 9D 00 04"
    Then the status word is 6A82

  @TC:ISO-RB-008 @req:ISO7816-4:7.2.3 @req:SSCARD-5:6.9 @req:SSCARD-6:V2.0-table3
  Scenario: READ BINARY of an EF behind a read key, without authentication, answers 6982
    Given the key-protected EF is selected
    When the terminal reads 4 bytes at offset 0
    Then the status word is 6982
