# JR/T 0025.17 §10.2–10.3: a dual-algorithm card holds RSA/SHA-1/3DES and SM2/SM3/SM4 and chooses one set at
# GET PROCESSING OPTIONS by the SM algorithm support indicator DF69 of the PDOL data (§10.3.3 b): 01 → the
# SM AFL (SM2 certificates), SM4 cryptograms, IAD algorithm 04; 00 → the RSA AFL, 3DES, IAD 01 (annex A).
# The choice holds for the whole transaction (§10.3.1 c–g).
@pboc:3.0 @ics:dual-algorithm
Feature: PBOC dual-algorithm card: the algorithm set chosen by DF69

  @req:JRT0025-17:10.3.3 @req:JRT0025-17:10.3.1
  Scenario Outline: With DF69 = <df69> the card answers the AFL of the <chain> certificate chain
    Given the terminal <support> the SM algorithms
    And the debit application is selected and its records read
    Then the records the AFL names hold the <chain> certificate chain only

    @TC:PB-DUAL-001
    Examples: SM
      | df69 | support  | chain |
      | 01   | supports | SM2   |

    @TC:PB-DUAL-004
    Examples: international
      | df69 | support          | chain |
      | 00   | does not support | RSA   |

  @req:JRT0025-17:10.3.1 @req:JRT0025-17:10.3.3 @ics:sda @ics:dda
  Scenario Outline: With DF69 = <df69> offline data authentication verifies with the <chain> CA key
    Given the terminal <support> the SM algorithms
    And the debit application is selected and its records read
    Then the CA key the card names in 8F is the <chain> key of the profile
    And static data authentication succeeds
    And dynamic data authentication succeeds

    @TC:PB-DUAL-002
    Examples: SM
      | df69 | support  | chain |
      | 01   | supports | SM2   |

    @TC:PB-DUAL-005
    Examples: international
      | df69 | support          | chain |
      | 00   | does not support | RSA   |

  @req:JRT0025-17:10.3.1 @req:JRT0025-17:A
  Scenario Outline: With DF69 = <df69> the cryptogram is <algorithm> and the IAD names it
    Given the terminal <support> the SM algorithms
    And the card has asked to go online with an ARQC
    Then the IAD of the first GENERATE AC names <algorithm>
    And the cryptogram of the first GENERATE AC verifies with the <algorithm> issuer keys

    @TC:PB-DUAL-003
    Examples: SM
      | df69 | support  | algorithm |
      | 01   | supports | SM4       |

    @TC:PB-DUAL-006
    Examples: international
      | df69 | support          | algorithm |
      | 00   | does not support | 3DES      |

  @req:JRT0025-17:10.3.1 @req:JRT0025-17:10.3.3 @req:JRT0025-7:6.2
  Scenario Outline: The <algorithm> set chosen at GPO holds through the ARPC and the second GENERATE AC
    Given the terminal <support> the SM algorithms
    And the card has asked to go online with an ARQC
    When the issuer answers with the right ARPC and ARC 00
    Then the status word is 9000
    When the terminal sends the second GENERATE AC asking for TC
    Then the card answers TC
    And the IAD of the second GENERATE AC names <algorithm>
    And the cryptogram of the second GENERATE AC verifies with the <algorithm> issuer keys

    @TC:PB-DUAL-007
    Examples: SM
      | support  | algorithm |
      | supports | SM4       |

    @TC:PB-DUAL-008
    Examples: international
      | support          | algorithm |
      | does not support | 3DES      |

  @req:JRT0025-17:10.3 @req:JRT0025-5:7 @needs:pin
  Scenario Outline: A whole online transaction in the <algorithm> set is approved and every cryptogram names <algorithm>
    Given the terminal <support> the SM algorithms
    When the reference kernel runs a merchant-forced-online transaction of 1000
    Then the transaction is approved with online cryptograms that verify with the issuer keys
    And every cryptogram of the transaction names <algorithm> in its IAD

    @TC:PB-DUAL-009
    Examples: SM
      | support  | algorithm |
      | supports | SM4       |

    @TC:PB-DUAL-010
    Examples: international
      | support          | algorithm |
      | does not support | 3DES      |
