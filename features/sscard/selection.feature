# Selection of the SSSE and its applications: 社会保障卡规范 part 3 §6.2–6.4, part 5 §6.11 (FCI table 36);
# 社会保障卡文件结构和数据项 V2.0 table 1 and §5 (AIDs); LD/T 33 §10.1 (algorithm identifier 9F0C › 86).
Feature: Selection of the SSSE and its applications

  @TC:SS-SEL-001 @req:SSCARD-3:6.2 @req:SSCARD-5:6.11
  Scenario: SELECT by the GBK name sx1.sh.社会保障 answers the SSSE FCI with that DF name
    When the terminal selects the SSSE by its name
    Then the response is an SSSE FCI whose DF name is "sx1.sh.社会保障" in GBK

  @TC:SS-SEL-002 @req:SSCARD-3:6.4 @req:LDT33:10.1 @sscard:2.0 @sscard:3.0
  Scenario: The SSSE FCI names an algorithm the ICS declares (01 3DES, 03 SM4)
    When the terminal selects the SSSE by its name
    Then the FCI carries an algorithm identifier the ICS declares

  @TC:SS-SEL-003 @req:SSCARD-3:6.4 @req:SSCARD-7:5.3 @sscard:1.0
  Scenario: A 1.0 SSSE FCI names no algorithm (the default, DES) or DES
    When the terminal selects the SSSE by its name
    Then the FCI carries no algorithm identifier or 01

  @req:SSCARD-3:6.2 @req:SSCARD-6:V2.0-5
  Scenario Outline: The application <label> is selected by its AID and its FCI names it
    Given the SSSE is selected
    When the terminal selects the application <aid>
    Then the FCI names the application <aid>

    @TC:DF01_RECORD
    Examples: DF01
      | label          | aid          |
      | 公共应用信息区 | D15600000500 |

    @TC:DF02_RECORD
    Examples: DF02
      | label            | aid          |
      | 就业与失业信息区 | D15600000501 |

    @TC:DF03_RECORD
    Examples: DF03
      | label           | aid          |
      | 社会保险信息区1 | D15600000502 |

    @TC:DF04_RECORD
    Examples: DF04
      | label           | aid          |
      | 社会保险信息区2 | D15600000503 |

    @TC:DF07_RECORD @sscard:2.0 @sscard:3.0
    Examples: DF07
      | label          | aid          |
      | 人事人才信息区 | D15600000504 |

  @TC:SS-ALG-001 @req:SSCARD-3:6.4 @req:SSCARD-4:8.4.2 @ics:sm4 @sscard:3.0
  Scenario: An SM4 card names algorithm 03 and authenticates itself with SM4 process keys
    When the terminal selects the SSSE by its name
    Then the FCI names the algorithm 03
    When the terminal asks INTERNAL AUTHENTICATE without a key version
    Then the internal authentication data is what the PSAM computes

  @TC:SS-ALG-002 @req:SSCARD-3:6.4 @req:SSCARD-4:8.4.1 @ics:3des @sscard:2.0
  Scenario: A 3DES card names algorithm 01 and authenticates itself with 3DES process keys
    When the terminal selects the SSSE by its name
    Then the FCI names the algorithm 01
    When the terminal asks INTERNAL AUTHENTICATE without a key version
    Then the internal authentication data is what the PSAM computes
