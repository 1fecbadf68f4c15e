# The proximity payment system environment of a dual-interface card: EMV Contactless Book B §3.3 (JR/T
# 0025.12 builds qPBOC on it; its text is not extractable here). JR/T 0025.5 §6.1 table 4 (priority 87),
# §6.3 (6A82 for an environment the card does not support).
@pboc:2.0 @pboc:3.0
Feature: PBOC PPSE (contactless application selection)

  @TC:PB-PPSE-001 @req:EMV-B:3.3 @ics:contactless
  Scenario: SELECT PPSE answers an FCI whose BF0C lists the debit application
    When the terminal selects the PPSE
    Then the status word is 9000
    And the PPSE FCI is 6F with 84 2PAY.SYS.DDF01 and A5 holding BF0C
    And the PPSE lists the debit application

  @TC:PB-PPSE-002 @req:EMV-B:3.3 @req:JRT0025-5:6.1 @ics:contactless
  Scenario: The PPSE gives the debit application the priority of its PSE directory entry
    When the terminal selects the PPSE
    And the terminal reads the PSE directory
    Then the PPSE entry of the debit application has the priority 87 of its PSE directory entry

  @TC:PB-PPSE-003 @req:EMV-B:3.3 @req:JRT0025-5:6.3.5 @ics:contactless
  Scenario: The application the PPSE lists can be selected
    When the terminal selects the PPSE
    And the terminal selects the application of the first PPSE entry
    Then the status word is 9000
    And the FCI names the debit application in 84

  @TC:PB-PPSE-004 @req:JRT0025-5:6.3 @ics:contact-only
  Scenario: A contact-only card has no PPSE
    When the terminal selects the PPSE
    Then the status word is 6A82
