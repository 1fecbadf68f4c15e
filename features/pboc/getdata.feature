# JR/T 0025.5 B.9 GET DATA; JR/T 0025.13 §6 (EC data).
@pboc:2.0 @pboc:3.0
Feature: PBOC GET DATA

  @req:JRT0025-5:B.9
  Scenario Outline: GET DATA <tag> (<name>) answers that one object of <length> bytes
    When the terminal selects the debit application
    And the terminal gets the data object <tag>
    Then its value is <length> bytes long

    @TC:PB-GD-001
    Examples: ATC
      | tag | name | length |
      | 9F36 | ATC | 2 |

    @TC:PB-GD-002
    Examples: last online ATC register
      | tag | name | length |
      | 9F13 | last online ATC register | 2 |

    @TC:PB-GD-003
    Examples: PIN try counter
      | tag | name | length |
      | 9F17 | PIN try counter | 1 |

    @TC:PB-GD-004 @ics:ec
    Examples: EC balance
      | tag | name | length |
      | 9F79 | EC balance | 6 |

    @TC:PB-GD-005 @ics:ec
    Examples: EC balance limit
      | tag | name | length |
      | 9F77 | EC balance limit | 6 |

    @TC:PB-GD-006 @ics:ec
    Examples: EC single transaction limit
      | tag | name | length |
      | 9F78 | EC single transaction limit | 6 |

    @TC:PB-GD-007 @ics:ec
    Examples: EC reset threshold
      | tag | name | length |
      | 9F6D | EC reset threshold | 6 |

  @TC:PB-GD-008 @req:JRT0025-5:B.9
  Scenario: GET DATA of the log format answers a data object list
    When the terminal selects the debit application
    And the terminal gets the data object 9F4F
    Then the log format is a data object list

  @TC:PB-GD-009 @req:JRT0025-5:B.9
  Scenario: GET DATA of a tag the application does not have answers 6A88
    When the terminal selects the debit application
    And the terminal sends GET DATA for the tag 9F7F
    Then the status word is 6A88
