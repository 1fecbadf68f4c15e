# Pre-personalisation of a blank card (社会保障卡规范 part 10 §5.2): authenticate the COS transport key,
# replace it with the card master key, create the SSSE and load its master key; then the bank's side
# creates the PSE the same way (总体方案: 人社 data first, then the bank's).
Feature: Personalisation creates both environments

  @TC:DA-PERS-001 @req:SSCARD-10:5.2 @req:SSCARD-4:5.2 @ics:card-management @needs:blank-card @ics:financial
  Scenario: The personalisation sequence creates the SSSE, then the PSE, each with its master key
    Given a blank card of the COS under test
    When the bureau personalises the card: SSSE first, then PSE
    Then every personalisation step answered 9000
    And the SSSE master key authenticates in its environment
    And the PSE master key authenticates in its environment

  @TC:DA-PERS-002 @req:SSCARD-10:5.2.1 @req:SSCARD-10:5.2.6 @ics:card-management @needs:blank-card @ics:financial
  Scenario: Once replaced, the transport key no longer opens the card
    Given a blank card of the COS under test
    When the bureau personalises the card: SSSE first, then PSE
    And the MF is selected
    Then the transport master key no longer authenticates in the current DF
    And the card master key still authenticates in the current DF

  @TC:DA-PERS-003 @req:SSCARD-4:5.2 @ics:card-management @needs:blank-card @ics:financial
  Scenario: On a freshly personalised card the card master key controls neither environment
    Given a blank card of the COS under test
    When the bureau personalises the card: SSSE first, then PSE
    And the SSSE is selected
    And the terminal replaces the master key of the current DF under the card master key
    Then the card refuses the key: 6982 or 6988
    When the PSE is selected
    And the terminal replaces the master key of the current DF under the card master key
    Then the card refuses the key: 6982 or 6988

  @TC:DA-PERS-004 @req:SSCARD-4:5.2 @req:ISO7816-4:5.3.1 @ics:card-management @needs:blank-card @ics:financial
  Scenario: An environment cannot be created twice, nor a DF without a DF name, with one of 17 bytes or more, with an FCP that is no TLV or not under tag 62, or with P1 01
    Given a blank card of the COS under test
    When the bureau personalises the card: SSSE first, then PSE
    And the MF is selected
    And the terminal authenticates with the card master key
    And the terminal creates the SSSE again in the current DF
    Then the status word is 6A89
    When the terminal creates a DF named "TEST.DF.0123456789" in the current DF
    Then the status word is 6A80
    When the terminal creates a DF without a DF name in the current DF
    Then the status word is 6A80
    When the terminal sends "80 E0 00 00 03 620582"
    Then the status word is 6A80
    When the terminal sends "80 E0 00 00 0C 6F0A 820138 84055445535431"
    Then the status word is 6A80
    When the terminal sends "80 E0 01 00 0C 620A 820138 84055445535431"
    Then the status word is 6A86

  @TC:DA-PERS-005 @req:SSCARD-4:5.2 @ics:card-management @needs:blank-card @ics:financial
  Scenario: Without the transport key no environment can be created
    Given a blank card of the COS under test
    When the terminal creates the SSSE again in the current DF
    Then the status word is 6982

  @TC:DA-PERS-006 @req:SSCARD-4:5.2 @req:SSCARD-4:7.3 @ics:card-management @needs:blank-card
  Scenario: Before an environment has its master key, the card master key can only load that key: a replace of it (6A88) and an application key (6982 or 6988) are refused
    Given a blank card of the COS under test
    And the MF is selected
    When the terminal authenticates with the transport master key
    And the terminal creates the SSSE in the current DF
    Then the status word is 9000
    When the terminal selects by DF name "sx1.sh.社会保障"
    Then the status word is 9000
    # WRITE KEY P1 01 (replace) of a key the DF lacks, its master key too, answers 6A88 (docs/dual-app.md);
    # the card master key's part is to load the new environment's master key (part 4 §5.2, §7.3 装载 and 更新).
    When the terminal replaces the master key of the current DF under the transport master key
    Then the status word is 6A88
    # Application keys are the environment master key's to load (part 4 §5.2, §5.3).
    When the terminal loads key 12 into the current DF under the transport master key
    Then the card refuses the key: 6982 or 6988
    When the terminal loads the master key of the current DF under the transport master key
    Then the status word is 9000
    And the new master key authenticates in the current DF

  @TC:DA-PERS-007 @req:ISO7816-4:5.3.1 @req:SSCARD-4:5.2 @ics:card-management @needs:blank-card
  Scenario: The card master key creates a DF with a DF name of one byte and one of 16 bytes; a second DF with the file identifier of the first is refused (6A89), a one-byte file identifier too (6A80 or 6700)
    Given a blank card of the COS under test
    And the MF is selected
    When the terminal authenticates with the transport master key
    # A DF name has 1 to 16 bytes; the files directly under a DF have different file identifiers (ISO/IEC 7816-4 §5.3.1).
    And the terminal creates a DF named "T" with file identifier 1001 in the current DF
    Then the status word is 9000
    When the terminal creates a DF named "TEST.DF.02" with file identifier 1001 in the current DF
    Then the status word is 6A89
    # 16 bytes, the longest DF name, is still a DF name; a file identifier has two bytes (§5.3.1.1).
    When the terminal creates a DF named "ABCDEFGHIJKLMNOP" with file identifier 1002 in the current DF
    Then the status word is 9000
    When the terminal sends "80 E0 00 00 0B 62 09 82 01 38 83 01 10 84 01 55"
    Then the status word is 6A80 or 6700

  @TC:DA-PERS-008 @req:SSCARD-4:8.3 @req:SSCARD-4:5.2 @ics:card-management @needs:blank-card
  Scenario: With SM4 card management, WRITE KEY whose data is one 8-byte block and the MAC answers 6700, as does one of 3 blocks
    Given a blank card of the COS under test with SM4 card management
    And the MF is selected
    When the terminal authenticates with the transport master key
    Then the status word is 9000
    # The key block is enciphered in whole blocks of the algorithm (part 4 §8.3): 16 bytes for SM4 (docs/dual-app.md).
    When the terminal sends "84 D4 00 12 0C 0102030405060708 11121314"
    Then the status word is 6700
    When the terminal sends "84 D4 00 12 1C 0102030405060708 1112131415161718 2122232425262728 31323334"
    Then the status word is 6700
