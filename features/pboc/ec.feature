# JR/T 0025.13 electronic cash (EC): balance, limits, offline purchase.
@pboc:2.0 @pboc:3.0 @ics:ec
Feature: PBOC electronic cash

  @TC:PB-EC-001 @req:JRT0025-13:6
  Scenario: The EC balance is within the EC balance limit
    When the terminal selects the debit application
    Then the EC balance 9F79 is within the balance limit 9F77

  @TC:PB-EC-002 @req:JRT0025-13:7.4.5
  Scenario: An offline EC purchase approved with a TC debits the balance by the amount
    Given the card's offline risk counters are reset by an online approved transaction
    And the EC balance and single limit are known
    And the terminal keeps the EC balance and limits to restore them
    And the debit application is selected and its records read for an EC purchase of 1234
    When the terminal asks for TC in the first GENERATE AC
    Then the card answers TC
    And the cryptogram of the first GENERATE AC verifies with the issuer keys
    And the EC balance went down by 1234
    And the sample is restored: the issuer puts the EC balance and limits back by script

  @TC:PB-EC-003 @req:JRT0025-13:7.4.3
  Scenario: An EC purchase above the balance does not take the EC path
    Given the card's offline risk counters are reset by an online approved transaction
    And the EC balance and single limit are known
    When the terminal asks for TC offline for an EC purchase of the balance plus 1
    Then the application data holds no EC issuer authorisation code 9F74
    And the EC balance is unchanged

  @TC:PB-EC-004 @req:JRT0025-13:7.4.3
  Scenario: A purchase above the EC single transaction limit, within the balance, does not take the EC path
    Given the card's offline risk counters are reset by an online approved transaction
    And the EC balance and single limit are known
    And the terminal keeps the EC balance and limits to restore them
    And the EC single limit is below the EC balance, lowered by issuer script if need be
    When the terminal starts an EC purchase of the single limit plus 1
    Then the application data holds no EC issuer authorisation code 9F74
    And the sample is restored: the issuer puts the EC balance and limits back by script

  @TC:PB-EC-005 @req:JRT0025-13:7.4.2 @req:JRT0025-13:7.4.5
  Scenario: An EC purchase of exactly the balance is approved offline and leaves the balance at 0
    Given the card's offline risk counters are reset by an online approved transaction
    And the EC balance and single limit are known
    And the terminal keeps the EC balance and limits to restore them
    When the terminal asks for TC offline for an EC purchase of the balance plus 0
    Then the card answers TC
    And GET DATA 9F79 gives 0
    And the sample is restored: the issuer puts the EC balance and limits back by script
