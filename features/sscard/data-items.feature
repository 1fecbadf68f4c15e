# The data items of EF05 (发卡机构数据) and EF06 (持卡人基本信息): 社会保障卡文件结构和数据项 V2.0 §7–8,
# table 9 (tag, format, length) and annex A (卡号); GB 11643 (社会保障号码); LD/T 33 §10.2 (3.0: EF06
# behind RK SSSE). Records are SIMPLE-TLV whose tag is the record identifier; read by identifier.
Feature: EF05 and EF06 data items

  @req:SSCARD-6:V2.0-table9 @req:SSCARD-5:6.10
  Scenario Outline: <item> (tag <tag>, <ef>) has the length and format of V2.0 table 9
    Given the SSSE is selected
    And the terminal has the read rights the card version requires
    When the terminal reads the item <tag> of the SSSE
    Then the record is data item <tag> with its length and format

    @TC:SSSE_RECORD-01
    Examples: 卡的识别码
      | tag | ef   | item |
      | 01  | EF05 | 卡的识别码 |

    @TC:SSSE_RECORD-02
    Examples: 卡的类别
      | tag | ef   | item |
      | 02  | EF05 | 卡的类别 |

    @TC:SSSE_RECORD-03
    Examples: 规范版本
      | tag | ef   | item |
      | 03  | EF05 | 规范版本 |

    @TC:SSSE_RECORD-04
    Examples: 初始化机构编号
      | tag | ef   | item |
      | 04  | EF05 | 初始化机构编号 |

    @TC:SSSE_RECORD-05
    Examples: 发卡日期
      | tag | ef   | item |
      | 05  | EF05 | 发卡日期 |

    @TC:SSSE_RECORD-06
    Examples: 卡有效期
      | tag | ef   | item |
      | 06  | EF05 | 卡有效期 |

    @TC:SSSE_RECORD-07
    Examples: 卡号
      | tag | ef   | item |
      | 07  | EF05 | 卡号 |

    @TC:SSSE_RECORD-08
    Examples: 社会保障号码
      | tag | ef   | item |
      | 08  | EF06 | 社会保障号码 |

    @TC:SSSE_RECORD-09
    Examples: 姓名
      | tag | ef   | item |
      | 09  | EF06 | 姓名 |

    @TC:SSSE_RECORD-4E @sscard:2.0 @sscard:3.0
    Examples: 姓名扩展
      | tag | ef   | item |
      | 4E  | EF06 | 姓名扩展 |

    @TC:SSSE_RECORD-0A
    Examples: 性别
      | tag | ef   | item |
      | 0A  | EF06 | 性别 |

    @TC:SSSE_RECORD-0B
    Examples: 民族
      | tag | ef   | item |
      | 0B  | EF06 | 民族 |

    @TC:SSSE_RECORD-0C
    Examples: 出生地
      | tag | ef   | item |
      | 0C  | EF06 | 出生地 |

    @TC:SSSE_RECORD-0D
    Examples: 出生日期
      | tag | ef   | item |
      | 0D  | EF06 | 出生日期 |

  @TC:SS-DATA-001 @req:SSCARD-6:V2.0-8.1.1.1 @req:SSCARD-6:V2.0-table12
  Scenario: 卡的识别码 and 初始化机构编号 name the same province
    Given the terminal has read the card and cardholder data
    Then the provinces of the card identifier and of the initialising institution agree

  @TC:SS-DATA-002 @req:SSCARD-6:V2.0-8.1.2.1 @req:GB11643:5
  Scenario: 社会保障号码 is an 18-character citizen id with a valid check character
    Given the terminal has read the card and cardholder data
    Then the social security number has a valid GB 11643 check character

  @TC:SS-DATA-003 @req:SSCARD-6:V2.0-annexA
  Scenario: 卡号 carries its annex A check character
    Given the terminal has read the card and cardholder data
    Then the card number has a valid annex A check character

  @TC:SS-DATA-004 @req:SSCARD-6:V2.0-8.1.1.5 @req:SSCARD-7:5.4
  Scenario: 发卡日期 and 卡有效期 are cn calendar dates and the card expires after it is issued
    Given the terminal has read the card and cardholder data
    Then the expiry date is a calendar date after the issue date

  @TC:SS-DATA-005 @req:SSCARD-6:V2.0-8.1.2.5 @req:GB11643:4
  Scenario: 出生日期 is the date of birth in 社会保障号码
    Given the terminal has read the card and cardholder data
    Then the date of birth is the one in the social security number

  @TC:SS-DATA-006 @req:SSCARD-6:V2.0-8.1.2.3 @req:GB11643:4
  Scenario: 性别 agrees with the sequence digit of 社会保障号码
    Given the terminal has read the card and cardholder data
    Then the sex agrees with the social security number

  @TC:SS-DATA-007 @req:SSCARD-6:V2.0-8.1.1.3 @req:LDT33:10.2
  Scenario: 规范版本 is the version the ICS declares
    Given the terminal has read the card and cardholder data
    Then the specification version is the one the ICS declares

  @TC:SS-DATA-008 @req:SSCARD-6:V2.0-table9
  Scenario: 姓名 is GBK text, continued in 姓名扩展 on 2.0 and 3.0 cards
    Given the terminal has read the card and cardholder data
    Then the name is GBK text, continued in the name extension

  @TC:SS-DATA-009 @req:SSCARD-6:V2.0-table4
  Scenario: The EF06 records by number are in the order of the card version (4E third from 2.0)
    Given the SSSE is selected
    And the terminal has the read rights the card version requires
    Then the EF06 records by number follow the order of the card version

  @TC:SS-TERM-001 @req:LDT33:1.1 @req:SSCARD-7:5.4 @req:SSCARD-9:7.3
  Scenario: The reference terminal reads the card basic information (iReadCardBas) through the PSAM
    When the terminal reads the card basic information (iReadCardBas)
    Then the card basic information validates
