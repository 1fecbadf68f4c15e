# JR/T 0025.5 §6.3 (PSE, directory), §6.3.5 final selection; JR/T 0025.13 (log entry in the FCI).
@pboc:2.0 @pboc:3.0
Feature: PBOC application selection

  @TC:PB-SEL-001 @req:JRT0025-5:6.3.2
  Scenario: The PSE directory lists the debit application
    When the terminal reads the PSE directory
    Then the PSE directory lists the debit application

  @TC:PB-SEL-002 @req:JRT0025-5:6.3.5
  Scenario: Final SELECT of the debit application answers its FCI with the AID in 84
    When the terminal selects the debit application
    Then the status word is 9000
    And the FCI names the debit application in 84

  @TC:PB-SEL-003 @req:JRT0025-5:6.3.5 @req:JRT0025-13:7.4.2
  Scenario: The FCI of the debit application carries a PDOL
    When the terminal selects the debit application
    Then the FCI carries the data object 9F38

  @TC:PB-SEL-004 @req:JRT0025-5:6.3.5
  Scenario: The FCI of the debit application carries the application label
    When the terminal selects the debit application
    Then the FCI carries the data object 50

  @TC:PB-SEL-005 @req:JRT0025-5:B.13 @req:JRT0025-13:9
  Scenario: The FCI names the transaction log file
    When the terminal selects the debit application
    Then the log entry 9F4D names an SFI from 11 to 30 and at least one record
