# JR/T 0025.5 §5.2 (tables of mandatory data), JR/T 0025.7 §5 (ODA data), EMV Book 3 §7.2. The RSA
# remainders and exponents (92, 9F32, 9F47, 9F48) are @ics:rsa: an SM2 card has none (JR/T 0025.17 tables 3, 7).
@pboc:2.0 @pboc:3.0
Feature: PBOC mandatory application data

  @req:JRT0025-5:5.2
  Scenario Outline: The application data holds <name> (<tag>)
    Given the debit application is selected and its records read
    Then the application data holds <tag>

    @TC:PB-DATA-001
    Examples: PAN
      | tag | name |
      | 5A | PAN |

    @TC:PB-DATA-002
    Examples: expiry date
      | tag | name |
      | 5F24 | expiry date |

    @TC:PB-DATA-003
    Examples: effective date
      | tag | name |
      | 5F25 | effective date |

    @TC:PB-DATA-004
    Examples: PAN sequence number
      | tag | name |
      | 5F34 | PAN sequence number |

    @TC:PB-DATA-005
    Examples: CDOL1
      | tag | name |
      | 8C | CDOL1 |

    @TC:PB-DATA-006
    Examples: CDOL2
      | tag | name |
      | 8D | CDOL2 |

    @TC:PB-DATA-007
    Examples: CVM list
      | tag | name |
      | 8E | CVM list |

    @TC:PB-DATA-008
    Examples: application usage control
      | tag | name |
      | 9F07 | application usage control |

    @TC:PB-DATA-009
    Examples: application version number
      | tag | name |
      | 9F08 | application version number |

    @TC:PB-DATA-010
    Examples: IAC default
      | tag | name |
      | 9F0D | IAC default |

    @TC:PB-DATA-011
    Examples: IAC denial
      | tag | name |
      | 9F0E | IAC denial |

    @TC:PB-DATA-012
    Examples: IAC online
      | tag | name |
      | 9F0F | IAC online |

    @TC:PB-DATA-013
    Examples: issuer country code
      | tag | name |
      | 5F28 | issuer country code |

    @TC:PB-DATA-014
    Examples: SDA tag list
      | tag | name |
      | 9F4A | SDA tag list |

    @TC:PB-DATA-015
    Examples: CA public key index
      | tag | name |
      | 8F | CA public key index |

    @TC:PB-DATA-016
    Examples: issuer PK certificate
      | tag | name |
      | 90 | issuer PK certificate |

    @TC:PB-DATA-017 @ics:rsa
    Examples: issuer PK remainder
      | tag | name |
      | 92 | issuer PK remainder |

    @TC:PB-DATA-018 @ics:rsa
    Examples: issuer PK exponent
      | tag | name |
      | 9F32 | issuer PK exponent |

    @TC:PB-DATA-019 @ics:sda
    Examples: signed static application data
      | tag | name |
      | 93 | signed static application data |

    @TC:PB-DATA-020 @ics:dda
    Examples: ICC PK certificate
      | tag | name |
      | 9F46 | ICC PK certificate |

    @TC:PB-DATA-021 @ics:dda @ics:rsa
    Examples: ICC PK exponent
      | tag | name |
      | 9F47 | ICC PK exponent |

    @TC:PB-DATA-022 @ics:dda @ics:rsa
    Examples: ICC PK remainder
      | tag | name |
      | 9F48 | ICC PK remainder |

    @TC:PB-DATA-023 @ics:dda
    Examples: DDOL
      | tag | name |
      | 9F49 | DDOL |

  @TC:PB-DATA-030 @req:JRT0025-5:5.2 @req:ISO7812-1:annex-B
  Scenario: The PAN is 12 to 19 digits with a valid Luhn check digit
    Given the debit application is selected and its records read
    Then the PAN is 12 to 19 digits with a valid Luhn check digit

  @TC:PB-DATA-031 @req:JRT0025-5:5.2
  Scenario: Effective and expiry dates are valid and in order
    Given the debit application is selected and its records read
    Then the effective date is before the expiry date and both are valid YYMMDD

  @TC:PB-DATA-032 @req:JRT0025-5:7.5
  Scenario: The CVM list is amounts X, Y and whole CVM rules
    Given the debit application is selected and its records read
    Then the CVM list is X, Y and whole CVM rules

  @req:JRT0025-5:Annex-E
  Scenario Outline: CDOL1 asks for <tag>, which the application cryptogram covers
    Given the debit application is selected and its records read
    Then CDOL1 asks for <tag>

    @TC:PB-DATA-040
    Examples: 9F02
      | tag |
      | 9F02 |

    @TC:PB-DATA-041
    Examples: 9F1A
      | tag |
      | 9F1A |

    @TC:PB-DATA-042
    Examples: 95
      | tag |
      | 95 |

    @TC:PB-DATA-043
    Examples: 5F2A
      | tag |
      | 5F2A |

    @TC:PB-DATA-044
    Examples: 9A
      | tag |
      | 9A |

    @TC:PB-DATA-045
    Examples: 9C
      | tag |
      | 9C |

    @TC:PB-DATA-046
    Examples: 9F37
      | tag |
      | 9F37 |
