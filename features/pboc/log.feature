# JR/T 0025.5 B.13 / JR/T 0025.13 §9: the transaction log (9F4D entry, 9F4F format).
@pboc:2.0 @pboc:3.0
Feature: PBOC transaction log

  @TC:PB-LOG-001 @req:JRT0025-13:9
  Scenario: An offline approved purchase is logged with its amount and ATC in the 9F4F format
    Given the card's offline risk counters are reset by an online approved transaction
    And the debit application is selected and its records read for an EC purchase of 500
    And the terminal keeps the EC balance and limits to restore them
    When the terminal asks for TC in the first GENERATE AC
    Then the card answers TC
    And log record 1 holds the amount 500 and the ATC of the transaction in the 9F4F format
    And the sample is restored: the issuer puts the EC balance and limits back by script

  @TC:PB-LOG-002 @req:JRT0025-13:9
  Scenario: An online approved purchase is logged with its amount and ATC
    Given the card has asked to go online with an ARQC
    When the issuer answers with the right ARPC and ARC 00
    And the terminal sends the second GENERATE AC asking for TC
    Then log record 1 holds the amount 1000 and the ATC of the transaction in the 9F4F format

  @TC:PB-LOG-003 @req:JRT0025-5:18.1 @req:JRT0025-13:9
  Scenario: The log is a cyclic file of the records 9F4D names: one approval more than that leaves exactly that many
    When the card approves online one purchase more than its log entry 9F4D has records
    Then the log holds exactly as many records as 9F4D names
    And log record 1 holds the amount 1000 and the ATC of the transaction in the 9F4F format
