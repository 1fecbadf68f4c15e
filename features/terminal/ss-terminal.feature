# The social-security terminal under test (总体方案; 社会保障卡规范 parts 7 and 8; LD/T 33 reader
# functions, tested as LD/T 6001.5 does). sscc plays the card: each scenario puts a test card in the
# card slot and the test PSAM in the PSAM slot, asks the terminal for one operation through the
# profile's driver, and judges the terminal's outcome and what the card saw.
Feature: Social-security terminal

  @TC:TM-SS-001 @req:LDT33:1.1 @req:SSCARD-7:5.4 @terminal:social-security
  Scenario Outline: iReadCardBas on a <version> card reports the card's data in the LD/T 33 field order
    Given the test card "<card>" is in the card slot
    When the terminal performs iReadCardBas
    Then the terminal reports success
    And the iReadCardBas output holds the card's data in the LD/T 33 field order

    Examples:
      | version | card      |
      | 2.0     | reference |

  @TC:TM-SS-002 @req:LDT33:1.1 @req:SSCARD-7:5.4 @req:LDT33:10.2 @terminal:social-security
  Scenario: iReadCardBas on a 3.0 SM4 card reports the card's data in the LD/T 33 field order
    Given the test card "sscard30" is in the card slot
    When the terminal performs iReadCardBas
    Then the terminal reports success
    And the iReadCardBas output holds the card's data in the LD/T 33 field order

  @TC:TM-SS-003 @req:LDT33:1.1 @req:SSCARD-7:5.4 @terminal:social-security
  Scenario: iReadCardBas on a 1.0 card reports the card's data, the name without extension
    Given the test card "tm-card10" is in the card slot
    When the terminal performs iReadCardBas
    Then the terminal reports success
    And the iReadCardBas output holds the card's data in the LD/T 33 field order

  @TC:TM-SS-004 @req:SSCARD-7:5.4 @terminal:social-security
  Scenario: The terminal authenticates the card (INTERNAL AUTHENTICATE with IRK) before it reads cardholder data
    Given the test card "reference" is in the card slot
    When the terminal performs iReadCardBas
    Then the card saw INTERNAL AUTHENTICATE before any read of EF06

  @TC:TM-SS-005 @req:LDT33:10.2 @req:SSCARD-7:6.5 @terminal:social-security
  Scenario: On a 3.0 card the terminal authenticates with RK SSSE through the PSAM before it reads EF06
    Given the test card "sscard30" is in the card slot
    When the terminal performs iReadCardBas
    Then the card saw EXTERNAL AUTHENTICATE with RK SSSE before any read of EF06

  @TC:TM-SS-006 @req:SSCARD-7:5.4 @terminal:social-security
  Scenario: On a 2.0 card the reported name is 姓名 continued by 姓名扩展
    Given the test card "reference" is in the card slot
    When the terminal performs iReadCardBas
    Then the terminal reports success
    And the terminal reports the name as 姓名 followed by 姓名扩展
    And the iReadCardBas output holds the card's data in the LD/T 33 field order

  @TC:TM-SS-007 @req:SSCARD-7:5.3 @terminal:social-security
  Scenario: The terminal refuses an expired card
    Given the test card "tm-expired" is in the card slot
    When the terminal performs iReadCardBas
    Then the terminal reports refused

  @TC:TM-SS-008 @req:SSCARD-8:7.2 @req:SSCARD-8:7 @terminal:social-security
  Scenario: The terminal refuses a card whose 卡识别码 is on its blacklist
    Given the test card "tm-blacklisted" is in the card slot
    When the terminal performs iReadCardBas
    Then the terminal reports refused

  @TC:TM-SS-009 @req:LDT33:1.1 @terminal:social-security
  Scenario: A card that is neither expired nor listed is accepted
    Given the test card "reference" is in the card slot
    When the terminal performs iReadCardBas
    Then the terminal reports success

  @TC:TM-SS-010 @req:SSCARD-7:9.5 @req:LDT33:1.1 @terminal:social-security
  Scenario: iVerifyPIN with the right PIN succeeds
    Given the test card "reference" is in the card slot
    When the terminal performs iVerifyPIN with the PIN "123456"
    Then the terminal reports success
    And the terminal reports code 0

  @TC:TM-SS-011 @req:SSCARD-7:9.5 @req:LDT33:1.1 @terminal:social-security
  Scenario: iVerifyPIN with a wrong PIN reports -51 (PIN wrong, tries left)
    Given the test card "reference" is in the card slot
    When the terminal performs iVerifyPIN with the PIN "123457"
    Then the terminal reports error
    And the terminal reports code -51

  @TC:TM-SS-012 @req:SSCARD-7:9.5 @req:LDT33:1.1 @terminal:social-security
  Scenario: iChangePIN changes the PIN: the new one then verifies
    Given the test card "reference" is in the card slot
    When the terminal performs iChangePIN from "123456" to "135790"
    Then the terminal reports success
    When the terminal performs iVerifyPIN with the PIN "135790"
    Then the terminal reports success

  @TC:TM-SS-019 @req:LDT33:5.1 @terminal:social-security
  Scenario: iChangePIN on a locked PIN reports an error, not success
    Given the test card "reference" is in the card slot
    And the card's PIN has one try left
    When the terminal performs iChangePIN from "123457" to "135790"
    Then the terminal reports error
    And the terminal reports code -52
    When the terminal performs iChangePIN from "123456" to "135790"
    Then the terminal reports error

  @TC:TM-SS-013 @req:SSCARD-5:6.8 @req:LDT33:1.1 @terminal:social-security
  Scenario: iReloadPIN authenticates with PUK through the PSAM and sets a new PIN on a locked card
    Given the test card "reference" is in the card slot
    And the card's PIN is locked by wrong tries
    When the terminal performs iReloadPIN with the new PIN "246810"
    Then the terminal reports success
    And the card saw EXTERNAL AUTHENTICATE with PUK before PIN RELOAD
    When the terminal performs iVerifyPIN with the PIN "246810"
    Then the terminal reports success

  @TC:TM-SS-014 @req:SSCARD-5:6.8 @req:LDT33:1.1 @terminal:social-security
  Scenario: iUnblockPIN unblocks a locked PIN with a MAC under STK: the old PIN verifies again
    Given the test card "reference" is in the card slot
    And the card's PIN is locked by wrong tries
    When the terminal performs iUnblockPIN
    Then the terminal reports success
    When the terminal performs iVerifyPIN with the PIN "123456"
    Then the terminal reports success

  @TC:TM-SS-020 @req:SSCARD-5:6.8 @req:LDT33:1.1 @terminal:social-security
  Scenario: A PIN unblock the card refuses (its STK is not the issuer's) is reported with the card's return code
    Given the test card "tm-wrong-stk" is in the card slot
    When the terminal performs iUnblockPIN
    Then the terminal reports error
    And the terminal reports code -27016

  @TC:TM-SS-015 @req:SSCARD-4:8.2 @req:LDT33:1.1 @terminal:social-security
  Scenario: iWriteCard writes a data item with secure messaging (UPDATE RECORD, CLA 04, MAC under UK SSSE)
    Given the test card "reference" is in the card slot
    When the terminal performs iWriteCard of item 02 with the value "33"
    Then the terminal reports success
    And the card accepted UPDATE RECORD of item 02 with a MAC carrying "33"

  @TC:TM-SS-016 @req:SSCARD-7:9.5 @req:LDT33:1.1 @terminal:social-security
  Scenario: iVerifyPIN on a locked PIN reports -52 (PIN locked)
    Given the test card "reference" is in the card slot
    And the card's PIN has one try left
    When the terminal performs iVerifyPIN with the PIN "123457"
    Then the terminal reports code -52
    When the terminal performs iVerifyPIN with the PIN "123456"
    Then the terminal reports error
    And the terminal reports code -52

  @TC:TM-SS-017 @req:SSCARD-7:5.4 @req:LDT33:1.1 @terminal:social-security
  Scenario: A card whose INTERNAL AUTHENTICATE does not verify (a clone) is rejected with -21
    Given the test card "tm-clone" is in the card slot
    When the terminal performs iReadCardBas
    Then the terminal reports error
    And the terminal reports code -21

  @TC:TM-SS-018 @req:SSCARD-4:8.2 @req:LDT33:1.1 @terminal:social-security
  Scenario: A write the card refuses (its UK SSSE is not the issuer's) is reported as an error, not success
    Given the test card "tm-wrong-uk" is in the card slot
    When the terminal performs iWriteCard of item 02 with the value "33"
    Then the terminal reports error
    And the terminal reports code -27016
