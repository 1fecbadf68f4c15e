# The card master key creates the SSSE and the PSE and loads each environment's master key; after
# that it has no control over either. Each environment master key may update itself, create its
# environment's files and load its application keys (社会保障卡规范 part 4 §5.2–5.4; 总体方案).
# The card-management commands are the COS's own; docs/dual-app.md gives the coding the harness uses.
Feature: Card master key and environment master keys

  @TC:DA-CMK-001 @req:SSCARD-4:5.2 @req:SSCARD-4:5.3 @ics:card-management
  Scenario: The card master key cannot replace the SSSE master key, nor load one into an ADF of the SSSE
    Given the SSSE is selected
    When the terminal replaces the master key of the current DF under the card master key
    Then the card refuses the key: 6982 or 6988
    And the SSSE master key still authenticates in the current DF
    When the terminal selects the application D15600000500
    And the terminal loads the master key of the current DF under the card master key
    Then the card refuses the key: 6982 or 6988

  @TC:DA-CMK-002 @req:SSCARD-4:5.2 @req:SSCARD-4:5.4 @ics:card-management @ics:financial
  Scenario: The card master key cannot replace the PSE master key
    Given the PSE is selected
    When the terminal replaces the master key of the current DF under the card master key
    Then the card refuses the key: 6982 or 6988
    And the PSE master key still authenticates in the current DF

  @TC:DA-CMK-003 @req:SSCARD-4:5.2 @req:SSCARD-4:5.5 @ics:card-management
  Scenario: Authentication with the card master key does not authorise file creation in the SSSE
    Given the MF is selected
    When the terminal authenticates with the card master key
    Then the status word is 9000
    When the terminal selects the SSSE by its name
    And the terminal creates a DF named "TEST.DF.01" in the current DF
    Then the status word is 6982

  @TC:DA-CMK-005 @req:SSCARD-5:6.4.5 @req:SSCARD-5:6.5 @ics:card-management
  Scenario: On the MF EXTERNAL AUTHENTICATE with the card master key answers 6A86 to P1 01, 6700 to 15 data bytes, 6984 without a challenge; WRITE KEY 6A86 to P1 02, 6700 to 4 data bytes
    Given the card has been reset
    And the MF is selected
    When the terminal sends "00 82 01 00 10 0102030405060708 1112131415161718"
    Then the status word is 6A86
    When the terminal sends "00 82 00 00 0F 0102030405060708 11121314151617"
    Then the status word is 6700
    When the terminal sends "00 82 00 00 10 0102030405060708 1112131415161718"
    Then the status word is 6984
    When the terminal sends "84 D4 02 12 0C 0102030405060708 11121314"
    Then the status word is 6A86
    When the terminal sends "84 D4 00 12 04 11121314"
    Then the status word is 6700

  @TC:DA-CMK-004 @req:SSCARD-4:5.2 @req:SSCARD-10:5.2.6 @ics:card-management @destructive
  Scenario: The card master key replaces itself
    Given the MF is selected
    When the terminal replaces the master key of the current DF under the card master key
    Then the status word is 9000
    And the new master key authenticates in the current DF
    And the card master key no longer authenticates in the current DF

  # EXTERNAL AUTHENTICATE names its key in P2 (part 5 §6.4): of two keys loaded into one DF, each answers to its own identifier.
  @TC:DA-CMK-006 @req:SSCARD-5:6.4 @req:SSCARD-4:5.2 @ics:card-management @destructive
  Scenario: Two keys the card master key loaded into the MF each authenticate by their own identifier
    Given the terminal has identified the card
    When the card master key loads key 11 into the MF
    And the card master key loads key 12 into the MF
    Then key 12 authenticates in the current DF
    And key 11 authenticates in the current DF

  @TC:DA-EMK-001 @req:SSCARD-4:5.3 @ics:card-management @destructive
  Scenario: The SSSE master key replaces itself, and is not loaded over (6A89)
    Given the SSSE is selected
    When the terminal loads the master key of the current DF under the SSSE master key
    Then the status word is 6A89
    When the terminal replaces the master key of the current DF under the SSSE master key
    Then the status word is 9000
    And the new master key authenticates in the current DF
    And the SSSE master key no longer authenticates in the current DF

  @TC:DA-EMK-002 @req:SSCARD-4:5.4 @ics:card-management @destructive @ics:financial
  Scenario: The PSE master key replaces itself
    Given the PSE is selected
    When the terminal replaces the master key of the current DF under the PSE master key
    Then the status word is 9000
    And the new master key authenticates in the current DF
    And the PSE master key no longer authenticates in the current DF

  @TC:DA-EMK-003 @req:SSCARD-4:5.3 @req:SSCARD-4:7.3 @ics:card-management @destructive
  Scenario: A key the SSSE master key loads is usable in the SSSE and replaced, and a second key loads beside it; a key block naming another key or of 4 key bytes, a second load and a replace of a key never loaded are refused
    Given the SSSE is selected
    When the terminal loads key 12 into the current DF under the SSSE master key with a key block naming key 13
    Then the status word is 6A80
    When the terminal loads key 12 of 4 bytes into the current DF under the SSSE master key
    Then the status word is 6A80
    When the terminal replaces key 13 of the current DF under the SSSE master key
    Then the status word is 6A88
    When the terminal loads key 12 into the current DF under the SSSE master key
    Then the status word is 9000
    And a wrong EXTERNAL AUTHENTICATE with key 12 answers 63Cx with one try fewer than it was loaded with
    And key 12 authenticates in the current DF
    When the terminal loads key 12 into the current DF under the SSSE master key
    Then the status word is 6A89
    # A key file the issuer sized for one loaded key may answer 6A84 (not enough memory); 6A89 says key 13 is there.
    When the terminal loads key 13 into the current DF under the SSSE master key
    Then the status word is 9000 or 6A84
    When the terminal replaces key 12 of the current DF under the SSSE master key
    Then the status word is 9000
    And key 12 authenticates in the current DF
