# EXTERNAL AUTHENTICATE (社会保障卡规范 part 5 §6.4, tables 13–16; part 7 §6.2–6.7; part 4 §9) and
# INTERNAL AUTHENTICATE (part 5 §6.7, table 23; part 7 §5.4) with the keys of the SSSE, computed
# through the PSAM (part 9 §7.3, §9.7–9.8). Key versions: LD/T 6001.3 KEY_VER1–3.
Feature: External and internal authentication

  @req:SSCARD-5:6.4 @req:SSCARD-7:6.5
  Scenario Outline: EXTERNAL AUTHENTICATE with <key> on the latest challenge answers 9000
    Given the SSSE is selected
    When the terminal authenticates with <key>
    Then the status word is 9000

    @TC:SS-EA-001
    Examples: RK SSSE
      | key     |
      | RK SSSE |

    @TC:SS-EA-011
    Examples: UK SSSE
      | key     |
      | UK SSSE |

    @TC:SS-EA-012
    Examples: PUK
      | key |
      | PUK |

  @TC:SS-EA-002 @req:SSCARD-5:6.4.5 @req:SSCARD-7:6.6
  Scenario: A failed EXTERNAL AUTHENTICATE costs one try, a good one restores the counter
    Given the SSSE is selected
    When the terminal authenticates with RK SSSE using wrong authentication data
    Then the card reports the tries left
    When the terminal authenticates with RK SSSE using wrong authentication data
    Then the card reports 1 try fewer than before
    When the terminal authenticates with RK SSSE
    Then the status word is 9000
    When the terminal authenticates with RK SSSE using wrong authentication data
    Then the card reports the same tries left as before
    And the sample is restored: a good EXTERNAL AUTHENTICATE with RK SSSE resets its try counter

  @TC:SS-EA-003 @req:SSCARD-5:6.5 @req:SSCARD-4:9.2
  Scenario: Authentication data computed on an earlier challenge is refused
    Given the SSSE is selected
    When the terminal authenticates with RK SSSE on the first of two challenges
    Then the card reports the tries left
    And the sample is restored: a good EXTERNAL AUTHENTICATE with RK SSSE resets its try counter

  @TC:SS-EA-004 @req:SSCARD-5:6.4.5 @req:SSCARD-5:6.5
  Scenario: EXTERNAL AUTHENTICATE without a challenge answers 6984
    When the terminal sends EXTERNAL AUTHENTICATE for RK SSSE without asking a challenge
    Then the status word is 6984

  @TC:SS-EA-005 @req:SSCARD-5:6.5 @req:SSCARD-4:9.2
  Scenario: A challenge is used once: the same EXTERNAL AUTHENTICATE sent again is refused with 6984
    Given the SSSE is selected
    When the terminal authenticates with RK SSSE and sends the same command again
    Then the status word is 6984

  @TC:SS-EA-006 @req:SSCARD-5:6.4.5 @req:SSCARD-7:6.6 @destructive
  Scenario: When the tries run out the key is locked and right authentication data answers 6983
    Given the SSSE is selected
    When the terminal authenticates with RK SSSE using wrong data until the card answers 63C0
    Then the status word is 63C0
    When the terminal authenticates with RK SSSE
    Then the status word is 6983

  @TC:SS-EA-007 @req:SSCARD-5:6.4.5 @req:SSCARD-5:6.4.3
  Scenario: EXTERNAL AUTHENTICATE with a key or a key version the SSSE does not have answers 6A88
    Given the SSSE is selected
    When the terminal sends "00 84 00 00 08"
    And the terminal sends "00 82 00 0E 10 0102030405060708 1112131415161718"
    Then the status word is 6A88
    When the terminal authenticates with RK SSSE naming a key version the card does not have
    Then the status word is 6A88
    When the terminal authenticates with RK SSSE naming key version 1
    Then the status word is 9000

  @TC:SS-EA-008 @req:SSCARD-5:6.4.5
  Scenario: EXTERNAL AUTHENTICATE with 15 data bytes answers 6700
    Given the SSSE is selected
    When the terminal sends "00 82 00 0A 0F 0102030405060708 11121314151617"
    Then the status word is 6700

  @TC:SS-EA-009 @req:SSCARD-5:6.4.5
  Scenario: EXTERNAL AUTHENTICATE with P1 01 answers 6A86
    Given the SSSE is selected
    When the terminal sends "00 82 01 0A 10 0102030405060708 1112131415161718"
    Then the status word is 6A86

  @req:SSCARD-5:6.7 @req:SSCARD-7:5.4 @req:LDT6001-3:KEY_VER
  Scenario Outline: INTERNAL AUTHENTICATE with IRK version <version> gives what the PSAM computes
    Given the SSSE is selected
    When the terminal asks INTERNAL AUTHENTICATE with IRK version <version>
    Then the internal authentication data is what the PSAM computes

    @TC:KEY_VER1
    Examples: version 1
      | version |
      | 1       |

    @TC:KEY_VER2
    Examples: version 2
      | version |
      | 2       |

    @TC:KEY_VER3
    Examples: version 3
      | version |
      | 3       |

  @TC:SS-IA-001 @req:SSCARD-5:6.7 @req:SSCARD-7:5.4
  Scenario: INTERNAL AUTHENTICATE without a key version uses IRK and answers a fresh result for each random
    Given the SSSE is selected
    When the terminal asks INTERNAL AUTHENTICATE without a key version
    And the terminal asks INTERNAL AUTHENTICATE without a key version
    Then the two internal authentication results differ and both are right

  @TC:SS-IA-002 @req:SSCARD-5:6.7.5
  Scenario: INTERNAL AUTHENTICATE with 15 data bytes answers 6700
    Given the SSSE is selected
    When the terminal sends "00 88 00 00 0F 0102030405060708 11121314151617 00"
    Then the status word is 6700

  @TC:SS-IA-003 @req:SSCARD-5:6.7.5
  Scenario: INTERNAL AUTHENTICATE with P1-P2 other than 0000 answers 6A86
    Given the SSSE is selected
    When the terminal sends "00 88 01 00 10 0102030405060708 1112131415161718 00"
    Then the status word is 6A86

  @TC:SS-IA-004 @req:SSCARD-5:6.7.5
  Scenario: INTERNAL AUTHENTICATE with a key version the card does not have answers 6A88
    Given the SSSE is selected
    When the terminal sends "00 88 00 00 11 0102030405060708 1112131415161718 09 00"
    Then the status word is 6A88
