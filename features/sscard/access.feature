# Access conditions of the SSSE files: 社会保障卡文件结构和数据项 V2.0 table 3 (read free / RK SSSE, write
# UK SSSE); LD/T 33 §10.2 (3.0: EF06 behind RK SSSE); 社会保障卡规范 part 7 §6–7 (read and update
# control through EXTERNAL AUTHENTICATE), part 4 §8.2 (MAC of secure messaging), part 7 §6.6 (the right
# lasts until another application is selected or the card is reset).
Feature: Access conditions of the SSSE files

  @TC:SSSE_SAFETY-01 @req:SSCARD-6:V2.0-table3
  Scenario: EF05 card data is read without authentication
    Given the SSSE is selected
    When the terminal reads the item 01 of the SSSE
    Then the record is data item 01 with its length and format
    When the terminal reads the item 07 of the SSSE
    Then the record is data item 07 with its length and format

  @TC:SSSE_SAFETY-02 @req:SSCARD-6:V2.0-table3 @sscard:1.0 @sscard:2.0
  Scenario: On 1.0 and 2.0 cards EF06 cardholder data is read without authentication
    Given the SSSE is selected
    When the terminal reads the item 08 of the SSSE
    Then the record is data item 08 with its length and format

  @TC:SSSE_SAFETY-03 @req:LDT33:10.2 @sscard:3.0
  Scenario: On 3.0 cards EF06 answers 6982 before EXTERNAL AUTHENTICATE with RK SSSE and its records after
    Given the SSSE is selected
    When the terminal reads the item 08 of the SSSE
    Then the status word is 6982
    When the terminal authenticates with RK SSSE
    Then the status word is 9000
    When the terminal reads the item 08 of the SSSE
    Then the record is data item 08 with its length and format

  @TC:SSSE_SAFETY-04 @req:SSCARD-6:V2.0-table3 @req:SSCARD-7:6.1
  Scenario: EF07 (fingerprint) answers 6982 before RK SSSE and its content after, and RK SSSE does not open it to UPDATE BINARY
    Given the SSSE is selected
    When the terminal reads 16 bytes at offset 0 of the key-protected EF by its SFI
    Then the status word is 6982
    When the terminal authenticates with RK SSSE
    Then the status word is 9000
    When the terminal reads 16 bytes at offset 0 of the key-protected EF by its SFI
    Then the response data is 16 bytes long
    When the terminal writes the data it read back at offset 0 of the key-protected EF by its SFI, without secure messaging
    Then the status word is 6982

  @TC:SSSE_SAFETY-05 @req:SSCARD-6:V2.0-table3 @req:SSCARD-7:7.2
  Scenario: A plain UPDATE RECORD of EF05 without authentication answers 6982
    Given the SSSE is selected
    When the terminal writes item 02 back unchanged without secure messaging
    Then the status word is 6982

  @TC:SSSE_SAFETY-06 @req:SSCARD-7:7.2 @req:SSCARD-5:6.13
  Scenario: After EXTERNAL AUTHENTICATE with UK SSSE a plain UPDATE RECORD of EF05 is accepted, by the first or the last record of an identifier
    Given the SSSE is selected
    And the terminal has authenticated with UK SSSE
    When the terminal writes item 02 back unchanged without secure messaging
    Then the status word is 9000
    And item 02 of the SSSE reads back unchanged
    When the terminal writes item 02 back unchanged as the last record of its identifier, without secure messaging
    Then the status word is 9000
    And item 02 of the SSSE reads back unchanged

  # A reference by record identifier sets the record pointer to the record it names (part 3 §5.3, §5.3.1).
  @TC:SS-REC-001 @req:SSCARD-3:5.3.1 @req:SSCARD-5:6.13 @req:SSCARD-5:6.10
  Scenario: UPDATE RECORD by record identifier leaves the record pointer on the record written: READ RECORD of the current record returns it
    Given the SSSE is selected
    And the terminal has authenticated with UK SSSE
    When the terminal writes item 02 back unchanged without secure messaging
    Then the status word is 9000
    And READ RECORD of the current record returns item 02 as it was

  @TC:SS-REC-002 @req:SSCARD-5:6.13 @req:SSCARD-5:6.13.5
  Scenario: UPDATE RECORD by record number writes record 1 of EF05
    Given the SSSE is selected
    And the terminal has authenticated with UK SSSE
    When the terminal writes record 1 of EF05 back unchanged by its record number, without secure messaging
    Then the status word is 9000
    And record 1 of EF05 reads back unchanged

  @TC:SSSE_SAFETY-07 @req:SSCARD-4:8.2 @req:SSCARD-5:6.13
  Scenario: UPDATE RECORD with secure messaging (CLA 04) and a right MAC under UK SSSE writes the record
    Given the SSSE is selected
    When the terminal writes item 02 as card type "4" with a MAC under UK SSSE
    Then the status word is 9000
    And item 02 of the SSSE reads back as written
    And the sample is restored: item 02 of the SSSE is written back with a MAC under UK SSSE

  @TC:SSSE_SAFETY-08 @req:SSCARD-4:8.2 @req:SSCARD-5:6.13
  Scenario: UPDATE RECORD with a wrong MAC answers 6988 and leaves the record as it was
    Given the SSSE is selected
    When the terminal writes item 02 as card type "4" with a wrong MAC
    Then the status word is 6988
    And item 02 of the SSSE reads back unchanged

  @TC:SSSE_SAFETY-09 @req:SSCARD-7:6.6 @req:ISO7816-4:5.4
  Scenario: The right of EXTERNAL AUTHENTICATE is lost when another application is selected
    Given the SSSE is selected
    And the terminal has authenticated with RK SSSE
    When the terminal selects the application D15600000500
    And the terminal selects the SSSE by its name
    And the terminal reads 16 bytes at offset 0 of the key-protected EF by its SFI
    Then the status word is 6982

  @TC:SSSE_SAFETY-10 @req:SSCARD-7:6.6
  Scenario: The right of EXTERNAL AUTHENTICATE is lost at reset
    Given the SSSE is selected
    And the terminal has authenticated with RK SSSE
    And the card has been reset
    When the terminal selects the SSSE by its name
    And the terminal reads 16 bytes at offset 0 of the key-protected EF by its SFI
    Then the status word is 6982

  @TC:DF04_SAFETY-01 @req:SSCARD-4:8.2 @req:SSCARD-7:8.4
  Scenario: A business record is written into DF04 with a MAC under UK1 and reads back
    Given the terminal has identified the card
    When the terminal selects the application D15600000503
    And the terminal keeps the DF04 business record to restore it
    And the terminal writes a business record into DF04 with a MAC under UK1
    Then the status word is 9000
    And the business record reads back as written
    And the sample is restored: the DF04 business record is written back with a MAC under UK1

  @TC:DF04_SAFETY-02 @req:SSCARD-7:7.2
  Scenario: A plain UPDATE RECORD of the DF04 business file without authentication answers 6982
    Given the SSSE is selected
    When the terminal selects the application D15600000503
    And the terminal writes a business record into DF04 without secure messaging
    Then the status word is 6982

  # EF08 医疗交易明细: 不允许改写 (part 6 §6.6 table 8); only the card's own purchase and load write it.
  @TC:DF04_SAFETY-03 @req:SSCARD-6:6.6 @req:SSCARD-5:6.13.5 @ics:medical-offline
  Scenario: UPDATE RECORD of EF08, the medical transaction detail that no command may write, answers 6982
    Given the SSSE is selected
    When the terminal selects the application D15600000503
    And the terminal sends "00 DC 01 44 03 010100"
    Then the status word is 6982

  @TC:SSSE_SAFETY-11 @req:SSCARD-4:8.2 @req:SSCARD-5:6.12 @req:SSCARD-6:V2.0-table3
  Scenario: UPDATE BINARY of EF07 with a MAC under UK SSSE writes the fingerprint file, read back after RK SSSE
    Given the SSSE is selected
    And the terminal keeps the first 16 bytes of EF07 to restore them
    When the terminal writes 16 bytes at offset 0 of EF07 with a MAC under UK SSSE
    Then the status word is 9000
    When the terminal authenticates with RK SSSE
    And the terminal reads 16 bytes at offset 0 of the key-protected EF by its SFI
    Then the data is what was written into EF07
    And the sample is restored: EF07 is written back with a MAC under UK SSSE
