# JR/T 0025.5 B.5 EXTERNAL AUTHENTICATE, JR/T 0025.7 §6.2 (ARPC method 1), second GENERATE AC.
@pboc:2.0 @pboc:3.0
Feature: PBOC online processing and issuer authentication

  Background:
    Given the card has asked to go online with an ARQC

  @TC:PB-IA-001 @req:JRT0025-5:B.5 @req:JRT0025-7:6.2
  Scenario: The right ARPC is accepted and the second GENERATE AC approves with a TC that verifies
    When the issuer answers with the right ARPC and ARC 00
    Then the status word is 9000
    When the terminal sends the second GENERATE AC asking for TC
    Then the card answers TC
    And the cryptogram of the second GENERATE AC verifies with the issuer keys
    And the CVR of the second GENERATE AC says what the transaction did

  @TC:PB-IA-002 @req:JRT0025-5:B.5
  Scenario: A wrong ARPC answers 6300
    When the issuer answers with a wrong ARPC
    Then the status word is 6300

  @TC:PB-IA-003 @req:JRT0025-5:B.5
  Scenario: A second EXTERNAL AUTHENTICATE in the transaction answers 6985
    When the issuer answers with the right ARPC and ARC 00
    And the issuer answers with the right ARPC and ARC 00
    Then the status word is 6985

  @TC:PB-IA-004 @req:JRT0025-5:7.7
  Scenario: After failed issuer authentication the card declines the second GENERATE AC
    When the issuer answers with a wrong ARPC
    And the terminal sends the second GENERATE AC asking for TC
    Then the card answers AAC
    And the CVR of the second GENERATE AC says what the transaction did
    And the next transaction's CVR says issuer authentication failed in the last online transaction
    And the card's offline risk counters are reset by an online approved transaction

  @TC:PB-IA-005 @req:JRT0025-5:B.6
  Scenario: An issuer decline (ARC 05) ends in AAC
    When the issuer answers with the right ARPC and ARC 05
    And the terminal sends the second GENERATE AC asking for TC
    Then the card answers AAC
    And the CVR of the second GENERATE AC says what the transaction did

  @TC:PB-IA-006 @req:JRT0025-5:7.7
  Scenario: An approved online transaction sets the last online ATC register
    When the issuer answers with the right ARPC and ARC 00
    And the terminal sends the second GENERATE AC asking for TC
    Then the last online ATC register 9F13 equals the ATC of the transaction

  @TC:PB-IA-007 @req:JRT0025-5:B.5 @req:JRT0025-5:15.4.3
  Scenario: EXTERNAL AUTHENTICATE after the second GENERATE AC answers 6985
    When the terminal sends the second GENERATE AC asking for TC
    And the issuer answers with the right ARPC and ARC 00
    Then the status word is 6985

  @TC:PB-IA-009 @req:JRT0025-5:16.7.2 @req:JRT0025-5:A.1
  Scenario: Unable to go online and asked for a TC, the card approves offline and its CVR says unable to go online
    Given the card's offline risk counters are reset by an online approved transaction
    And the card has asked to go online with an ARQC
    When the terminal, unable to go online, sends the second GENERATE AC asking for TC with ARC Y3
    Then the card answers TC
    And the cryptogram of the second GENERATE AC verifies with the issuer keys
    And the CVR of the second GENERATE AC says what the transaction did

  @TC:PB-IA-010 @req:JRT0025-5:16.7.2 @req:JRT0025-5:A.1
  Scenario: Authorisation response code 5A33 is unable to go online too: asked for a TC the card approves offline and its CVR says unable to go online
    Given the card's offline risk counters are reset by an online approved transaction
    And the card has asked to go online with an ARQC
    When the terminal, unable to go online, sends the second GENERATE AC asking for TC with ARC Z3
    Then the card answers TC
    And the cryptogram of the second GENERATE AC verifies with the issuer keys
    And the CVR of the second GENERATE AC says what the transaction did

  @TC:PB-IA-008 @req:JRT0025-5:16.6 @req:JRT0025-5:A.1
  Scenario: A second GENERATE AC asking for ARQC gets no TC and no ARQC
    When the issuer answers with the right ARPC and ARC 00
    And the terminal sends the second GENERATE AC asking for ARQC
    Then the card neither approves nor asks to go online again
