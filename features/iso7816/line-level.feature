# ISO/IEC 7816-3:2006 at the line: what happens between the reader and the card's contacts, below the
# APDU that PC/SC hands an application, and below the blocks a TPDU reader hands over. Checking it needs
# an ISO/IEC 10373-3 test tool on the contacts (line monitoring, injected errors, timed signals), which
# no target of sscc has: each scenario is NOT APPLICABLE on every profile, with that reason, and never
# PASS. reports/iso7816-3-items.yaml lists every item, tested or marked; JR/T 0045.1 group in each title.
Feature: ISO/IEC 7816-3 at the line: not reachable through PC/SC

  @TC:ISO-L1-001 @req:ISO7816-3:5 @needs:line-access
  Scenario: TPSB electrical characteristics: VCC class, supply current, I/O, CLK and RST levels
    # the interface device supplies each class of VCC the card declares and draws the clock and reset within their limits;
    # the card stays within its current and signal limits.
    When a test tool on the contacts exercises the item
    Then the card meets the item at the contacts

  @TC:ISO-L1-002 @req:ISO7816-3:6.2 @req:SSCARD-2:6.1 @needs:line-access
  Scenario: TPSC activation, cold and warm reset and deactivation timing; the ATR begins 400 to 40 000 clock cycles after RST
    # the interface device activates the contacts and releases RST;
    # the card begins its ATR within 400 to 40 000 clock cycles.
    When a test tool on the contacts exercises the item
    Then the card meets the item at the contacts

  @TC:ISO-L1-003 @req:ISO7816-3:6.3.2 @needs:line-access
  Scenario: TPSC clock stop as the ATR's clock stop indicator declares it
    # the interface device stops the clock in the state the card declared;
    # the card answers the next command as before.
    When a test tool on the contacts exercises the item
    Then the card meets the item at the contacts

  @TC:ISO-L1-004 @req:ISO7816-3:9 @req:SSCARD-2:8.7.2 @needs:line-access
  Scenario: TPSC the PPS exchange: a correct PPS request is echoed, a wrong one gets no answer
    # the interface device sends a PPS request with the Fi and Di of TA1, then a request with a wrong PCK;
    # the card echoes the first and stays silent to the second.
    When a test tool on the contacts exercises the item
    Then the card meets the item at the contacts

  @TC:ISO-L1-005 @req:ISO7816-3:7.1 @req:ISO7816-3:7.2 @needs:line-access
  Scenario: TPSE bit duration, character frame and the extra guard time TC1 declares
    # the interface device measures the card's etu and character frame at the agreed Fi and Di;
    # the card sends characters of 10 etu with at least 12 etu between leading edges.
    When a test tool on the contacts exercises the item
    Then the card meets the item at the contacts

  @TC:ISO-L1-006 @req:ISO7816-3:8.1 @req:SSCARD-2:8.1 @needs:line-access
  Scenario: TPSE ATR timing: at most 9 600 etu between characters, the whole ATR within 19 200 etu
    # the interface device times the characters of the ATR;
    # the card keeps the initial waiting time and the ATR duration.
    When a test tool on the contacts exercises the item
    Then the card meets the item at the contacts

  @TC:ISO-L1-007 @req:ISO7816-3:7.3 @needs:line-access
  Scenario: TPSF error signal and character repetition under T=0: a parity error is signalled and the character repeated
    # the interface device sends a character with a wrong parity, and signals an error on one of the card's;
    # the card signals the error and repeats its character.
    When a test tool on the contacts exercises the item
    Then the card meets the item at the contacts

  @TC:ISO-L1-008 @req:ISO7816-3:10.2 @needs:line-access
  Scenario: TPSF the T=0 waiting time WT = 960 × D × WI, the card sending NULL (60) to hold it
    # the interface device times the card's characters during a long command;
    # the card never lets WT pass without a character.
    When a test tool on the contacts exercises the item
    Then the card meets the item at the contacts

  @TC:ISO-L1-009 @req:ISO7816-3:10.3.3 @needs:line-access
  Scenario: TPSF the T=0 procedure bytes: INS, its complement and NULL, the data byte by byte
    # the interface device sends a command header and waits for the procedure byte;
    # the card answers INS, the complement of INS, 60 or SW1 as the transfer needs.
    When a test tool on the contacts exercises the item
    Then the card meets the item at the contacts

  @TC:ISO-L1-010 @req:ISO7816-3:11.2 @needs:line-access
  Scenario: TPSG T=1 character and block timing: CWT within a block, BGT between blocks
    # the interface device times the characters of the card's blocks;
    # the card keeps CWT within a block and BGT between blocks.
    When a test tool on the contacts exercises the item
    Then the card meets the item at the contacts

  @TC:ISO-L1-011 @req:ISO7816-3:11.6.3 @needs:line-access
  Scenario: TPSG T=1 parity errors and a block cut short on the line, recovered by R-blocks
    # the interface device corrupts a character of its block and cuts a block of the card's short;
    # the card asks for the block again and resends its own.
    When a test tool on the contacts exercises the item
    Then the card meets the item at the contacts
