# GET TRANSACTION PROOF (社会保障卡规范 part 5 §7.4, part 7 §14): after a load or purchase the card keeps
# its MAC and TAC, across a reset, for the transaction whose sequence number the terminal names.
Feature: Medical transaction proof

  @TC:SS-MED-060 @req:SSCARD-5:7.4 @req:SSCARD-7:14 @ics:medical-offline @needs:pin
  Scenario: GET TRANSACTION PROOF of the last purchase gives its MAC2 and TAC
    Given DF04 is selected with the PIN verified
    When the terminal buys for 0 fen from the account
    Then the purchase completed with 9000
    When the terminal buys for 0 fen from the account
    Then the purchase completed with 9000
    When the terminal asks GET TRANSACTION PROOF of that purchase
    Then the card gives the MAC2 and TAC of that purchase

  @TC:SS-MED-061 @req:SSCARD-7:14 @ics:medical-offline @needs:pin
  Scenario: After the card was pulled and reset, GET TRANSACTION PROOF still gives the purchase's MAC2 and TAC
    Given DF04 is selected with the PIN verified
    When the terminal buys for 0 fen from the account
    Then the purchase completed with 9000
    Given the card has been reset
    When the terminal selects DF04 again
    And the terminal asks GET TRANSACTION PROOF of that purchase
    Then the card gives the MAC2 and TAC of that purchase

  @TC:SS-MED-062 @req:SSCARD-5:7.4.5 @ics:medical-offline @needs:pin
  Scenario: GET TRANSACTION PROOF of a sequence number not yet used answers 9406
    Given DF04 is selected with the PIN verified
    When the terminal buys for 0 fen from the account
    Then the purchase completed with 9000
    When the terminal asks GET TRANSACTION PROOF of the next purchase sequence number
    Then the status word is 9406

  @TC:SS-MED-063 @req:SSCARD-5:7.4 @req:SSCARD-7:14 @ics:medical-offline @needs:pin
  Scenario: GET TRANSACTION PROOF of the last load gives its MAC2 and TAC
    Given DF04 is selected with the PIN verified
    When the terminal loads 0 fen
    Then the load completed with 9000
    When the terminal asks GET TRANSACTION PROOF of that load
    Then the card gives the MAC2 and TAC of that load
