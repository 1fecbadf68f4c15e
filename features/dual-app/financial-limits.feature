# The limits the 总体方案 of the social security card with financial function puts on the financial
# application (二(三); 人社部发[2011]83号: 人民币借记应用, 暂不支持贷记功能; use in China only): the debit
# application is the only one the PSE offers and the card holds, its usage control 9F07 allows domestic
# use only (JR/T 0025.5 §10.3.2 table 19), its issuer country code 5F28 is China and its application
# currency code 9F42 RMB (ISO 3166 / ISO 4217 numeric 156).
Feature: The financial function's limits: domestic use only, RMB debit only

  @TC:DA-FIN-001 @req:JRT0025-5:10.3.2 @ics:financial
  Scenario: The application usage control allows domestic use and nothing international
    Given the debit application is selected and its records read
    Then the application usage control allows domestic use only

  @TC:DA-FIN-002 @req:JRT0025-5:10.3.2 @ics:financial
  Scenario: The issuer country code is China (5F28 = 0156)
    Given the debit application is selected and its records read
    Then the application data object 5F28 is 0156

  @TC:DA-FIN-003 @req:JRT0025-5:11.1 @ics:financial
  Scenario: The application currency code is RMB (9F42 = 0156)
    Given the debit application is selected and its records read
    Then the application data object 9F42 is 0156

  @TC:DA-FIN-004 @req:JRT0025-5:6.3.3 @ics:financial
  Scenario: The PSE offers the debit application only
    When the terminal reads the PSE directory
    Then the PSE directory lists the debit application only

  @TC:DA-FIN-005 @req:JRT0025-5:6.4.2 @ics:financial
  Scenario: The card holds no credit or quasi-credit application
    Then the card has no application A000000333010102
    And the card has no application A000000333010103
