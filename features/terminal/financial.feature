# The financial side of a terminal under test (POS per JR/T 0001; the kernel per JR/T 0025.5 §6–17 =
# EMV Book 3 §10): it must accept the financial application of the social security card as any PBOC
# card. sscc plays the card; verdicts come from the terminal's reported outcome (result, TVR, TSI) and
# from what the card saw, above all the TVR the terminal sent in GENERATE AC (CDOL1 names 95).
Feature: Financial terminal

  @TC:TM-FIN-001 @req:JRT0025-5:6.4.1 @req:JRT0025-5:6.5 @terminal:financial
  Scenario: Application selection through the PSE directory selects the debit application
    Given the test card "reference" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the terminal reports approved
    And the card saw SELECT of the PSE before any other application selection
    And the terminal selected the application A000000333010101

  @TC:TM-FIN-002 @req:JRT0025-5:6.5 @terminal:financial
  Scenario: Of two applications the terminal selects the one with the highest priority
    Given the test card "fin-two-apps" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the terminal selected the application A000000333010102

  @TC:TM-FIN-003 @req:JRT0025-5:6.5 @terminal:financial
  Scenario: An application that needs cardholder confirmation is not chosen by a terminal that cannot ask
    Given the test card "fin-confirmation" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the terminal selected the application A000000333010102

  @TC:TM-FIN-004 @req:JRT0025-5:6.5 @terminal:financial
  Scenario: A blocked application (SELECT answers 6283) is left out and the next one selected
    Given the test card "fin-blocked-debit" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the terminal selected the application A000000333010102
    And the card saw no GET PROCESSING OPTIONS for A000000333010101

  @TC:TM-FIN-039 @req:JRT0025-5:6.5 @terminal:financial
  Scenario: A card whose only application is blocked is refused without GET PROCESSING OPTIONS
    Given the test card "fin-only-blocked" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the card saw no GET PROCESSING OPTIONS
    And the terminal reports refused

  @TC:TM-FIN-040 @req:JRT0025-5:7 @req:JRT0025-5:B.8 @terminal:financial
  Scenario: A GET PROCESSING OPTIONS the card refuses ends the transaction: the card is refused, no VERIFY, no GENERATE AC
    Given the test card "fin-gpo-refused" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the terminal reports refused
    And the card saw no VERIFY
    And the card saw no GENERATE AC

  @TC:TM-FIN-041 @req:JRT0025-5:14.4 @req:JRT0025-5:B.6 @terminal:financial
  Scenario: A first GENERATE AC the card refuses ends the transaction declined, without going online
    Given the test card "fin-gac1-refused" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the terminal reports declined
    And the terminal did not go online

  @TC:TM-FIN-042 @req:JRT0025-5:16.6 @req:JRT0025-5:B.6 @terminal:financial
  Scenario: A second GENERATE AC the card refuses after the issuer approved ends the transaction declined
    Given the test card "fin-gac2-refused" is in the card slot
    When the terminal performs a purchase of 60000 fen with the PIN "123456"
    Then the terminal went online
    And the terminal reports declined

  @TC:TM-FIN-005 @req:JRT0025-5:6.4.2 @terminal:financial
  Scenario: Without a PSE the terminal selects from its own list of AIDs
    Given the test card "fin-no-pse" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the terminal reports approved
    And the terminal selected the application A000000333010101

  @TC:TM-FIN-006 @req:JRT0025-5:9.4 @req:JRT0025-5:9.2 @terminal:financial
  Scenario: The terminal performs DDA when the AIP offers it
    Given the test card "reference" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the card saw INTERNAL AUTHENTICATE before the first GENERATE AC
    And the TSI bit "ODA performed" is set
    And the TVR bit "ODA not performed" is clear
    And the TVR bit "DDA failed" is clear

  @TC:TM-FIN-007 @req:JRT0025-5:9.4 @req:JRT0025-7:5.3 @terminal:financial
  Scenario: An issuer certificate that does not verify sets DDA failed in the TVR
    Given the test card "fin-bad-issuer-cert" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the TVR bit "DDA failed" is set
    And the first GENERATE AC asked for ARQC

  @TC:TM-FIN-038 @req:JRT0025-5:9.3.4 @req:JRT0025-5:9.4 @terminal:financial
  Scenario: A card whose CA public key index names no key the terminal holds fails offline data authentication (DDA failed in the TVR)
    Given the test card "fin-unknown-ca" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the TVR bit "DDA failed" is set

  @TC:TM-FIN-008 @req:JRT0025-5:9.3 @terminal:financial
  Scenario: An SDA card is authenticated statically, without INTERNAL AUTHENTICATE
    Given the test card "fin-sda" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the terminal reports approved
    And the TSI bit "ODA performed" is set
    And the TVR bit "SDA failed" is clear
    And the card saw no INTERNAL AUTHENTICATE

  @TC:TM-FIN-009 @req:JRT0025-5:9.3 @req:JRT0025-7:5.4 @terminal:financial
  Scenario: Signed static application data that does not verify sets SDA failed in the TVR
    Given the test card "fin-sda-bad-ssad" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the TVR bit "SDA failed" is set

  @TC:TM-FIN-010 @req:JRT0025-5:9.2 @terminal:financial
  Scenario: A card whose AIP offers no ODA is marked "ODA not performed"
    Given the test card "fin-no-oda" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the TVR bit "ODA not performed" is set
    And the TSI bit "ODA performed" is clear
    And the card saw no INTERNAL AUTHENTICATE

  @TC:TM-FIN-011 @req:JRT0025-5:10.3.4 @req:JRT0025-5:13.4 @terminal:financial
  Scenario: An expired application is marked in the TVR and, by the card's IAC-denial, declined offline
    Given the test card "fin-expired" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the TVR bit "expired application" is set
    And the first GENERATE AC asked for AAC
    And the terminal reports declined

  @TC:TM-FIN-012 @req:JRT0025-5:10.3.3 @terminal:financial
  Scenario: An application not yet effective is marked in the TVR
    Given the test card "fin-not-effective" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the TVR bit "application not yet effective" is set

  @TC:TM-FIN-013 @req:JRT0025-5:11.4.2 @terminal:financial
  Scenario: Offline plaintext PIN: the terminal sends VERIFY with the PIN the cardholder entered
    Given the test card "reference" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the card saw VERIFY answered 9000
    And the TSI bit "cardholder verification performed" is set
    And the TVR bit "CVM not successful" is clear

  @TC:TM-FIN-014 @req:JRT0025-5:11.4.3 @terminal:financial
  Scenario: Online PIN: no VERIFY to the card, "online PIN entered" in the TVR, the transaction goes online
    Given the test card "fin-cvm-online-pin" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the card saw no VERIFY
    And the TVR bit "online PIN entered" is set
    And the terminal went online

  @TC:TM-FIN-015 @req:JRT0025-5:11.4.3 @terminal:financial
  Scenario: Signature: no VERIFY, the terminal reports a signature
    Given the test card "fin-cvm-signature" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the card saw no VERIFY
    And the terminal reports the CVM "signature"

  @TC:TM-FIN-016 @req:JRT0025-5:11.4.1 @terminal:financial
  Scenario: Under the CVM list's amount X the rule "offline PIN over X" does not apply: no CVM
    Given the test card "fin-cvm-amount" is in the card slot
    When the terminal performs a purchase of 5000 fen with the PIN "123456"
    Then the terminal reports the CVM "none"

  @TC:TM-FIN-031 @req:JRT0025-5:11.4.1 @terminal:financial
  Scenario: Over the CVM list's amount X the rule "offline PIN over X" applies: the PIN is verified
    Given the test card "fin-cvm-amount" is in the card slot
    When the terminal performs a purchase of 20000 fen with the PIN "123456"
    Then the terminal reports the CVM "offline PIN"

  @TC:TM-FIN-017 @req:JRT0025-5:11.4.2 @terminal:financial
  Scenario: PIN try limit exceeded: the terminal reads 9F17, does not ask the PIN, and marks the TVR
    Given the test card "fin-pin-blocked" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the card saw no VERIFY
    And the TVR bit "PIN try limit exceeded" is set
    And the TVR bit "CVM not successful" is set

  @TC:TM-FIN-018 @req:JRT0025-5:12.4.3 @terminal:financial
  Scenario: An amount at or over the floor limit is marked and sent online
    Given the test card "reference" is in the card slot
    When the terminal performs a purchase of 60000 fen with the PIN "123456"
    Then the TVR bit "floor limit exceeded" is set
    And the first GENERATE AC asked for ARQC

  @TC:TM-FIN-019 @req:JRT0025-5:12.4.3 @req:JRT0025-5:13.4 @terminal:financial
  Scenario: Under the floor limit, with nothing in the TVR, the terminal asks for a TC and approves offline
    Given the test card "reference" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the TVR bit "floor limit exceeded" is clear
    And the first GENERATE AC asked for TC
    And the terminal reports approved
    And the terminal did not go online

  @TC:TM-FIN-020 @req:JRT0025-5:12.4.4 @terminal:financial
  Scenario: Random transaction selection sends about the target share of small purchases online
    Given the terminal's random selection target is 50 percent
    When the terminal performs 20 purchases of 1000 fen on fresh "reference" cards
    Then between 3 and 17 of them were randomly selected for online processing

  @TC:TM-FIN-021 @req:JRT0025-5:12.4.5 @req:JRT0025-5:12.4.6 @terminal:financial
  Scenario: Velocity checking: over the lower consecutive offline limit, and a new card
    Given the test card "fin-velocity" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the card saw GET DATA 9F36 and 9F13
    And the TVR bit "lower consecutive offline limit exceeded" is set
    And the TVR bit "new card" is set

  @TC:TM-FIN-022 @req:JRT0025-5:12.4.1 @terminal:financial
  Scenario: A PAN on the terminal exception file is marked in the TVR
    Given the test card "fin-exception" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the TVR bit "card on exception file" is set

  @TC:TM-FIN-023 @req:JRT0025-5:15.4 @req:JRT0025-5:16.6 @terminal:financial
  Scenario: Online approval: EXTERNAL AUTHENTICATE with the ARPC, then a TC in the second GENERATE AC
    Given the test card "reference" is in the card slot
    When the terminal performs a purchase of 60000 fen with the PIN "123456"
    Then the card saw EXTERNAL AUTHENTICATE answered 9000
    And the TSI bit "issuer authentication performed" is set
    And the second GENERATE AC asked for TC
    And the terminal reports approved
    And the terminal went online

  @TC:TM-FIN-024 @req:JRT0025-5:16.6 @terminal:financial
  Scenario: An ARPC that does not verify marks "issuer authentication failed" in the TVR sent to the card
    Given the test card "fin-bad-arpc" is in the card slot
    When the terminal performs a purchase of 60000 fen with the PIN "123456"
    Then the card saw EXTERNAL AUTHENTICATE
    And the TVR bit "issuer authentication failed" is set in the second GENERATE AC

  @TC:TM-FIN-025 @req:JRT0025-5:16.6 @terminal:financial
  Scenario: The issuer declines: the terminal asks for an AAC and reports declined
    Given the test card "fin-decline" is in the card slot
    When the terminal performs a purchase of 60000 fen with the PIN "123456"
    Then the second GENERATE AC asked for AAC
    And the terminal reports declined

  @TC:TM-FIN-026 @req:JRT0025-5:17 @terminal:financial
  Scenario: Issuer scripts are delivered: 71 before and 72 after the second GENERATE AC
    Given the test card "fin-scripts" is in the card slot
    When the terminal performs a purchase of 60000 fen with the PIN "123456"
    Then the card accepted PUT DATA 9F77 before the second GENERATE AC
    And the card accepted PUT DATA 9F78 after the second GENERATE AC
    And the TSI bit "script processing performed" is set

  @TC:TM-FIN-027 @req:JRT0025-13:7.4.2 @req:JRT0025-13:7.4.3 @terminal:financial
  Scenario: Electronic cash purchase: offline with a TC, the EC balance debited
    Given the test card "reference" is in the card slot
    When the terminal performs an electronic cash purchase of 1000 fen
    Then the card saw 9F7A = 01 in the GET PROCESSING OPTIONS data
    And the terminal reports the electronic cash path
    And the terminal reports approved
    And the terminal did not go online
    And the card's EC balance is now 9000 fen

  @TC:TM-FIN-028 @req:JRT0025-13:7.4.3 @terminal:financial
  Scenario: Electronic cash balance too low: the card takes the debit path and the balance is not touched
    Given the test card "fin-ec-low" is in the card slot
    When the terminal performs an electronic cash purchase of 1000 fen
    Then the card saw 9F7A = 01 in the GET PROCESSING OPTIONS data
    And the terminal reports the debit path
    And the card's EC balance is now 500 fen

  @TC:TM-FIN-029 @req:JRT0025-5:13.4 @terminal:financial
  Scenario: The TVR the terminal reports is the TVR it sent to the card
    Given the test card "fin-bad-issuer-cert" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the reported TVR equals the TVR in the last GENERATE AC

  @TC:TM-FIN-030 @req:JRT0025-5:14.4 @terminal:financial
  Scenario: The amount and currency the card sees in GENERATE AC are those of the transaction
    Given the test card "reference" is in the card slot
    When the terminal performs a purchase of 1234 fen with the PIN "123456"
    Then the first GENERATE AC carried the amount 1234 fen in currency 0156

  @TC:TM-FIN-032 @req:JRT0025-17:5.2.4 @req:JRT0025-17:10.3.2 @req:JRT0025-5:16.6 @terminal:financial
  Scenario: A PBOC 3.0 card: SM algorithms announced, SM2 DDA, SM4 cryptograms approved online
    Given the test card "reference-pboc30" is in the card slot
    When the terminal performs a purchase of 60000 fen with the PIN "123456"
    Then the card saw DF69 = 01 in the GET PROCESSING OPTIONS data
    And the card saw INTERNAL AUTHENTICATE before the first GENERATE AC
    And the TVR bit "DDA failed" is clear
    And the TSI bit "ODA performed" is set
    And the card saw EXTERNAL AUTHENTICATE answered 9000
    And the terminal reports approved

  @TC:TM-FIN-033 @req:JRT0025-7:5.3.6 @req:JRT0025-5:9.2 @terminal:financial
  Scenario: A card that offers CDA: the terminal asks for the CDA signature in GENERATE AC and checks it
    Given the test card "reference-cda" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the first GENERATE AC asked for the CDA signature
    And the card saw no INTERNAL AUTHENTICATE
    And the TVR bit "CDA failed" is clear
    And the TSI bit "ODA performed" is set
    And the terminal reports approved

  @TC:TM-FIN-034 @req:JRT0025-7:5.3.6 @req:JRT0025-5:13.4 @terminal:financial
  Scenario: A CDA signature that does not verify: "CDA failed" in the TVR and the transaction declined
    Given the test card "fin-cda-wrong-key" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the first GENERATE AC asked for the CDA signature
    And the terminal reports the TVR bit "CDA failed" set
    And the terminal reports declined

  @TC:TM-FIN-035 @req:JRT0025-4:6.2.4.5.1 @terminal:financial
  Scenario: Each transaction carries an unpredictable number 9F37 of its own
    When the terminal performs 3 purchases of 1000 fen on fresh "reference" cards
    Then each of them carried an unpredictable number 9F37 of its own in the first GENERATE AC

  @TC:TM-FIN-036 @req:JRT0025-5:7.3 @terminal:financial
  Scenario: One GET PROCESSING OPTIONS for the selected application, not two
    Given the test card "reference" is in the card slot
    When the terminal performs a purchase of 1000 fen with the PIN "123456"
    Then the card saw one GET PROCESSING OPTIONS for each application selection
    And the terminal reports approved

  @TC:TM-FIN-037 @req:JRT0025-5:15.4 @terminal:financial
  Scenario: EXTERNAL AUTHENTICATE comes only after the ARQC of the first GENERATE AC
    Given the test card "reference" is in the card slot
    When the terminal performs a purchase of 60000 fen with the PIN "123456"
    Then the card saw no EXTERNAL AUTHENTICATE before the first GENERATE AC
    And the card saw EXTERNAL AUTHENTICATE answered 9000
