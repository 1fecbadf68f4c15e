# The command × status-word table of 社会保障卡规范 part 5 §6 (tables 7–48, docs/sw-coverage.md,
# reports/sw-coverage.yaml): rows no other scenario provokes. Each command with a class part 5 does not
# give it (CLA错, 6E00: the SSSE commands are 00/04/80/84 as the spec codes each), each parameter, length
# and file rule with its code. Nothing here changes the card.
Feature: Status words of the SSSE commands, as part 5 tables them

  @req:SSCARD-5:5.4
  Scenario Outline: <command> with a class part 5 does not give it answers 6E00
    Given the SSSE is selected
    When the terminal sends "<apdu>"
    Then the status word is 6E00

    @TC:SW-CLA-01 @req:SSCARD-5:6.1
    Examples: APPLICATION BLOCK
      | command | apdu |
      | APPLICATION BLOCK | 00 1E 00 01 04 11223344 |

    @TC:SW-CLA-02 @req:SSCARD-5:6.2
    Examples: CARD BLOCK
      | command | apdu |
      | CARD BLOCK | 00 16 00 00 04 11223344 |

    @TC:SW-CLA-03 @req:SSCARD-5:6.3
    Examples: CHANGE PIN
      | command | apdu |
      | CHANGE PIN | 00 5E 01 00 07 123456FF654321 |

    @TC:SW-CLA-04 @req:SSCARD-5:6.4
    Examples: EXTERNAL AUTHENTICATION
      | command | apdu |
      | EXTERNAL AUTHENTICATION | 80 82 00 09 08 1122334455667788 |

    @TC:SW-CLA-05 @req:SSCARD-5:6.5
    Examples: GET CHALLENGE
      | command | apdu |
      | GET CHALLENGE | 80 84 00 00 08 |

    @TC:SW-CLA-06 @req:SSCARD-5:6.6
    Examples: GET RESPONSE
      | command | apdu |
      | GET RESPONSE | 80 C0 00 00 08 |

    @TC:SW-CLA-07 @req:SSCARD-5:6.7
    Examples: INTERNAL AUTHENTICATION
      | command | apdu |
      | INTERNAL AUTHENTICATION | 80 88 00 00 08 1122334455667788 |

    @TC:SW-CLA-08 @req:SSCARD-5:6.8
    Examples: PIN CHANGE/UNBLOCK
      | command | apdu |
      | PIN CHANGE/UNBLOCK | 00 24 00 00 04 11223344 |

    @TC:SW-CLA-09 @req:SSCARD-5:6.9
    Examples: READ BINARY
      | command | apdu |
      | READ BINARY | 80 B0 85 00 00 |

    @TC:SW-CLA-10 @req:SSCARD-5:6.10
    Examples: READ RECORD
      | command | apdu |
      | READ RECORD | 80 B2 01 2C 00 |

    @TC:SW-CLA-11 @req:SSCARD-5:6.11
    Examples: SELECT
      | command | apdu |
      | SELECT | 80 A4 00 00 02 EF05 |

    @TC:SW-CLA-12 @req:SSCARD-5:6.12
    Examples: UPDATE BINARY
      | command | apdu |
      | UPDATE BINARY | 80 D6 85 00 01 01 |

    @TC:SW-CLA-13 @req:SSCARD-5:6.13
    Examples: UPDATE RECORD
      | command | apdu |
      | UPDATE RECORD | 80 DC 01 2C 03 010100 |

    @TC:SW-CLA-14 @req:SSCARD-5:6.14
    Examples: VERIFY
      | command | apdu |
      | VERIFY | 80 20 00 00 03 123456 |

  @TC:SW-LEN-01 @req:SSCARD-5:6.1.5
  Scenario: APPLICATION BLOCK with 3 data bytes (no room for its MAC) or 5 answers 6700
    Given the SSSE is selected
    When the terminal sends "84 1E 00 01 03 112233"
    Then the status word is 6700
    When the terminal sends "84 1E 00 01 05 1122334455"
    Then the status word is 6700

  @TC:SW-LEN-02 @req:SSCARD-5:6.2.5
  Scenario: CARD BLOCK with 3 or 5 data bytes answers 6700
    Given the SSSE is selected
    When the terminal sends "84 16 00 00 03 112233"
    Then the status word is 6700
    When the terminal sends "84 16 00 00 05 1122334455"
    Then the status word is 6700

  @TC:SW-LEN-03 @req:SSCARD-5:6.8.5
  Scenario: PIN CHANGE/UNBLOCK with 3 data bytes answers 6700
    Given the SSSE is selected
    When the terminal sends "84 24 00 00 03 112233"
    Then the status word is 6700

  @TC:SW-LEN-04 @req:SSCARD-5:6.13.5
  Scenario: UPDATE RECORD without a data field answers 6700
    Given the SSSE is selected
    When the terminal sends "00 DC 01 2C 00"
    Then the status word is 6700

  @TC:SW-P12-01 @req:SSCARD-5:6.2.5
  Scenario: CARD BLOCK with P1 01 or P2 01 answers 6A86
    Given the SSSE is selected
    When the terminal sends "84 16 01 00 04 11223344"
    Then the status word is 6A86
    When the terminal sends "84 16 00 01 04 11223344"
    Then the status word is 6A86

  @TC:SW-P12-02 @req:SSCARD-5:6.13.5
  Scenario: UPDATE RECORD with the reserved mode 111 in P2, the SFI 11111 or the record number FF answers 6A86
    Given the SSSE is selected
    When the terminal sends "00 DC 01 2F 03 010100"
    Then the status word is 6A86
    When the terminal sends "00 DC 01 FC 03 010100"
    Then the status word is 6A86
    When the terminal sends "00 DC FF 2C 03 FF0100"
    Then the status word is 6A86

  @TC:SW-P12-03 @req:SSCARD-5:6.12.5
  Scenario: UPDATE BINARY with P1 C5 (b8 set, b7-b6 not 00) answers 6A86
    Given the SSSE is selected
    When the terminal sends "00 D6 C5 00 01 00"
    Then the status word is 6A86

  @TC:SW-P12-04 @req:SSCARD-5:6.14.5
  Scenario: VERIFY with P1 01 answers 6A86
    Given the SSSE is selected
    When the terminal sends "00 20 01 00 03 123456"
    Then the status word is 6A86

  @TC:SW-P12-05 @req:SSCARD-5:6.6.5 @ics:t0
  Scenario: GET RESPONSE with P1 01 answers 6A86
    When the terminal sends "00 A4 04 00 06 D15600000503"
    And the terminal sends "00 C0 01 00 10"
    Then the status word is 6A86

  @TC:SW-P12-09 @req:SSCARD-5:6.9.5
  Scenario: READ BINARY with P1 C5 (b8 set, b7-b6 not 00) answers 6A86
    Given the SSSE is selected
    When the terminal sends "00 B0 C5 00 01"
    Then the status word is 6A86

  @TC:SW-EF-01 @req:SSCARD-5:6.13.5
  Scenario: UPDATE RECORD of the current EF with no current EF answers 6986
    Given the SSSE is selected
    When the terminal sends "00 DC 01 04 03 010100"
    Then the status word is 6986

  @TC:SW-EF-02 @req:SSCARD-5:6.13.5
  Scenario: UPDATE RECORD with a short EF identifier the DF does not have answers 6A82
    Given the SSSE is selected
    When the terminal sends "00 DC 01 F4 03 010100"
    Then the status word is 6A82

  @TC:SW-EF-03 @req:SSCARD-5:6.12.5
  Scenario: UPDATE BINARY with no current EF answers 6986
    Given the SSSE is selected
    When the terminal sends "00 D6 00 00 01 00"
    Then the status word is 6986

  @TC:SW-EF-04 @req:SSCARD-5:6.12.5
  Scenario: UPDATE BINARY with a short EF identifier the DF does not have answers 6A82
    Given the SSSE is selected
    When the terminal sends "00 D6 9E 00 01 00"
    Then the status word is 6A82

  @TC:SW-EF-05 @req:SSCARD-5:6.12.5
  Scenario: UPDATE BINARY of a record EF answers 6981
    Given the SSSE is selected
    When the terminal sends "00 D6 85 00 01 00"
    Then the status word is 6981

  @TC:SW-EF-06 @req:SSCARD-5:6.10.5
  Scenario: READ RECORD with a short EF identifier the DF does not have answers 6A82
    Given the SSSE is selected
    When the terminal sends "00 B2 01 F4 00"
    Then the status word is 6A82

  @TC:SW-EF-07 @req:SSCARD-5:6.10.5
  Scenario: READ RECORD of the current EF with no current EF answers 6986
    Given the SSSE is selected
    When the terminal sends "00 B2 01 04 00"
    Then the status word is 6986

  @TC:SW-REF-01 @req:SSCARD-5:6.14.5
  Scenario: VERIFY of a PIN reference the card does not have answers 6A88
    Given the SSSE is selected
    When the terminal sends "00 20 00 05 03 123456"
    Then the status word is 6A88

  @TC:SW-EF-08 @req:SSCARD-5:6.13 @req:SSCARD-5:6.13.5
  Scenario: UPDATE RECORD of the record two after the last (not the next in record-number order) answers 6A83 or 6A84
    Given the SSSE is selected
    And the terminal has authenticated with UK SSSE
    When the terminal writes item 02 unchanged as the record two after the last of its EF, without secure messaging
    Then the status word is 6A83 or 6A84

  @TC:SW-TLV-01 @req:SSCARD-5:6.13.5 @req:SSCARD-6:V2.0-table3
  Scenario: UPDATE RECORD whose length byte does not match its data answers 6A85, one tagged other than the identifier in P1 does not replace that record
    Given the SSSE is selected
    And the terminal has authenticated with UK SSSE
    When the terminal writes item 02 with a length byte one more than its value, without secure messaging
    Then the status word is 6A85
    And item 02 of the SSSE reads back unchanged
    When the terminal writes item 02 by its record identifier in a record tagged 03, without secure messaging
    Then item 02 of the SSSE reads back unchanged

  @TC:SW-OFS-01 @req:SSCARD-5:6.12 @req:SSCARD-5:6.12.5 @req:SSCARD-5:6.13.5
  Scenario: UPDATE BINARY up to the last byte of EF07 answers 9000, one byte past it 6B00, without data 6700; UPDATE RECORD of it 6981
    Given the SSSE is selected
    And the terminal has authenticated with RK SSSE
    And the terminal has authenticated with UK SSSE
    When the terminal selects the key-protected EF by file identifier
    And the size of the current EF is known
    And the terminal writes the last byte of the current EF back unchanged, without secure messaging
    Then the status word is 9000
    When the terminal writes the last byte of the current EF back and one byte more, without secure messaging
    Then the status word is 6B00
    When the terminal sends "00 DC 01 3C 03 010100"
    Then the status word is 6981
    When the terminal sends "00 D6 00 00"
    Then the status word is 6700
