# The integrated terminal's medical settlement (总体方案 二(二)3, 医疗费用即时结算后的费用支付): the bill,
# once settled by the medical-insurance system into 个人自付 (self-paid; of it the 个人自费 items the
# personal account may not pay) and 统筹基金支付 (pooled), is paid from the card's medical account
# (社会保障卡规范 part 7 §12, through the PSAM) up to what the account may pay and holds, and the rest
# (个人账户不足额, 个人自费) through the financial application in the same card session, without the PSAM.
# Judged from both slots' traces, the account as sscc reads it afterwards, and what the terminal reports.
Feature: Integrated terminal: medical settlement with the bank card for the rest

  @TC:TM-INT-010 @req:SSCARD-7:12 @terminal:integrated
  Scenario: An account that covers the self-paid part pays it all; the bank card is not charged
    Given the test card "reference" is in the card slot
    When the terminal settles a medical bill of 3000 fen self-paid and 7000 fen pooled with the cardholder's PIN
    Then the terminal reports approved
    And the card saw INITIALIZE FOR PURCHASE of 3000 fen from the account, 3000 self-paid and 7000 pooled, and DEBIT FOR PURCHASE answered 9000
    And the card's medical account went down by exactly 3000 fen
    And the card saw no GET PROCESSING OPTIONS
    And the terminal reports the account paid 3000 fen, the bank card 0 fen and 0 fen outstanding

  @TC:TM-INT-011 @req:SSCARD-7:12.2 @req:JRT0025-5:6.4.1 @terminal:integrated
  Scenario: An account short of the self-paid part (个人账户不足额) pays what it holds, the bank card exactly the difference
    Given the test card "tm-med-low-balance" is in the card slot
    When the terminal settles a medical bill of 500 fen self-paid and 1500 fen pooled with the cardholder's PIN
    Then the terminal reports approved
    And the card saw INITIALIZE FOR PURCHASE of 100 fen from the account, 500 self-paid and 1500 pooled, and DEBIT FOR PURCHASE answered 9000
    And the card's medical account went down by exactly 100 fen
    And the card saw 9F02 = 000000000400 in the GET PROCESSING OPTIONS data
    And the first GENERATE AC carried the amount 400 fen in currency 0156
    And the terminal reports the account paid 100 fen, the bank card 400 fen and 0 fen outstanding

  @TC:TM-INT-012 @req:SSCARD-7:12.2 @terminal:integrated
  Scenario: The self-funded items (个人自费) are not paid from the account but by the bank card
    Given the test card "reference" is in the card slot
    When the terminal settles a medical bill of 5000 fen self-paid, 2000 of it self-funded, and 5000 fen pooled with the cardholder's PIN
    Then the terminal reports approved
    And the card saw INITIALIZE FOR PURCHASE of 3000 fen from the account, 5000 self-paid and 5000 pooled, and DEBIT FOR PURCHASE answered 9000
    And the card's medical account went down by exactly 3000 fen
    And the first GENERATE AC carried the amount 2000 fen in currency 0156
    And the terminal reports the account paid 3000 fen, the bank card 2000 fen and 0 fen outstanding

  @TC:TM-INT-013 @req:SSCARD-7:5.4 @req:SSCARD-9:9.9 @terminal:integrated
  Scenario: The PSAM serves the account part and is silent during the bank purchase
    Given the test card "tm-med-low-balance" is in the card slot
    When the terminal settles a medical bill of 500 fen self-paid and 1500 fen pooled with the cardholder's PIN
    Then the PSAM saw commands before the payment began
    And the PSAM saw no command during the payment

  @TC:TM-INT-014 @req:SSCARD-7:12.7 @terminal:integrated
  Scenario: When the account part is refused (MAC2 the PSAM refuses) the bank card is not charged
    Given the test card "tm-med-bad-mac2" is in the card slot
    When the terminal settles a medical bill of 500 fen self-paid and 1500 fen pooled with the cardholder's PIN
    Then the terminal reports error
    And the terminal reports code -37634
    And the card saw no GET PROCESSING OPTIONS

  @TC:TM-INT-015 @req:SSCARD-7:12 @terminal:integrated
  Scenario: A wrong PIN stops the settlement before the account and the bank card are asked
    Given the test card "tm-med-low-balance" is in the card slot
    When the terminal settles a medical bill of 500 fen self-paid and 1500 fen pooled with the PIN "000000"
    Then the terminal reports error
    And the terminal reports code -51
    And the card saw no INITIALIZE FOR PURCHASE
    And the card saw no GET PROCESSING OPTIONS

  @TC:TM-INT-016 @req:SSCARD-7:12.6 @req:JRT0025-5:16.6 @terminal:integrated
  Scenario: When the bank declines the difference the account payment stands and the rest is reported outstanding
    Given the test card "tm-int-low-balance-decline" is in the card slot
    When the terminal settles a medical bill of 60100 fen self-paid and 1500 fen pooled with the cardholder's PIN
    Then the terminal reports declined
    And the card's medical account went down by exactly 100 fen
    And the TAC the terminal reports is the one the card gave, and the host accepts it
    And the terminal went online
    And the first GENERATE AC carried the amount 60000 fen in currency 0156
    And the terminal reports the account paid 100 fen, the bank card 0 fen and 60000 fen outstanding

  @TC:TM-INT-017 @req:LDT33:8.1.2 @req:LDT33:8.1.3 @terminal:integrated
  Scenario: A settlement whose 交易时间 is not YYYYMMDDHHMMSS is refused with −14 before the card is asked, nothing charged
    Given the test card "reference" is in the card slot
    When the terminal settles a medical bill of 3000 fen self-paid and 7000 fen pooled at the time "202611221200000" with the cardholder's PIN
    Then the terminal reports error
    And the terminal reports code -14
    And the card saw no VERIFY
    And the card saw no GET PROCESSING OPTIONS

  @TC:TM-INT-018 @req:LDT33:8.1.2 @req:LDT33:8.1.3 @terminal:integrated
  Scenario: A settlement of more than 42949672.95 元 is refused with −14 before the card is asked, nothing charged
    Given the test card "reference" is in the card slot
    When the terminal settles a medical bill of 4294967296 fen self-paid and 0 fen pooled with the cardholder's PIN
    Then the terminal reports error
    And the terminal reports code -14
    And the card saw no VERIFY
    And the card saw no GET PROCESSING OPTIONS

  @TC:TM-INT-019 @req:SSCARD-7:12.2 @terminal:integrated
  Scenario: A self-paid part made only of self-funded items (个人自费) is paid by the bank card alone, the account 0 fen
    Given the test card "reference" is in the card slot
    When the terminal settles a medical bill of 2000 fen self-paid, 2000 of it self-funded, and 1000 fen pooled with the cardholder's PIN
    Then the terminal reports approved
    And the card saw INITIALIZE FOR PURCHASE of 0 fen from the account, 2000 self-paid and 1000 pooled, and DEBIT FOR PURCHASE answered 9000
    And the card's medical account went down by exactly 0 fen
    And the first GENERATE AC carried the amount 2000 fen in currency 0156
    And the terminal reports the account paid 0 fen, the bank card 2000 fen and 0 fen outstanding

  @TC:TM-INT-020 @req:JRT0025-5:11.4.2 @req:SSCARD-7:12 @terminal:integrated
  Scenario: The bank part verifies the bank card's own PIN, not the social-security PIN
    Given the test card "tm-med-low-balance" is in the card slot
    When the terminal settles a medical bill of 500 fen self-paid and 1500 fen pooled with the cardholder's PIN and the bank card PIN "654321"
    Then the card saw VERIFY answered 9000
    And the card saw VERIFY answered 63C2
