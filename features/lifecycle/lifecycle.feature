# The life cycle of a social security card with financial function (总体方案 of 2011): loss report
# (挂失) reaches the card at its next online transaction as an issuer script that blocks the debit
# application; unreport (解挂) unblocks it; cancellation (销卡) blocks the SS application first, then the
# financial one; a blocked application answers SELECT as its spec says (JR/T 0025.5 annex B.1: 6283;
# 社会保障卡规范 part 5 §6.1: 9303). Replacement (补卡) and renewal (换卡) are judged at the terminal.
Feature: Card life cycle

  @TC:LC-LOSS-001 @req:JRT0025-5:B.1 @ics:financial
  Scenario: Loss report: the issuer's APPLICATION BLOCK script blocks the debit application at the next online transaction
    Given the debit application is selected and its records read
    When the terminal asks for ARQC in the first GENERATE AC
    And the issuer sends the script command 841E0000 with a right MAC
    Then the status word is 9000
    And the debit application answers SELECT with 6283
    And the sample is restored: the issuer unblocks the debit application

  @TC:LC-LOSS-002 @req:JRT0025-5:B.1 @req:JRT0025-5:B.6 @ics:financial
  Scenario: A blocked debit application declines: it gives only an AAC
    Given the debit application is selected and its records read
    When the terminal asks for ARQC in the first GENERATE AC
    And the issuer sends the script command 841E0000 with a right MAC
    Then the status word is 9000
    And a new transaction asking for ARQC gets AAC
    And the sample is restored: the issuer unblocks the debit application

  @TC:LC-LOSS-003 @req:SSCARD-4:5.5 @req:JRT0025-5:B.1 @ics:financial
  Scenario: Blocking the debit application leaves the social security application working
    Given the debit application is selected and its records read
    When the terminal asks for ARQC in the first GENERATE AC
    And the issuer sends the script command 841E0000 with a right MAC
    Then the status word is 9000
    When the terminal selects the SSSE by its name
    Then the response is an FCI whose DF name is the SSSE name
    When the terminal reads the item 01 of the SSSE
    Then the record is data item 01 with its length and format
    And the sample is restored: the issuer unblocks the debit application

  @TC:LC-LOSS-004 @req:JRT0025-5:B.1 @req:JRT0025-5:C.2.4 @ics:financial
  Scenario: An APPLICATION BLOCK script with a wrong MAC is refused and the application stays usable
    Given the debit application is selected and its records read
    When the terminal asks for ARQC in the first GENERATE AC
    And the issuer sends the script command 841E0000 with a wrong MAC
    Then the status word is 6988
    And the debit application answers SELECT with 9000

  @TC:LC-LOSS-005 @req:JRT0025-5:B.1 @ics:financial
  Scenario: A script before any online cryptogram is refused
    Given the debit application is selected and its records read
    When the issuer sends a script command before any GENERATE AC
    Then the status word is 6985

  @TC:LC-LOSS-006 @req:JRT0025-5:B.1 @ics:financial
  Scenario: The block is permanent: after a reset SELECT still answers 6283
    Given the debit application is selected and its records read
    When the terminal asks for ARQC in the first GENERATE AC
    And the issuer sends the script command 841E0000 with a right MAC
    Then the status word is 9000
    Given the card has been reset
    Then the debit application answers SELECT with 6283
    And the sample is restored: the issuer unblocks the debit application

  @TC:LC-UNRP-001 @req:JRT0025-5:B.2 @ics:financial
  Scenario: Unreport: the issuer's APPLICATION UNBLOCK script restores the debit application
    Given the debit application is selected and its records read
    When the terminal asks for ARQC in the first GENERATE AC
    And the issuer sends the script command 841E0000 with a right MAC
    Then a new transaction asking for ARQC gets AAC
    When the issuer sends the script command 84180000 with a right MAC
    Then the status word is 9000
    And a new transaction asking for ARQC gets ARQC

  @TC:LC-UNRP-002 @req:JRT0025-5:B.2 @req:JRT0025-5:C.2.4 @ics:financial
  Scenario: An APPLICATION UNBLOCK script with a wrong MAC is refused and the application stays blocked
    Given the debit application is selected and its records read
    When the terminal asks for ARQC in the first GENERATE AC
    And the issuer sends the script command 841E0000 with a right MAC
    Then a new transaction asking for ARQC gets AAC
    When the issuer sends the script command 84180000 with a wrong MAC
    Then the status word is 6988
    And the debit application answers SELECT with 6283
    And the sample is restored: the issuer unblocks the debit application

  @TC:LC-CANCEL-001 @req:SSCARD-5:6.1 @req:SSCARD-4:5.5 @ics:financial @destructive
  Scenario: Cancellation, social security side first: the blocked SSSE leaves the debit application working
    Given the SSSE is selected
    When the terminal blocks the application
    Then the status word is 9000
    When the terminal selects the SSSE by its name
    Then the status word is 9303
    And a new transaction asking for ARQC gets ARQC

  @TC:LC-CANCEL-002 @req:SSCARD-5:6.1 @req:JRT0025-5:B.1 @ics:financial @destructive
  Scenario: Cancellation of both: the SS application, then the financial one; afterwards neither works
    Given the SSSE is selected
    When the terminal blocks the application
    Then the status word is 9000
    Given the debit application is selected and its records read
    When the terminal asks for ARQC in the first GENERATE AC
    And the issuer sends the script command 841E0000 with a right MAC
    Then the status word is 9000
    Given the card has been reset
    When the terminal selects the SSSE by its name
    Then the status word is 9303
    And the debit application answers SELECT with 6283
