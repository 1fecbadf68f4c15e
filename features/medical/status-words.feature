# The command × status-word table of 社会保障卡规范 part 5 §7 (tables 50–78, docs/sw-coverage.md,
# reports/sw-coverage.yaml): rows the other medical scenarios do not provoke. Nothing here moves money:
# every load and purchase stops before its CREDIT or DEBIT takes.
Feature: Status words of the medical account commands, as part 5 tables them

  @req:SSCARD-5:5.4 @ics:medical-offline @needs:pin
  Scenario Outline: <command> with a class part 5 does not give it answers 6E00
    Given DF04 is selected with the PIN verified
    When the terminal sends "<apdu>"
    Then the status word is 6E00

    @TC:SW-CLA-15 @req:SSCARD-5:7.1
    Examples: CREDIT FOR LOAD
      | command | apdu |
      | CREDIT FOR LOAD | 00 2A 00 00 0B 20261201090000 00000000 04 |

    @TC:SW-CLA-16 @req:SSCARD-5:7.2
    Examples: DEBIT FOR PURCHASE
      | command | apdu |
      | DEBIT FOR PURCHASE | 00 2C 01 00 0F 00000001 20261201103000 00000000 08 |

    @TC:SW-CLA-17 @req:SSCARD-5:7.4
    Examples: GET TRANSACTION PROOF
      | command | apdu |
      | GET TRANSACTION PROOF | 00 2E 00 09 02 0000 08 |

    @TC:SW-CLA-18 @req:SSCARD-5:7.5
    Examples: INITIALIZE FOR LOAD
      | command | apdu |
      | INITIALIZE FOR LOAD | 00 28 00 01 0B 01 00000000 110100000001 10 |

    @TC:SW-CLA-19 @req:SSCARD-5:7.6
    Examples: INITIALIZE FOR PURCHASE
      | command | apdu |
      | INITIALIZE FOR PURCHASE | 00 28 01 01 13 01 00000000 00000000 00000000 110100000001 16 |

    @TC:SW-CLA-20 @req:SSCARD-5:7.7
    Examples: UPDATE STARTING DAY
      | command | apdu |
      | UPDATE STARTING DAY | 00 56 00 00 03 010100 |

    @TC:SW-CLA-21 @req:SSCARD-5:7.8
    Examples: GET STARTING DAY
      | command | apdu |
      | GET STARTING DAY | 00 56 01 00 02 |

  @TC:SW-LEN-05 @req:SSCARD-5:7.5.5 @ics:medical-offline @needs:pin
  Scenario: INITIALIZE FOR LOAD with Lc 0A answers 6700
    Given DF04 is selected with the PIN verified
    When the terminal sends "B0 28 00 01 0A 01 00000000 1101000000 10"
    Then the status word is 6700

  @TC:SW-LEN-06 @req:SSCARD-5:7.1.5 @ics:medical-offline @needs:pin
  Scenario: CREDIT FOR LOAD with Lc 0A answers 6700
    Given DF04 is selected with the PIN verified
    When the terminal sends "B0 28 00 01 0B 01 00000100 110100000001 10"
    Then the status word is 9000
    When the terminal sends "B0 2A 00 00 0A 20261201090000 000000 04"
    Then the status word is 6700

  @TC:SW-P12-06 @req:SSCARD-5:7.6.5 @ics:medical-offline @needs:pin
  Scenario: INITIALIZE FOR PURCHASE with P2 02 answers 6A86
    Given DF04 is selected with the PIN verified
    When the terminal sends "B0 28 01 02 13 01 00000000 00000000 00000000 110100000001 16"
    Then the status word is 6A86

  @TC:SW-P12-07 @req:SSCARD-5:7.1.5 @ics:medical-offline @needs:pin
  Scenario: CREDIT FOR LOAD with P1 01 answers 6A86
    Given DF04 is selected with the PIN verified
    When the terminal sends "B0 28 00 01 0B 01 00000100 110100000001 10"
    Then the status word is 9000
    When the terminal sends "B0 2A 01 00 0B 20261201090000 00000000 04"
    Then the status word is 6A86

  @TC:SW-P12-08 @req:SSCARD-5:7.2.5 @ics:medical-offline @needs:pin
  Scenario: DEBIT FOR PURCHASE with P1 02 answers 6A86
    Given DF04 is selected with the PIN verified
    When the terminal sends "B0 28 01 01 13 01 00000001 00000000 00000000 110100000001 16"
    Then the status word is 9000
    When the terminal sends "B0 2C 02 00 0F 00000001 20261201103000 00000000 08"
    Then the status word is 6A86
