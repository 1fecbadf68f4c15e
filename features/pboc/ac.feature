# JR/T 0025.5 B.6 GENERATE AC, Annex A (IAD, CVR), Annex E (cryptogram data); JR/T 0025.7 §7 (session keys).
@pboc:2.0 @pboc:3.0
Feature: PBOC application cryptograms

  Background:
    Given the debit application is selected and its records read

  @req:JRT0025-5:B.6
  Scenario Outline: Asked for <type>, the card answers no higher cryptogram than asked
    When the terminal asks for <type> in the first GENERATE AC
    Then the card answers no higher cryptogram than asked
    And the cryptogram of the first GENERATE AC verifies with the issuer keys
    And the CVR of the first GENERATE AC says what the transaction did

    @TC:PB-AC-001
    Examples: AAC
      | type |
      | AAC  |

    @TC:PB-AC-002
    Examples: ARQC
      | type |
      | ARQC |

    @TC:PB-AC-003
    Examples: TC
      | type |
      | TC   |

  @TC:PB-AC-004 @req:JRT0025-7:7.2 @req:JRT0025-5:Annex-E
  Scenario: The ARQC verifies with the issuer master key, PAN, PSN and ATC
    When the terminal asks for ARQC in the first GENERATE AC
    Then the card answers ARQC
    And the cryptogram of the first GENERATE AC verifies with the issuer keys

  @TC:PB-AC-005 @req:JRT0025-5:A.1
  Scenario: The IAD carries the key index, CVN 01, the CVR and the algorithm of the ICS
    When the terminal asks for ARQC in the first GENERATE AC
    Then the IAD is 07, DKI, CVN 01, CVR of length 03 and the algorithm of the ICS
    And the CVR of the first GENERATE AC says what the transaction did

  @TC:PB-AC-006 @req:JRT0025-5:B.6
  Scenario: The ATC of GENERATE AC is the ATC that GET DATA gives
    When the terminal asks for AAC in the first GENERATE AC
    Then the ATC of the GENERATE AC response equals GET DATA 9F36

  @TC:PB-AC-007 @req:JRT0025-5:B.6
  Scenario: A third GENERATE AC in one transaction answers 6985
    Given the card has asked to go online with an ARQC
    When the terminal sends the second GENERATE AC asking for TC
    And the terminal sends a third GENERATE AC
    Then the status word is 6985

  @TC:PB-AC-008 @req:JRT0025-5:B.6
  Scenario: GENERATE AC without GET PROCESSING OPTIONS answers 6985
    When the terminal sends GENERATE AC without GET PROCESSING OPTIONS
    Then the status word is 6985

  @TC:PB-AC-009 @req:JRT0025-5:A.1 @needs:pin
  Scenario: After an offline PIN the CVR says offline PIN performed
    When the terminal verifies the offline PIN of the profile
    And the terminal asks for ARQC in the first GENERATE AC
    Then the CVR says offline PIN performed
    And the CVR of the first GENERATE AC says what the transaction did

  @TC:PB-AC-011 @req:JRT0025-5:11.4.2 @needs:pin
  Scenario: After a wrong offline PIN the CVR says offline PIN verification failed
    When the terminal verifies a wrong offline PIN
    And the terminal asks for ARQC in the first GENERATE AC
    Then the CVR says offline PIN performed and failed
    And the CVR of the first GENERATE AC says what the transaction did
    And the sample is restored: the right offline PIN resets the PIN try counter

  @TC:PB-AC-010 @req:JRT0025-5:7.7
  Scenario: The card's consecutive offline limit sends it online
    When the terminal runs up to 10 offline transactions asking for TC
    Then the card asks to go online before the last one
    And a transaction asking for AAC then gets AAC
