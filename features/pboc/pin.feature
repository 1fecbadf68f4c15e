# JR/T 0025.5 B.12 VERIFY (offline plaintext PIN, format 2 block), PIN try counter 9F17.
@pboc:2.0 @pboc:3.0 @needs:pin
Feature: PBOC offline PIN

  Background:
    Given the debit application is selected and its records read

  @TC:PB-PIN-001 @req:JRT0025-5:B.12
  Scenario: The right offline PIN is accepted
    When the terminal verifies the offline PIN of the profile
    Then the status word is 9000

  @TC:PB-PIN-002 @req:JRT0025-5:B.12
  Scenario: A wrong offline PIN answers 63Cx and decrements the PIN try counter
    When the terminal verifies a wrong offline PIN of 12 digits
    Then the card answers 63Cx with the PIN try counter 9F17 one less than before
    And the sample is restored: the right offline PIN resets the PIN try counter

  @TC:PB-PIN-003 @req:JRT0025-5:B.12
  Scenario: The right PIN after a wrong one resets the PIN try counter
    When the terminal verifies a wrong offline PIN
    And the terminal verifies the offline PIN of the profile
    Then the PIN try counter 9F17 is back at its value before the wrong PIN
    When the terminal asks for ARQC in the first GENERATE AC
    Then the CVR of the first GENERATE AC says what the transaction did

  @TC:PB-PIN-004 @req:JRT0025-5:B.12
  Scenario: Once the PIN try limit is reached the right PIN is refused with 6983
    When the terminal verifies a wrong offline PIN until the card blocks it
    And the terminal verifies the offline PIN of the profile
    Then the status word is 6983
    And the sample is restored: the issuer unblocks the offline PIN by script and the profile's PIN verifies

  @TC:PB-PIN-006 @req:JRT0025-5:11.4.2
  Scenario: The wrong PIN that uses the last try answers 63C0, not 6983
    When the terminal verifies a wrong offline PIN until the card blocks it
    Then the status word is 63C0
    And the sample is restored: the issuer unblocks the offline PIN by script and the profile's PIN verifies

  @TC:PB-PIN-007 @req:JRT0025-5:11.3 @req:JRT0025-5:11.4.2
  Scenario: A PIN whose try limit was reached in an earlier transaction answers 6984 to the first VERIFY of the next, and bars the EC path
    When the terminal verifies a wrong offline PIN until the card blocks it
    And the debit application is selected and its records read
    And the terminal verifies the offline PIN of the profile
    Then the status word is 6984
    When the terminal asks for ARQC in the first GENERATE AC
    Then the CVR of the first GENERATE AC says what the transaction did
    # JR/T 0025.13 §7.4.3: with the PIN try counter at 0 no transaction takes the EC path.
    When the debit application is selected and its records read for an EC purchase of 100
    Then the application data holds no EC issuer authorisation code 9F74
    And the sample is restored: the issuer unblocks the offline PIN by script and the profile's PIN verifies

  @TC:PB-PIN-008 @req:JRT0025-5:B.12 @req:JRT0025-5:11.3
  Scenario: A blocked PIN refuses VERIFY outside a transaction too (SELECT, no GET PROCESSING OPTIONS) with 6983 or 6984
    When the terminal verifies a wrong offline PIN until the card blocks it
    And the terminal selects the debit application again and starts no transaction
    And the terminal verifies the offline PIN of the profile
    Then the status word is 6983 or 6984
    And the sample is restored: the issuer unblocks the offline PIN by script and the profile's PIN verifies

  @TC:PB-PIN-005 @req:JRT0025-5:B.12 @req:ISO9564-1:format-2
  Scenario: A PIN block that is not ISO 9564 format 2 is refused with 6A80
    When the terminal sends VERIFY with a PIN block that is not format 2
    Then the status word is 6A80
    And VERIFY refuses the profile's PIN in a 7-byte block and blocks of 3 and 13 digits without spending a try
