# The PSAM's own commands (社会保障卡规范 part 9 §9, tables 16, 24, 26, 29, 31) on a PSAM of the COS under
# test: the status words part 9 gives a command whose P1-P2, Lc or data the PSAM cannot take, or that comes
# before the command it needs. The PSAM is the terminal's; every terminal scenario rests on these answers.
# Only the simulator has one (elsewhere unobservable).
@needs:psam-sample
Feature: PSAM commands and their status words (part 9)

  @TC:SS-PSAM-001 @req:SSCARD-9:9.3
  Scenario: INITIALIZE ENVIRONMENT takes the BCD first byte of 卡的识别码 and answers 6A86, 6700, 6A80 as table 16 gives
    Given a PSAM of the COS under test
    When the terminal sends "BF EC 00 00 01 19"
    Then the status word is 9000
    When the terminal sends "BF EC 00 00 01 91"
    Then the status word is 9000
    When the terminal sends "BF EC 01 00 01 11"
    Then the status word is 6A86
    When the terminal sends "BF EC 00 01 01 11"
    Then the status word is 6A86
    When the terminal sends "BF EC 00 00 02 1111"
    Then the status word is 6700
    When the terminal sends "BF EC 00 00 01 1A"
    Then the status word is 6A80
    When the terminal sends "BF EC 00 00 01 A1"
    Then the status word is 6A80

  @TC:SS-PSAM-002 @req:SSCARD-9:9.7
  Scenario: DELIVERY SESSION KEY answers 6A88 for a key the PSAM lacks, 6700 for an Lc not M+8N, 6A80 for other levels, as table 24 gives
    Given a PSAM of the COS under test
    When the terminal sends "BF DE 67 48 20 0000000000000001 1101000000000000 1100000000000000 1122334455667788"
    Then the status word is 6A88
    When the terminal sends "BF DE 01 08 20 0000000000000001 1101000000000000 1100000000000000 1122334455667788"
    Then the status word is 6A88
    When the terminal sends "BF DE 67 08 21 0000000000000001 1101000000000000 1100000000000000 1122334455667788 00"
    Then the status word is 6700
    When the terminal sends "BF DE 67 08 07 11223344556677"
    Then the status word is 6700
    When the terminal sends "BF DE 67 08"
    Then the status word is 6700
    When the terminal sends "BF DE 67 08 18 0000000000000001 1101000000000000 1122334455667788"
    Then the status word is 6A80
    When the terminal sends "BF DE 67 08 20 0000000000000001 1101000000000000 1100000000000000 1122334455667788"
    Then the status word is 9000

  @TC:SS-PSAM-003 @req:SSCARD-9:9.8
  Scenario: CIPHER DATA answers 6901 before DELIVERY SESSION KEY, then 6A86, 6700 and 6985 as table 26 gives, and encrypts and MACs block by block
    Given a PSAM of the COS under test
    When the terminal sends "80 FA 00 00 08 0011223344556677"
    Then the status word is 6901
    When the terminal sends "BF DE 67 08 20 0000000000000001 1101000000000000 1100000000000000 1122334455667788"
    Then the status word is 9000
    When the terminal sends "80 FA 00 01 08 0011223344556677"
    Then the status word is 6A86
    When the terminal sends "80 FA 04 00 08 0011223344556677"
    Then the status word is 6A86
    When the terminal sends "80 FA 00 00 07 00112233445566"
    Then the status word is 6700
    When the terminal sends "80 FA 00 00"
    Then the status word is 6700
    When the terminal sends "80 FA 05 00 08 0011223344556677"
    Then the status word is 6700
    When the terminal sends "80 FA 01 00 08 0011223344556677"
    Then the status word is 6985
    When the terminal sends "80 FA 03 00 08 0011223344556677"
    Then the status word is 6985
    When the terminal sends "80 FA 02 00 10 00112233445566778899AABBCCDDEEFF"
    Then the status word is 9000
    And the response data is 16 bytes long
    When the terminal sends "80 FA 07 00 10 0000000000000000 0011223344556677"
    Then the status word is 9000
    And the response data is empty
    When the terminal sends "80 FA 03 00 08 8899AABBCCDDEEFF"
    Then the status word is 9000
    And the response data is empty
    When the terminal sends "80 FA 01 00 08 0011223344556677"
    Then the status word is 9000
    And the response data is 8 bytes long
    When the terminal sends "80 FA 01 00 08 0011223344556677"
    Then the status word is 6985
    When the terminal sends "80 FA 05 00 10 0000000000000000 0011223344556677"
    Then the status word is 9000
    And the response data is 8 bytes long

  @TC:SS-PSAM-004 @req:SSCARD-9:9.9 @req:SSCARD-9:9.10
  Scenario: INIT SAM FOR PURCHASE and CREDIT SAM FOR PURCHASE answer 6901, 6A86, 6700, 6A88 and 9302 as tables 29 and 31 give
    Given a PSAM of the COS under test
    When the terminal sends "80 72 00 00 04 00000000"
    Then the status word is 6901
    When the terminal sends "80 70 00 00 34 11223344 0001 00000000 00000000 00000000 06 20261201 103000 01 01 0000000000000001 1101000000000000 1100000000000000"
    Then the status word is 6A86
    When the terminal sends "80 70 01 01 34 11223344 0001 00000000 00000000 00000000 06 20261201 103000 01 01 0000000000000001 1101000000000000 1100000000000000"
    Then the status word is 6A86
    When the terminal sends "80 70 01 00 1B 11223344 0001 00000000 00000000 00000000 06 20261201 103000 01"
    Then the status word is 6700
    When the terminal sends "80 70 01 00 2C 11223344 0001 00000000 00000000 00000000 06 20261201 103000 01 01 0000000000000001 1101000000000000"
    Then the status word is 6700
    When the terminal sends "80 70 01 00 35 11223344 0001 00000000 00000000 00000000 06 20261201 103000 01 01 0000000000000001 1101000000000000 1100000000000000 00"
    Then the status word is 6700
    When the terminal sends "80 70 01 00 34 11223344 0001 00000000 00000000 00000000 06 20261201 103000 02 01 0000000000000001 1101000000000000 1100000000000000"
    Then the status word is 6A88
    When the terminal sends "80 70 01 00 34 11223344 0001 00000000 00000000 00000000 06 20261201 103000 01 03 0000000000000001 1101000000000000 1100000000000000"
    Then the status word is 6A88
    When the terminal sends "80 70 01 00 34 11223344 0001 00000000 00000000 00000000 06 20261201 103000 01 01 0000000000000001 1101000000000000 1100000000000000"
    Then the status word is 9000
    And the response data is 8 bytes long
    When the terminal sends "80 72 01 00 04 00000000"
    Then the status word is 6A86
    When the terminal sends "80 72 00 01 04 00000000"
    Then the status word is 6A86
    When the terminal sends "80 72 00 00 03 000000"
    Then the status word is 6700
    When the terminal sends "80 72 00 00 04 00000000"
    Then the status word is 9302
    When the terminal sends "80 72 00 00 04 00000000"
    Then the status word is 6901
