# JR/T 0025.17-2013 §5 (SM2/SM3 offline data authentication of PBOC 3.0), with the SM2 CA key of the
# profile (keys.pboc.ca, algorithm SM2). Certificates are plain fields followed by the SM2 signature
# r ‖ s with the user id 1234567812345678 (§8.2); nothing is recovered as with RSA (oda.feature).
@pboc:3.0 @ics:sm2
Feature: PBOC offline data authentication with SM2

  Background:
    Given the debit application is selected and its records read

  @TC:PB-ODA-101 @req:JRT0025-17:5.1.2 @req:JRT0025-17:8.2
  Scenario: The SM2 issuer public key certificate passes every check with the CA key
    Then the SM2 issuer public key certificate passes every check with the CA key

  @TC:PB-ODA-102 @req:JRT0025-17:5.1.2
  Scenario: The SM2 issuer public key certificate has the layout of table 4
    Then the SM2 issuer public key certificate 90 is 12, issuer id, expiry, serial, 04, 00, 11, 40, a 64-byte key and a 64-byte signature
    And the application data holds no RSA remainder 92 or exponent 9F32

  @TC:PB-ODA-103 @req:JRT0025-17:5.1.3 @ics:sda
  Scenario: Static data authentication with SM2 succeeds over the records the AFL marks for ODA
    Then static data authentication succeeds

  @TC:PB-ODA-104 @req:JRT0025-17:5.1.3 @ics:sda
  Scenario: The SM2 SSAD is 13, a data authentication code and a signature, and the DAC goes to 9F45
    Then the SM2 SSAD 93 is 13, a 2-byte data authentication code and a 64-byte signature
    And static data authentication succeeds
    And the data authentication code 9F45 is the one of the SSAD

  @TC:PB-ODA-105 @req:JRT0025-17:5.2.3 @ics:dda
  Scenario: The SM2 ICC public key certificate verifies with the issuer key and names the PAN of the card
    Then the SM2 ICC public key certificate passes every check with the issuer key
    And the application data holds no RSA exponent 9F47 or remainder 9F48

  @TC:PB-ODA-106 @req:JRT0025-17:5.2.4 @ics:dda
  Scenario: Dynamic data authentication with SM2 succeeds and gives the ICC dynamic number
    Then dynamic data authentication succeeds
    And the ICC dynamic number 9F4C is 2 to 8 bytes

  @TC:PB-ODA-107 @req:JRT0025-17:5.2.4.1 @ics:dda
  Scenario: The SM2 SDAD signs the terminal's DDOL data
    When the terminal runs INTERNAL AUTHENTICATE twice with the unpredictable numbers 11111111 and 22222222
    Then each SDAD verifies with its own unpredictable number only

  @TC:PB-ODA-108 @req:JRT0025-17:5.2.4.1 @ics:dda
  Scenario: Each SM2 INTERNAL AUTHENTICATE signs a new ICC dynamic number
    When the terminal runs INTERNAL AUTHENTICATE twice with the unpredictable numbers 11111111 and 11111111
    Then the two ICC dynamic numbers differ
