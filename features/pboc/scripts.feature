# JR/T 0025.5 Annex B (post-issuance commands) and C.2 (secure messaging for issuer scripts).
@pboc:2.0 @pboc:3.0
Feature: PBOC issuer scripts

  Background:
    Given the card has asked to go online with an ARQC

  @TC:PB-SC-001 @req:JRT0025-5:B.1
  Scenario: APPLICATION BLOCK with a right MAC makes the application decline
    When the issuer sends the script command 841E0000 with a right MAC
    Then the status word is 9000
    And a new transaction asking for ARQC gets AAC
    And the sample is restored: the issuer unblocks the debit application

  @TC:PB-SC-002 @req:JRT0025-5:B.2
  Scenario: APPLICATION UNBLOCK lifts the block
    When the issuer sends the script command 841E0000 with a right MAC
    Then a new transaction asking for ARQC gets AAC
    When the issuer sends the script command 84180000 with a right MAC
    Then the status word is 9000
    And a new transaction asking for ARQC gets ARQC

  @TC:PB-SC-003 @req:JRT0025-5:C.2
  Scenario: A script command with a wrong MAC is refused and has no effect
    When the issuer sends the script command 841E0000 with a wrong MAC
    Then the status word is 6988
    And a new transaction asking for ARQC gets ARQC

  @TC:PB-SC-004 @req:JRT0025-5:B.10 @needs:pin
  Scenario: PIN UNBLOCK resets the PIN try counter
    When the terminal verifies a wrong offline PIN
    And the issuer sends the script command 84240000 with a right MAC
    Then the status word is 9000
    And the PIN try counter 9F17 is back at its value before the wrong PIN

  @TC:PB-SC-005 @req:JRT0025-13:7.5 @ics:ec
  Scenario: PUT DATA 9F79 loads the EC balance
    Given the terminal keeps the EC balance and limits to restore them
    When the issuer sends the script command 04DA9F79+000000012345 with a right MAC
    Then the status word is 9000
    And GET DATA 9F79 gives 12345
    And the sample is restored: the issuer puts the EC balance and limits back by script

  @TC:PB-SC-006 @req:JRT0025-13:7.5 @ics:ec
  Scenario: A load above the EC balance limit is refused
    When the issuer loads the EC balance with 1 more than the balance limit allows
    Then the EC balance is unchanged

  @TC:PB-SC-007 @req:JRT0025-13:7.5 @ics:ec
  Scenario: PUT DATA 9F78 sets the EC single transaction limit
    Given the terminal keeps the EC balance and limits to restore them
    When the issuer sends the script command 04DA9F78+000000003000 with a right MAC
    Then the status word is 9000
    And GET DATA 9F78 gives 3000
    And the sample is restored: the issuer puts the EC balance and limits back by script

  @TC:PB-SC-008 @req:JRT0025-5:B.3 @destructive
  Scenario: After CARD BLOCK the debit application no longer answers
    When the issuer sends the script command 84160000 with a right MAC
    Then the status word is 9000
    And the debit application no longer answers GET PROCESSING OPTIONS

  @TC:PB-SC-014 @req:JRT0025-5:B.11
  Scenario: PUT DATA of the ATC, a data object table B.16 does not list, is refused
    When the issuer sends the script command 04DA9F36+0001 with a right MAC
    Then the card refuses the command

  @TC:PB-SC-015 @req:JRT0025-5:17.5 @req:JRT0025-5:B.4 @destructive
  Scenario: A CARD BLOCK in the online transaction lets the transaction finish; the next selection answers 6A81
    When the issuer sends the script command 84160000 with a right MAC
    Then the status word is 9000
    When the terminal sends the second GENERATE AC asking for TC
    Then the debit application no longer answers GET PROCESSING OPTIONS

  @TC:PB-SC-016 @req:JRT0025-5:B.13.5 @req:JRT0025-5:B.1
  Scenario: While the debit application is blocked, a SELECT of an application the card does not hold answers 6A82, not 6283
    When the issuer sends the script command 841E0000 with a right MAC
    And the terminal selects the application A0000003330101FF
    Then the status word is 6A82
    When the terminal selects the debit application
    Then the status word is 6283
    When the terminal selects the application A0000003330101FF
    Then the status word is 6A82
    And the sample is restored: the issuer unblocks the debit application

  @TC:PB-SC-009 @req:JRT0025-5:C.2
  Scenario: A script command with a wrong MAC does not change the EC balance
    Given the terminal remembers the EC balance
    When the issuer sends the script command 04DA9F79+000000012345 with a wrong MAC
    Then the status word is 6988
    And the EC balance is unchanged

  # PIN CHANGE/UNBLOCK with an enciphered PIN (JR/T 0025.5 B.10.3, C.3; JR/T 0025.17 §11): P2 01 with the
  # current PIN, P2 02 without it.
  @TC:PB-SC-010 @req:JRT0025-5:B.10.3 @req:JRT0025-5:C.3 @needs:pin
  Scenario: PIN CHANGE without the current PIN sets the new PIN and resets the PIN try counter
    When the terminal verifies a wrong offline PIN
    And the issuer changes the offline PIN to 8642 by script without the current PIN
    Then the status word is 9000
    And the PIN try counter 9F17 is back at its value before the wrong PIN
    And the offline PIN 8642 verifies
    And the offline PIN of the profile is refused
    And the sample is restored: the issuer changes the offline PIN back to the profile's by script

  @TC:PB-SC-011 @req:JRT0025-5:B.10.3 @req:JRT0025-5:C.3 @needs:pin
  Scenario: PIN CHANGE with the current PIN sets the new PIN
    When the issuer changes the offline PIN to 24681357 by script with the current PIN
    Then the status word is 9000
    And the offline PIN 24681357 verifies
    And the offline PIN of the profile is refused
    And the sample is restored: the issuer changes the offline PIN back to the profile's by script

  @TC:PB-SC-012 @req:JRT0025-5:C.2 @needs:pin
  Scenario: PIN CHANGE with a wrong MAC is refused and the PIN is unchanged
    When the issuer changes the offline PIN to 8642 by script without the current PIN and with a wrong MAC
    Then the status word is 6988
    And the offline PIN 8642 is refused
    And the offline PIN of the profile verifies

  @TC:PB-SC-013 @req:JRT0025-5:B.10.3 @needs:pin
  Scenario: PIN CHANGE with the current PIN is refused when the issuer's current PIN is wrong
    When the issuer changes the offline PIN to 8642 by script with a current PIN that differs in its first digit
    Then the card refuses the command
    And the offline PIN 8642 is refused
    And the offline PIN of the profile verifies
