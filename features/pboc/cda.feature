# Combined dynamic data authentication / application cryptogram generation (CDA): JR/T 0025.7 §5.3.6 with
# RSA (= EMV Book 2 §6.6) and JR/T 0025.17 §5.2.5 with SM2/SM3. Asked in GENERATE AC (P1 b5), the card
# signs the ICC dynamic data (dynamic number, CID, TC or ARQC, transaction data hash) with the
# unpredictable number; the hash covers the PDOL data, the CDOL data and the response. An AAC is never
# signed. Judged with the profile's CA key (RSA or SM2) and issuer keys.
@pboc:2.0 @pboc:3.0 @ics:cda
Feature: PBOC combined dynamic data authentication and application cryptogram generation (CDA)

  Background:
    Given the card's offline risk counters are reset by an online approved transaction
    And the debit application is selected and its records read

  @TC:PB-CDA-001 @req:JRT0025-7:5.3.6.2 @req:JRT0025-17:5.2.5.2
  Scenario: Asked for a TC with CDA, the card signs it and the signature verifies
    When the terminal asks for TC with CDA in the first GENERATE AC
    Then the card answers TC
    And the CDA signature of the first GENERATE AC verifies with the ICC public key
    And the CVR of the first GENERATE AC says what the transaction did

  @TC:PB-CDA-002 @req:JRT0025-7:5.3.6.1 @req:JRT0025-17:5.2.5.1
  Scenario: The CDA response holds 9F27, 9F36, 9F4B and 9F10, and no cryptogram in clear
    When the terminal asks for TC with CDA in the first GENERATE AC
    Then the GENERATE AC response is 77 with 9F27, 9F36, 9F4B and optionally 9F10 only

  @TC:PB-CDA-003 @req:JRT0025-7:5.3.6.2 @req:JRT0025-17:5.2.5.2
  Scenario: Asked for an ARQC with CDA, the signature verifies and the ARQC in it verifies with the issuer keys
    When the terminal asks for ARQC with CDA in the first GENERATE AC
    Then the card answers ARQC
    And the CDA signature of the first GENERATE AC verifies with the ICC public key
    And the cryptogram of the first GENERATE AC verifies with the issuer keys

  @TC:PB-CDA-004 @req:JRT0025-7:5.3.6.1 @req:JRT0025-17:5.2.5.1
  Scenario: An AAC is not signed: asked with CDA, it comes in clear in 9F26 without 9F4B
    When the terminal asks for AAC with CDA in the first GENERATE AC
    Then the card answers AAC
    And the AAC is in clear in 9F26 and the response has no 9F4B
    And the cryptogram of the first GENERATE AC verifies with the issuer keys

  @TC:PB-CDA-005 @req:JRT0025-7:5.3.6.1 @req:JRT0025-17:5.2.5.1
  Scenario: The transaction data hash covers the PDOL data, the CDOL1 data and the response objects
    When the terminal asks for TC with CDA in the first GENERATE AC
    Then the signed transaction data hash is over the PDOL data, the CDOL1 data and the response objects but 9F4B

  @TC:PB-CDA-006 @req:JRT0025-7:5.3.6.1 @req:JRT0025-17:5.2.5.1
  Scenario: In the second GENERATE AC with CDA the signature covers the CDOL2 data too
    Given the card has asked to go online with an ARQC
    When the issuer answers with the right ARPC and ARC 00
    And the terminal sends the second GENERATE AC asking for TC with CDA
    Then the card answers TC
    And the CDA signature of the second GENERATE AC verifies with the ICC public key
    And the cryptogram of the second GENERATE AC verifies with the issuer keys

  @TC:PB-CDA-009 @req:JRT0025-7:5.3.6.1 @req:JRT0025-17:5.2.5.1
  Scenario: An issuer decline with CDA asked in the second GENERATE AC: the AAC comes in clear, unsigned
    Given the card has asked to go online with an ARQC
    When the issuer answers with the right ARPC and ARC 05
    And the terminal sends the second GENERATE AC asking for TC with CDA
    Then the card answers AAC
    And the AAC is in clear in 9F26 and the response has no 9F4B

  @req:JRT0025-7:5.3.6 @req:JRT0025-5:7 @needs:pin
  Scenario Outline: A <mode> transaction with CDA is approved <how>, every signature and cryptogram verifying
    When the reference kernel runs a <mode> transaction of 1000
    Then the transaction is approved with <how> cryptograms that verify with the issuer keys
    And the TVR says CDA did not fail

    @TC:PB-CDA-007
    Examples: offline
      | mode     | how     |
      | standard | offline |

    @TC:PB-CDA-008
    Examples: online
      | mode                   | how    |
      | merchant-forced-online | online |

  @TC:PB-CDA-101 @req:JRT0025-17:5.2.5.1 @ics:sm2
  Scenario: The SM2 CDA signature is 15, LDD, ICC dynamic data with a 32-byte SM3 hash, and r ‖ s
    When the terminal asks for TC with CDA in the first GENERATE AC
    Then the SM2 signed dynamic application data is 15, LDD, the ICC dynamic data of table 13 with a 32-byte hash, and a 64-byte signature

  @TC:PB-CDA-102 @req:JRT0025-7:5.3.6.2 @ics:rsa
  Scenario: The RSA CDA signature recovers to 6A 05 01, ICC dynamic data with a 20-byte SHA-1 hash, BB padding, BC
    When the terminal asks for TC with CDA in the first GENERATE AC
    Then the RSA signed dynamic application data recovers to the layout of table 21 with the ICC dynamic data of table 17
