# ISO/IEC 7816-3:2006 §11, T=1 block by block. Through PC/SC the reader speaks the blocks and hands an
# application the APDU only, so these scenarios need a TPDU-capable reader (profile target.tpdu:
# src/iso7816/t1.ts is the interface device). Every exchange of them checks every card block: its EDC,
# its N(S), at most IFSD bytes, and that it began within BWT (card-sim models its chip's time).
Feature: T=1 blocks: chaining, IFS, WTX, RESYNCH and error recovery

  @TC:ISO-T1B-001 @req:ISO7816-3:11.6.2 @ics:t1 @needs:tpdu
  Scenario: The card numbers its I-blocks N(S) alternately, through a chained answer and from one command to the next
    When the interface device asks for IFSD 16
    And the terminal selects the SSSE by its name
    And the terminal selects the SSSE by its name
    Then the card's I-blocks since the mark number N(S) alternately from 0

  @TC:ISO-T1B-002 @req:ISO7816-3:11.6.2.3 @ics:t1 @needs:tpdu
  Scenario: A command chained in small I-blocks is acknowledged block by block and answered as one command
    When the terminal selects the SSSE by its name in I-blocks of 5 bytes
    Then each chained block was acknowledged with an R-block asking for the next N(S)
    And the response is an FCI whose DF name is the SSSE name

  @TC:ISO-T1B-003 @req:ISO7816-3:11.4.2 @req:ISO7816-3:11.6.2.3 @req:ISO7816-3:11.6.3.2 @ics:t1 @needs:tpdu
  Scenario: After S(IFS request) the card chains its answer in blocks of at most the IFSD asked, and refuses an IFSD that is reserved
    When the interface device asks for IFSD 16
    And the interface device asks for the reserved IFSD 00 and FF and for one in two bytes, and the card refuses each
    And the terminal selects the SSSE by its name
    Then no block of the card carried more than 16 bytes
    And the response is an FCI whose DF name is the SSSE name

  @TC:ISO-T1B-004 @req:ISO7816-3:11.4.3 @req:ISO7816-3:11.6.2.3 @ics:t1 @needs:tpdu @ics:sscard
  Scenario: A command that takes longer than BWT is preceded by S(WTX request), and every block begins within the time granted
    Given the SSSE is selected
    When the terminal sends INTERNAL AUTHENTICATE to the SSSE
    Then every block of the card began within BWT or the waiting time extension it asked for

  @TC:ISO-T1B-005 @req:ISO7816-3:11.6.3.2 @ics:t1 @needs:tpdu
  Scenario: After S(RESYNCH) the card numbers its next I-block N(S) 0 again
    Given the SSSE is selected
    When the interface device resynchronises the card
    And the terminal selects the SSSE by its name
    And the terminal selects the SSSE by its name
    Then the card's I-blocks since the mark number N(S) alternately from 0
    And the response is an FCI whose DF name is the SSSE name

  @TC:ISO-T1B-006 @req:ISO7816-3:11.6.3.2 @req:ISO7816-3:11.4.4 @ics:t1 @needs:tpdu
  Scenario: An I-block with a wrong LRC is refused with an R-block, and the block sent again is answered
    When the interface device sends the SELECT of the SSSE in an I-block with a wrong LRC
    Then the card answered an R-block with an EDC error asking for that block again
    When the interface device sends that command again with its right LRC
    Then the response is an FCI whose DF name is the SSSE name

  @TC:ISO-T1B-007 @req:ISO7816-3:11.6.2.3 @ics:t1 @needs:tpdu
  Scenario: S(ABORT request) in the middle of a chained command is answered with S(ABORT response), and the next command runs afresh
    When the interface device begins a chained SELECT of the SSSE and aborts it
    And the terminal selects the SSSE by its name
    Then the response is an FCI whose DF name is the SSSE name
