# JR/T 0025.5 §7 / EMV Book 3 §10: whole transactions through the reference kernel (ODA, CVM, TAA with the
# UnionPay default TACs and the card's IACs, online with the simulated issuer). The kernel prefers CDA
# when the card offers it: those transactions are PB-CDA-007/008 (cda.feature).
@pboc:2.0 @pboc:3.0 @needs:pin @ics:no-cda
Feature: PBOC whole transactions

  @req:JRT0025-5:7 @req:JRT0025-7:7
  Scenario Outline: A <mode> transaction is approved <how> and every cryptogram verifies
    When the reference kernel runs a <mode> transaction of 1000
    Then the transaction is approved with <how> cryptograms that verify with the issuer keys

    @TC:PB-TXN-001
    Examples: offline
      | mode     | how     |
      | standard | offline |

    @TC:PB-TXN-002
    Examples: online
      | mode                   | how    |
      | merchant-forced-online | online |
