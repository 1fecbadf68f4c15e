# The social-security terminal's medical functions (sc_reader / LD/T 6001.5: iDoDebit §8.1,
# iReadDebitRecord §9.1) on the card's offline medical account (社会保障卡规范 part 7 §12), PSAM mode:
# judged from the outcome, the card-side trace, and EF08 as sscc reads it afterwards.
Feature: Social-security terminal: medical purchase and its records

  @TC:TM-MED-001 @req:SSCARD-7:12 @req:SSCARD-9:9.9 @terminal:social-security
  Scenario: iDoDebit pays from the card's account after the PIN and reports the card's TAC
    Given the test card "reference" is in the card slot
    When the terminal performs iDoDebit of 1234 fen from the account, 500 fen self-paid and 2000 fen pooled with the cardholder's PIN
    Then the terminal reports success
    And the card saw VERIFY, INITIALIZE FOR PURCHASE of 1234 fen from the account, 500 self-paid and 2000 pooled and DEBIT FOR PURCHASE, in this order, all answered 9000
    And the TAC the terminal reports is the one the card gave, and the host accepts it
    And the 交易时间 the terminal reports is the one DEBIT FOR PURCHASE carried

  @TC:TM-MED-002 @req:SSCARD-7:12.2 @terminal:social-security
  Scenario: iDoDebit of more than the account holds: the card refuses (9401) and the terminal reports the error
    Given the test card "tm-med-low-balance" is in the card slot
    When the terminal performs iDoDebit of 500 fen from the account with the cardholder's PIN
    Then the terminal reports error
    And the terminal reports code -37889
    And the card saw no DEBIT FOR PURCHASE

  @TC:TM-MED-003 @req:SSCARD-7:12.7 @req:SSCARD-9:9.10 @terminal:social-security
  Scenario: iDoDebit on a card whose MAC2 the PSAM refuses reports MAC 无效
    Given the test card "tm-med-bad-mac2" is in the card slot
    When the terminal performs iDoDebit of 100 fen from the account with the cardholder's PIN
    Then the terminal reports error
    And the terminal reports code -37634

  @TC:TM-MED-007 @req:SSCARD-7:12.5 @terminal:social-security
  Scenario: iDoDebit on a card that refuses MAC1 (DEBIT FOR PURCHASE 9302) reports the error, not a payment
    Given the test card "tm-med-foreign-dpk" is in the card slot
    When the terminal performs iDoDebit of 100 fen from the account with the cardholder's PIN
    Then the terminal reports error
    And the terminal reports code -37634

  @TC:TM-MED-008 @req:LDT33:8.1.2 @req:LDT33:8.1.3 @terminal:social-security
  Scenario: iDoDebit of more than 42949672.95 元 refuses it with −14 before asking the card
    Given the test card "reference" is in the card slot
    When the terminal performs iDoDebit of 4294967296 fen from the account at the time "20261122120000" with the cardholder's PIN
    Then the terminal reports error
    And the terminal reports code -14
    And the card saw no VERIFY

  @TC:TM-MED-009 @req:LDT33:8.1.2 @req:LDT33:8.1.3 @terminal:social-security
  Scenario: iDoDebit with a 交易时间 that is not YYYYMMDDHHMMSS (15 digits) refuses it with −14 before asking the card
    Given the test card "reference" is in the card slot
    When the terminal performs iDoDebit of 100 fen from the account at the time "202611221200000" with the cardholder's PIN
    Then the terminal reports error
    And the terminal reports code -14
    And the card saw no VERIFY

  @TC:TM-MED-012 @req:LDT33:8.1.2 @req:LDT33:8.1.3 @terminal:social-security
  Scenario: iDoDebit of a negative amount (−100 fen) refuses it with −14 before asking the card
    Given the test card "reference" is in the card slot
    When the terminal performs iDoDebit of -100 fen from the account at the time "20261122120000" with the cardholder's PIN
    Then the terminal reports error
    And the terminal reports code -14
    And the card saw no VERIFY

  @TC:TM-MED-004 @req:SSCARD-7:12 @terminal:social-security
  Scenario: iDoDebit with a wrong PIN stops before INITIALIZE FOR PURCHASE
    Given the test card "reference" is in the card slot
    When the terminal performs iDoDebit of 100 fen from the account with the PIN "000000"
    Then the terminal reports error
    And the terminal reports code -51
    And the card saw no INITIALIZE FOR PURCHASE

  @TC:TM-MED-010 @req:SSCARD-7:12 @req:LDT33:8.1.3 @terminal:social-security
  Scenario: iDoDebit whose wrong PIN locks it, and iDoDebit on the locked PIN, report -52 and send no INITIALIZE FOR PURCHASE
    Given the test card "reference" is in the card slot
    And the card's PIN has one try left
    When the terminal performs iDoDebit of 100 fen from the account with the PIN "000000"
    Then the terminal reports code -52
    When the terminal performs iDoDebit of 100 fen from the account with the cardholder's PIN
    Then the terminal reports error
    And the terminal reports code -52
    And the card saw no INITIALIZE FOR PURCHASE

  @TC:TM-MED-011 @req:SSCARD-6:6.6 @req:LDT33:9.1.3 @terminal:social-security
  Scenario: iReadDebitRecord on a card whose EF08 record is not 28 bytes reports an error, not the record
    Given the test card "tm-med-short-record" is in the card slot
    When the terminal performs iReadDebitRecord with the cardholder's PIN
    Then the terminal reports error

  @TC:TM-MED-005 @req:SSCARD-6:6.6 @terminal:social-security
  Scenario: iReadDebitRecord reports every purchase in EF08, newest first
    Given the test card "tm-med-records" is in the card slot
    When the terminal performs iReadDebitRecord with the cardholder's PIN
    Then the terminal reports success
    And the iReadDebitRecord output lists every purchase EF08 holds, newest first
