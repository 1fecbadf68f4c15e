# JR/T 0025.7 §5 (RSA offline data authentication = EMV Book 2 §5–6), with the CA key of the profile.
@pboc:2.0 @pboc:3.0 @ics:rsa
Feature: PBOC offline data authentication with RSA

  Background:
    Given the debit application is selected and its records read

  @TC:PB-ODA-001 @req:JRT0025-7:5.3
  Scenario: The issuer public key certificate recovers with the CA key and passes every check
    Then the issuer public key certificate recovers with the CA key and passes every check

  @TC:PB-ODA-002 @req:JRT0025-7:5.4 @ics:sda
  Scenario: Static data authentication succeeds over the records the AFL marks for ODA
    Then static data authentication succeeds

  @TC:PB-ODA-003 @req:JRT0025-7:5.4 @ics:sda
  Scenario: The SSAD carries a 2-byte data authentication code
    Then the data authentication code 9F45 is 2 bytes

  @TC:PB-ODA-004 @req:JRT0025-7:6.4 @ics:dda
  Scenario: The ICC public key certificate recovers and names the PAN of the card
    Then the ICC public key certificate recovers and names the PAN of 5A

  @TC:PB-ODA-005 @req:JRT0025-7:6.5 @ics:dda
  Scenario: Dynamic data authentication succeeds and the next GENERATE AC's CVR says DDA performed
    Then dynamic data authentication succeeds
    When the terminal asks for ARQC in the first GENERATE AC
    Then the CVR of the first GENERATE AC says what the transaction did

  @TC:PB-ODA-006 @req:JRT0025-7:6.5.1 @ics:dda
  Scenario: The SDAD covers the terminal's DDOL data
    When the terminal runs INTERNAL AUTHENTICATE twice with the unpredictable numbers 11111111 and 22222222
    Then each SDAD verifies with its own unpredictable number only

  @TC:PB-ODA-007 @req:JRT0025-7:6.5.1 @ics:dda
  Scenario: Each INTERNAL AUTHENTICATE signs a new ICC dynamic number
    When the terminal runs INTERNAL AUTHENTICATE twice with the unpredictable numbers 11111111 and 11111111
    Then the two ICC dynamic numbers differ
