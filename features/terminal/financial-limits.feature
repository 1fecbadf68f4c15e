# The limits the 总体方案 puts on the financial function of the social security card (二(三)): use in
# China only, RMB debit only. The card says so in its application usage control 9F07 (domestic cash,
# goods and services, nothing international) with its issuer country code 5F28 = 0156; a financial
# terminal checks them in processing restrictions (JR/T 0025.5 §10.3.2): a terminal outside China finds
# the service not allowed, sets TVR byte 2 b5 and, since the card's IAC-denial names that bit, declines
# offline (§13.4). Judged from the TVR the terminal sent in GENERATE AC and the cryptogram it asked for.
Feature: Financial terminal: the card's usage control (domestic use only)

  @TC:TM-LIM-001 @req:JRT0025-5:10.3.2 @terminal:financial
  Scenario: A terminal in China accepts the domestic-only card
    Given the test card "reference" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the terminal reports approved
    And the TVR bit "service not allowed" is clear

  @TC:TM-LIM-002 @req:JRT0025-5:10.3.2 @req:JRT0025-5:13.4 @terminal:financial
  Scenario: A terminal outside China finds the service not allowed and declines the domestic-only card
    Given the test card "reference" is in the card slot
    And the terminal's country code is 0344
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the TVR bit "service not allowed" is set
    And the first GENERATE AC asked for AAC
    And the terminal reports declined

  @TC:TM-LIM-003 @req:JRT0025-5:10.3.2 @terminal:financial
  Scenario: A terminal outside China does not refuse a card whose usage control allows international use
    Given the test card "fin-auc-international" is in the card slot
    And the terminal's country code is 0344
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the TVR bit "service not allowed" is clear
    And the terminal reports approved

  @TC:TM-LIM-004 @req:JRT0025-5:10.3.2 @terminal:financial
  Scenario: A POS finds the service not allowed for a card valid at ATMs only
    Given the test card "fin-auc-atm-only" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the TVR bit "service not allowed" is set
    And the first GENERATE AC asked for AAC

  @TC:TM-LIM-005 @req:JRT0025-5:14.2 @req:JRT0025-5:10.3.2 @terminal:financial
  Scenario: The terminal sends its own country code 9F1A in the first GENERATE AC
    Given the test card "reference" is in the card slot
    And the terminal's country code is 0344
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the first GENERATE AC carried the terminal country code 0344
