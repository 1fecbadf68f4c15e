# APPLICATION BLOCK (社会保障卡规范 part 5 §6.1, tables 6–7) and CARD BLOCK (§6.2, tables 8–9), each with
# the MAC of part 4 §8.2. Blocking is permanent: scenarios that block are @destructive. Once blocked, every
# SSSE command answers 9303 (application) or 6A81 (card): tables 7–48 list them for each command.
Feature: Application and card block

  @TC:SS-BLK-001 @req:SSCARD-5:6.1 @destructive
  Scenario: After APPLICATION BLOCK with a right MAC, every SSSE command and SELECT of the SSSE answer 9303
    Given the SSSE is selected
    When the terminal blocks the application
    Then the status word is 9000
    When the terminal sends "00 84 00 00 08"
    Then the status word is 9303
    When the terminal sends "00 20 00 00 03 123456"
    Then the status word is 9303
    When the terminal sends "00 B2 01 2C 00"
    Then the status word is 9303
    When the terminal sends "00 B0 85 00 00"
    Then the status word is 9303
    When the terminal sends "00 82 00 09 08 1122334455667788"
    Then the status word is 9303
    When the terminal sends "00 88 00 00 08 1122334455667788"
    Then the status word is 9303
    When the terminal sends "80 5E 01 00 07 123456FF654321"
    Then the status word is 9303
    When the terminal sends "84 24 00 00 04 11223344"
    Then the status word is 9303
    When the terminal sends "00 D6 85 00 01 00"
    Then the status word is 9303
    When the terminal sends "00 DC 01 2C 03 010100"
    Then the status word is 9303
    When the terminal sends "84 1E 00 01 04 11223344"
    Then the status word is 9303
    When the terminal selects the SSSE by its name
    Then the status word is 9303

  @TC:SS-BLK-002 @req:SSCARD-5:6.1.5 @req:SSCARD-4:8.2
  Scenario: APPLICATION BLOCK with a wrong MAC answers 6988 and the SSSE stays usable
    Given the SSSE is selected
    When the terminal blocks the application with a wrong MAC
    Then the status word is 6988
    When the terminal selects the SSSE by its name
    Then the status word is 9000

  @TC:SS-BLK-003 @req:SSCARD-5:6.2 @destructive
  Scenario: After CARD BLOCK every command answers 6A81
    Given the SSSE is selected
    When the terminal blocks the card
    Then the status word is 9000
    When the terminal sends "00 84 00 00 08"
    Then the status word is 6A81
    When the terminal sends "00 20 00 00 03 123456"
    Then the status word is 6A81
    When the terminal sends "00 B2 01 2C 00"
    Then the status word is 6A81
    When the terminal sends "00 B0 85 00 00"
    Then the status word is 6A81
    When the terminal sends "00 82 00 09 08 1122334455667788"
    Then the status word is 6A81
    When the terminal sends "00 88 00 00 08 1122334455667788"
    Then the status word is 6A81
    When the terminal sends "80 5E 01 00 07 123456FF654321"
    Then the status word is 6A81
    When the terminal sends "84 24 00 00 04 11223344"
    Then the status word is 6A81
    When the terminal sends "00 D6 85 00 01 00"
    Then the status word is 6A81
    When the terminal sends "00 DC 01 2C 03 010100"
    Then the status word is 6A81
    When the terminal sends "84 1E 00 01 04 11223344"
    Then the status word is 6A81
    When the terminal sends "84 16 00 00 04 11223344"
    Then the status word is 6A81
    When the terminal selects the SSSE by its name
    Then the status word is 6A81
    When the terminal sends "00 84 00 00 08"
    Then the status word is 6A81
    # Permanent (§6.2.1): after a reset too, with the MF current.
    When the card has been reset
    And the terminal sends "00 20 00 00 03 123456"
    Then the status word is 6A81
    When the terminal sends "00 84 00 00 08"
    Then the status word is 6A81
    When the terminal sends "00 B2 01 0C 00"
    Then the status word is 6A81
    When the terminal sends "00 B0 81 00 00"
    Then the status word is 6A81
    When the terminal sends "00 A4 00 00 02 3F00"
    Then the status word is 6A81

  @TC:SS-BLK-004 @req:SSCARD-5:6.2.5 @req:SSCARD-4:8.2
  Scenario: CARD BLOCK with a wrong MAC answers 6988 and the card stays usable
    Given the SSSE is selected
    When the terminal blocks the card with a wrong MAC
    Then the status word is 6988
    When the terminal selects the SSSE by its name
    Then the status word is 9000

  @TC:SS-BLK-005 @req:SSCARD-5:6.1.5
  Scenario: APPLICATION BLOCK with P2 00 or P1 01 answers 6A86
    Given the SSSE is selected
    When the terminal sends APPLICATION BLOCK with P2 00
    Then the status word is 6A86
    When the terminal sends "84 1E 01 01 04 11223344"
    Then the status word is 6A86

  @TC:SS-BLK-006 @req:SSCARD-5:6.1 @destructive
  Scenario: APPLICATION BLOCK is permanent: after a reset SELECT of the SSSE still answers 9303
    Given the SSSE is selected
    When the terminal blocks the application
    Then the status word is 9000
    Given the card has been reset
    When the terminal selects the SSSE by its name
    Then the status word is 9303
