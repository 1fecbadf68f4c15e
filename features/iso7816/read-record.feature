# ISO/IEC 7816-4 §7.3.3 READ RECORD; 社会保障卡规范 part 5 §6.10.
Feature: READ RECORD

  @TC:ISO-RR-001 @req:ISO7816-4:7.3.3 @req:SSCARD-5:6.10
  Scenario: READ RECORD by number reads that record
    Given the DF of the record EF is selected
    And the terminal has read record 1 of the record EF
    And the terminal has read record 2 of the record EF
    Then records 1 and 2 differ
    When the terminal reads record 1 of the record EF by its SFI
    Then the data is one SIMPLE-TLV data object
    And the data equals record 1 of the record EF

  @TC:ISO-RR-002 @req:ISO7816-4:7.3.3 @req:SSCARD-5:6.10 @req:SSCARD-6:V2.0-table9
  Scenario: READ RECORD by record identifier finds the record with that tag
    Given the DF of the record EF is selected
    And the terminal has read record 2 of the record EF
    When the terminal reads the record whose identifier is that of record 2 of the record EF
    Then the data equals record 2 of the record EF

  @TC:ISO-RR-003 @req:ISO7816-4:7.3.3 @req:SSCARD-5:6.10
  Scenario: READ RECORD past the last record answers 6A83
    Given the DF of the record EF is selected
    When the terminal reads the records of the record EF one by one until the card has no more
    Then at least 1 record was read and the card then answered 6A83

  @TC:ISO-RR-004 @req:SSCARD-5:6.10 @ics:sscard
  Scenario: READ RECORD with Le 00 answers 6Cxx with the record length, and with a data field 6700
    Given the DF of the record EF is selected
    When the terminal reads record 1 of the record EF with Le 00 without T=0 handling
    Then the card answers 6Cxx with the exact length
    When the terminal resends that command with Le set to the length the card gave
    Then the response data is as long as the card said
    When the terminal sends "00 B2 01 04 01 00 00"
    Then the status word is 6700

  @TC:ISO-RR-005 @req:ISO7816-4:7.3.3 @req:SSCARD-5:6.10
  Scenario: READ RECORD of a transparent EF answers 6981
    Given the transparent EF is selected
    When the terminal sends "00 B2 01 04 00"
    Then the status word is 6981

  @TC:ISO-RR-006 @req:ISO7816-4:7.3.3 @req:SSCARD-6:V2.0-table4 @needs:pin
  Scenario: A record EF readable after the PIN answers 6982 before VERIFY and its record after
    Given the DF of the PIN-protected EF is selected
    When the terminal reads record 1 of the PIN-protected EF by its SFI
    Then the status word is 6982
    When the terminal presents the correct PIN
    Then the status word is 9000
    When the terminal reads record 1 of the PIN-protected EF by its SFI
    Then the data is one SIMPLE-TLV data object

  @TC:ISO-RR-007 @req:ISO7816-4:7.3.3 @req:SSCARD-5:6.10
  Scenario: READ RECORD with the reserved mode 111 in P2 answers 6A86
    Given the DF of the record EF is selected
    When the terminal reads record 1 of the record EF by its SFI in the reserved mode 111
    Then the status word is 6A86

  @TC:ISO-RR-008 @req:ISO7816-4:7.3.3 @req:SSCARD-5:6.10 @ics:sscard
  Scenario: READ RECORD of a range from a record past the last (P2 modes 101 and 110) answers 6A83
    Given the DF of the record EF is selected
    When the terminal reads the records of the record EF one by one until the card has no more
    And the terminal reads the record EF from the record after the last one in P2 mode 101
    Then the status word is 6A83
    When the terminal reads the record EF from the record after the last one in P2 mode 110
    Then the status word is 6A83

  @TC:ISO-RR-009 @req:ISO7816-4:7.3.3 @req:SSCARD-5:6.10 @ics:sscard
  Scenario: READ RECORD of a range answers the records from P1 to the last (P2 mode 101) and from the last to P1 (mode 110)
    Given the DF of the record EF is selected
    When the terminal reads the records of the record EF one by one until the card has no more
    And the terminal reads the record EF from the record before the last one in P2 mode 101
    Then the data is the last 2 records read one by one, in the order of P2 mode 101
    When the terminal reads the record EF from the record before the last one in P2 mode 110
    Then the data is the last 2 records read one by one, in the order of P2 mode 110

  @TC:ISO-RR-010 @req:ISO7816-4:7.3.3 @req:SSCARD-5:6.10 @ics:sscard
  Scenario: READ RECORD of the previous and the next instance of a record identifier (P2 modes 011 and 010) looks from the current record
    Given the record EF is selected
    And the terminal has read record 1 of the current EF
    And the terminal has read record 2 of the current EF
    When the terminal reads the previous record of the current EF whose identifier is that of record 1
    Then the data equals record 1 of the record EF
    When the terminal reads the next record of the current EF whose identifier is that of record 2
    Then the data equals record 2 of the record EF
    When the terminal reads the previous record of the current EF whose identifier is that of record 2
    Then the card answers record 1 if it has the identifier of record 2, else 6A83

  @TC:ISO-RR-011 @req:ISO7816-4:7.3.3 @req:SSCARD-5:6.10
  Scenario: READ RECORD with record number 00 (P2 mode 100) reads the current record
    Given the record EF is selected
    And the terminal has read record 1 of the current EF
    And the terminal has read record 2 of the current EF
    When the terminal sends "00 B2 00 04 00"
    Then the data equals record 2 of the record EF

  @TC:ISO-RR-012 @req:SSCARD-7:5.8 @req:SSCARD-5:6.11 @needs:pin
  Scenario: A PIN verified for a record EF stays verified when the terminal selects the EF's DF again
    Given the DF of the PIN-protected EF is selected
    When the terminal presents the correct PIN
    Then the status word is 9000
    When the DF of the PIN-protected EF is selected
    And the terminal reads record 1 of the PIN-protected EF by its SFI
    Then the data is one SIMPLE-TLV data object
