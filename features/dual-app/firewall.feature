# One chip, one COS, two applications: the social security environment SSSE and the payment system
# environment PSE, kept apart by the COS firewall (社会保障卡规范 part 4 §5.1, §5.5, §6.1).
# A terminal enters one by selecting it by name; nothing reached by file identifier, SFI, PIN or key
# reference crosses from one to the other.
Feature: The firewall between the SSSE and the PSE

  @TC:DA-ENV-001 @req:SSCARD-4:5.1 @req:SSCARD-5:6.11 @req:JRT0025-5:6.3.1 @ics:financial
  Scenario: The SSSE and the PSE are two environments, each selected by its own name
    When the terminal selects the SSSE by its name
    Then the response is an FCI whose DF name is the SSSE name
    When the terminal selects the PSE by its name
    Then the response is an FCI whose DF name is the PSE name

  @TC:DA-FW-001 @req:SSCARD-4:5.5 @req:SSCARD-4:6.1 @ics:financial
  Scenario: In the SSSE, the short EF identifier of the PSE directory does not reach the PSE
    Given the terminal knows the directory SFI of the PSE and its first record
    And the SSSE is selected
    When the terminal reads record 1 by the directory SFI of the PSE
    Then the card does not return the directory record of the PSE

  @TC:DA-FW-002 @req:SSCARD-4:5.5 @req:SSCARD-4:6.1 @ics:financial
  Scenario: In the PSE, the file identifier of an SSSE file selects nothing
    Given the PSE is selected
    When the terminal selects the record EF by its file identifier with P1 00
    Then the status word is 6A82

  @TC:DA-FW-003 @req:SSCARD-4:5.5 @req:SSCARD-5:6.14 @ics:financial
  Scenario: In the PSE, the social security PIN cannot be reached
    Given the PSE is selected
    When the terminal asks the PIN try counter
    Then the status word is 6A88

  @TC:DA-FW-004 @req:SSCARD-4:5.5 @req:ISO7816-4:5.4 @needs:pin @ics:financial
  Scenario: A PIN verified in the SSSE does not stay verified through a visit to the PSE
    Given the DF of the PIN-protected EF is selected
    When the terminal presents the correct PIN
    Then the status word is 9000
    When the terminal selects the PSE by its name
    And the DF of the PIN-protected EF is selected
    And the terminal reads record 1 of the PIN-protected EF by its SFI
    Then the status word is 6982

  @TC:DA-FW-005 @req:SSCARD-4:5.5 @req:SSCARD-4:7.1 @ics:financial
  Scenario: In the PSE, a key of the SSSE does not authenticate
    Given the terminal has identified the card
    When the terminal selects the PSE by its name
    And the terminal authenticates with RK SSSE
    Then the status word is 6A88

  # After the card master key has created an environment and loaded its master key it has no control over it
  # (part 4 §5.2): a key it loads at the card level is no key of the SSSE, whose key search ends at the SSSE.
  @TC:DA-FW-006 @req:SSCARD-4:5.2 @req:SSCARD-4:5.5 @req:SSCARD-4:7.1 @ics:card-management @destructive
  Scenario: In the SSSE, a key the card master key loaded into the MF does not authenticate
    Given the terminal has identified the card
    When the card master key loads key 18 into the MF
    And the terminal selects the SSSE by its name
    And the terminal authenticates with key 18 in the current DF
    Then the status word is 6A88

  @TC:DA-PIN-001 @req:SSCARD-4:5.5 @req:JRT0025-5:B.12 @ics:financial @needs:pin @destructive
  Scenario: Blocking the social security PIN leaves the bank PIN working
    Given the SSSE is selected
    When the terminal asks the PIN try counter
    Then the card reports the tries left
    When the terminal presents a wrong PIN as many times as tries are left
    Then the status word is 63C0
    Given the debit application is selected and its records read
    When the terminal verifies the offline PIN of the profile
    Then the status word is 9000

  @TC:DA-PIN-002 @req:SSCARD-4:5.5 @req:JRT0025-5:B.12 @ics:financial @needs:pin @destructive
  Scenario: Blocking the bank PIN leaves the social security PIN working
    Given the debit application is selected and its records read
    When the terminal verifies a wrong offline PIN until the card blocks it
    Given the SSSE is selected
    When the terminal presents the correct PIN
    Then the status word is 9000
