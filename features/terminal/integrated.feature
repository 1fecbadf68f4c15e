# The integrated terminal (全业务功能终端, 总体方案): one terminal that serves both applications of the
# social security card, in one card session. It uses the SSSE with its PSAM for the social-security
# part and the PSE, without the PSAM, for the payment. The payment begins with the first SELECT of the
# PSE or of a UnionPay application.
Feature: Integrated terminal

  @TC:TM-INT-001 @req:LDT33:1.1 @req:JRT0025-5:6.4.1 @terminal:integrated
  Scenario: Social-security data and a payment on one card in one session
    Given the test card "reference" is in the card slot
    When the terminal reads the card basic data and pays 60000 fen with the PIN "123456" in one session
    Then the terminal reports approved
    And the iReadCardBas output holds the card's data in the LD/T 33 field order
    And the card saw the SSSE selected before the financial application

  @TC:TM-INT-002 @req:SSCARD-7:5.4 @req:JRT0025-5:6.4.1 @terminal:integrated
  Scenario: The PSAM serves the social-security application only
    Given the test card "reference" is in the card slot
    When the terminal reads the card basic data and pays 60000 fen with the PIN "123456" in one session
    Then the PSAM saw commands before the payment began
    And the PSAM saw no command during the payment

  @TC:TM-INT-003 @req:SSCARD-7:5.3 @terminal:integrated
  Scenario: A card refused on the social-security side is not charged
    Given the test card "tm-expired" is in the card slot
    When the terminal reads the card basic data and pays 1000 fen with the PIN "123456" in one session
    Then the terminal reports refused
    And the card saw no GET PROCESSING OPTIONS
