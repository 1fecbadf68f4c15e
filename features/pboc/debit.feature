# The UnionPay debit application in the PSE (JR/T 0025.5 §6–7, annexes A, B, E; JR/T 0025.7 §11):
# selection, GET PROCESSING OPTIONS, the records the AFL names, GET DATA, offline PIN, GENERATE AC.
Feature: PBOC debit application

  @TC:PB-SEL-001 @req:JRT0025-5:6.3.1 @ics:financial
  Scenario: The PSE directory lists the debit application
    Then the PSE directory lists the debit AID

  @TC:PB-SEL-002 @req:JRT0025-5:6.4.2 @ics:financial
  Scenario: SELECT of the debit AID answers an FCI with the AID, a label and a PDOL
    Given the PSE is selected
    When the terminal selects the debit application
    Then the response is an FCI naming the debit AID, a label and a PDOL

  @TC:PB-GPO-001 @req:JRT0025-5:6.5 @ics:financial
  Scenario: GET PROCESSING OPTIONS with the PDOL data answers the AIP and the AFL
    Given the debit application is selected
    When the terminal sends GET PROCESSING OPTIONS with the PDOL data
    Then the card answers an AIP and an AFL

  @TC:PB-GPO-002 @req:JRT0025-5:6.5 @ics:financial
  Scenario: GET PROCESSING OPTIONS with PDOL data of the wrong length answers 6700
    Given the debit application is selected
    When the terminal sends GET PROCESSING OPTIONS with one byte of PDOL data too many
    Then the status word is 6700

  @TC:PB-GPO-003 @req:JRT0025-5:6.5 @ics:financial
  Scenario: A second GET PROCESSING OPTIONS in the same transaction answers 6985
    Given the debit application is selected
    When the terminal sends GET PROCESSING OPTIONS with the PDOL data
    And the terminal sends GET PROCESSING OPTIONS with the PDOL data
    Then the status word is 6985

  @TC:PB-REC-001 @req:JRT0025-5:6.6 @ics:financial
  Scenario: Every record the AFL names reads as a 70 template
    Given the debit application is selected
    When the terminal sends GET PROCESSING OPTIONS with the PDOL data
    And the terminal reads every record the AFL names
    Then every record the AFL names is a 70 template

  @req:JRT0025-5:A @ics:financial
  Scenario Outline: The records hold the mandatory data object <name> (<tag>)
    Given the terminal has read the debit application
    Then the card data hold <tag>

    @TC:PB-REC-002-5A
    Examples: PAN
      | tag | name |
      | 5A | PAN |

    @TC:PB-REC-002-5F24
    Examples: application expiry date
      | tag | name |
      | 5F24 | application expiry date |

    @TC:PB-REC-002-8C
    Examples: CDOL1
      | tag | name |
      | 8C | CDOL1 |

    @TC:PB-REC-002-8D
    Examples: CDOL2
      | tag | name |
      | 8D | CDOL2 |

    @TC:PB-REC-002-57
    Examples: track 2 equivalent data
      | tag | name |
      | 57 | track 2 equivalent data |

    @TC:PB-REC-002-5F34
    Examples: PAN sequence number
      | tag | name |
      | 5F34 | PAN sequence number |

  @TC:PB-REC-003 @req:JRT0025-5:A @ics:financial
  Scenario: The PAN passes its Luhn check
    Given the terminal has read the debit application
    Then the PAN passes its Luhn check

  @TC:PB-REC-004 @req:JRT0025-5:A @ics:financial
  Scenario: The expiry date is a date after the effective date
    Given the terminal has read the debit application
    Then the expiry date is a date after the effective date

  @req:JRT0025-5:B.5 @ics:financial
  Scenario Outline: GET DATA <tag> answers <n> bytes
    Given the debit application is selected
    When the terminal asks GET DATA <tag>
    Then GET DATA <tag> answers <n> bytes

    @TC:PB-DATA-001-9F36
    Examples: 9F36
      | tag | n |
      | 9F36 | 2 |

    @TC:PB-DATA-001-9F17
    Examples: 9F17
      | tag | n |
      | 9F17 | 1 |

    @TC:PB-DATA-001-9F13
    Examples: 9F13
      | tag | n |
      | 9F13 | 2 |

  @TC:PB-PIN-001 @req:JRT0025-5:B.12 @ics:financial
  Scenario: The right offline PIN answers 9000
    Given the terminal has read the debit application
    When the terminal presents the offline PIN "1234"
    Then the status word is 9000

  @TC:PB-PIN-002 @req:JRT0025-5:B.12 @ics:financial
  Scenario: A wrong offline PIN answers 63Cx and costs one try of 9F17
    Given the terminal has read the debit application
    When the terminal asks GET DATA 9F17
    And the terminal presents the offline PIN "9999"
    Then the card answers 63Cx
    And the PIN try counter is 1 less than before

  @TC:PB-AC-001 @req:JRT0025-5:E @req:JRT0025-7:11.1.3 @ics:financial
  Scenario: An ARQC the issuer verifies with the card's key
    Given the terminal has read the debit application
    When the terminal asks GENERATE AC for ARQC
    Then the cryptogram is ARQC
    And the issuer verifies the cryptogram

  @TC:PB-AC-002 @req:JRT0025-5:B.6 @ics:financial
  Scenario: Asked for an AAC the card gives an AAC, never more
    Given the terminal has read the debit application
    When the terminal asks GENERATE AC for AAC
    Then the cryptogram is AAC
    And the issuer verifies the cryptogram

  @TC:PB-AC-003 @req:JRT0025-5:B.6 @ics:financial
  Scenario: GENERATE AC counts the ATC up by one
    Given the terminal has read the debit application
    When the terminal asks GET DATA 9F36
    And the terminal asks GENERATE AC for ARQC
    Then the cryptogram carries the ATC after the one GET DATA gave

  @TC:PB-AC-004 @req:JRT0025-5:B.6 @ics:financial
  Scenario: GENERATE AC before GET PROCESSING OPTIONS answers 6985
    Given the debit application is selected
    When the terminal asks GENERATE AC for ARQC without GET PROCESSING OPTIONS
    Then the status word is 6985
