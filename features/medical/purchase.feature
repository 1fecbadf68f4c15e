# 医疗消费 end to end (社会保障卡规范 part 7 §12; part 5 §7.2, §7.6; part 9 §9.9–9.10): INITIALIZE FOR
# PURCHASE, MAC1 from the PSAM (DPK through three levels, SESPK), DEBIT FOR PURCHASE, MAC2 checked by the
# PSAM, TAC checked by the host (DTK, §15). Each scenario that takes money from the account puts it back
# with a load; those that move the yearly totals, which nothing puts back, are @destructive.
Feature: Medical purchase

  @TC:SS-MED-040 @req:SSCARD-7:12 @req:SSCARD-9:9.9 @req:SSCARD-4:8.2.4 @ics:medical-offline @needs:pin
  Scenario: A purchase from the account: MAC1, MAC2 and TAC hold, the balance falls by the amount, the sequence number moves
    Given DF04 is selected with the PIN verified
    And the terminal has noted the medical account
    When the terminal buys for 1234 fen from the account
    Then the purchase completed with 9000
    And the PSAM accepts the card's MAC2
    And the host accepts the TAC of the purchase
    And the balance is 1234 fen lower than noted
    And the purchase sequence number is 1 more than noted
    When the terminal loads back what the purchase took
    Then the balance is as noted

  @TC:SS-MED-041 @req:SSCARD-7:12.6 @req:SSCARD-6:6.6 @ics:medical-offline @needs:pin
  Scenario: A purchase writes its EF08 record: sequence number, type, terminal, time and amounts
    Given DF04 is selected with the PIN verified
    And the terminal has noted the medical account
    When the terminal buys for 250 fen from the account
    Then the purchase completed with 9000
    And the newest EF08 record holds that purchase
    When the terminal loads back what the purchase took
    Then the balance is as noted

  @TC:SS-MED-042 @req:SSCARD-7:12.2 @req:SSCARD-5:7.6.5 @ics:medical-offline @needs:pin
  Scenario: A purchase above the balance answers 9401 and moves nothing
    Given DF04 is selected with the PIN verified
    And the terminal has noted the medical account
    When the terminal buys for the balance plus 1 fen from the account
    Then INITIALIZE FOR PURCHASE answered 9401
    And the balance is as noted
    And the purchase sequence number is 0 more than noted
    And EF08 has no new record

  @TC:SS-MED-043 @req:SSCARD-7:12.5 @req:SSCARD-5:7.2.5 @ics:medical-offline @needs:pin
  Scenario: DEBIT FOR PURCHASE with a wrong MAC1 answers 9302 and moves nothing
    Given DF04 is selected with the PIN verified
    And the terminal has noted the medical account
    When the terminal buys for 300 fen from the account with a wrong MAC1
    Then DEBIT FOR PURCHASE answered 9302
    And the balance is as noted
    And the purchase sequence number is 0 more than noted
    And EF08 has no new record

  @TC:SS-MED-044 @req:SSCARD-7:12 @ics:medical-offline @needs:pin
  Scenario: A zero-amount purchase completes, moves no money and counts as a transaction
    Given DF04 is selected with the PIN verified
    And the terminal has noted the medical account
    When the terminal buys for 0 fen from the account
    Then the purchase completed with 9000
    And the PSAM accepts the card's MAC2
    And the host accepts the TAC of the purchase
    And the balance is as noted
    And the purchase sequence number is 1 more than noted
    And the newest EF08 record holds that purchase

  @TC:SS-MED-045 @req:SSCARD-7:12.6 @ics:medical-offline @needs:pin @destructive
  Scenario: A purchase in the payment year adds its self-paid and pooled amounts to the yearly totals, and none that would take one past FFFFFFFF (6985)
    Given DF04 is selected with the PIN verified
    And the terminal has noted the medical account
    When the terminal buys for 500 fen self-paid and 2000 fen from the pooled fund in the payment year
    Then the purchase completed with 9000
    And the PSAM accepts the card's MAC2
    And the host accepts the TAC of the purchase
    And the yearly totals grew by 500 self-paid and 2000 pooled in the same payment year
    And the balance is as noted
    When the terminal starts a purchase that would take the yearly self-paid total past FFFFFFFF
    Then INITIALIZE FOR PURCHASE answered 6985
    When the terminal starts a purchase that would take the yearly pooled total past FFFFFFFF
    Then INITIALIZE FOR PURCHASE answered 6985

  @TC:SS-MED-046 @req:SSCARD-7:12.6 @ics:medical-offline @needs:pin @destructive
  Scenario: A purchase a year after the payment year began restarts the yearly totals with its own amounts
    Given DF04 is selected with the PIN verified
    When the terminal buys for 0 fen from the account
    And the terminal has noted the medical account
    When the terminal buys for 100 fen self-paid and 200 fen from the pooled fund in the payment year
    Then the purchase completed with 9000
    When the terminal buys for 300 fen self-paid and 400 fen from the pooled fund a year after the payment year began
    Then the purchase completed with 9000
    And the yearly totals are 300 self-paid and 400 pooled in the next payment year

  @TC:SS-MED-047 @req:SSCARD-5:7.7 @req:SSCARD-7:12.6 @ics:medical-offline @needs:pin @destructive
  Scenario: After UPDATE STARTING DAY the settlement year runs from the new day
    Given DF04 is selected with the PIN verified
    And the terminal has noted the medical account
    When the terminal sets the starting day to 1231 after DSK authentication
    Then the status word is 9000
    When the terminal buys for 700 fen self-paid on December 30 of the year after the payment year
    Then the purchase completed with 9000
    And the yearly totals grew by 700 self-paid and 0 pooled in the same payment year
    When the terminal puts the noted starting day back after DSK authentication
    Then the starting day is the noted one

  @TC:SS-MED-067 @req:SSCARD-7:12.6 @req:SSCARD-7:11.8 @ics:medical-offline @needs:pin
  Scenario: A balance loaded up to FFFFFFFF falls by exactly the purchase amount: FFFFFFFF after 0 fen, FFFFFFFE after 1 fen
    Given DF04 is selected with the PIN verified
    And the terminal has noted the medical account
    When the terminal loads the balance up to FFFFFFFF
    Then the load completed with 9000
    And the balance is FFFFFFFF less 0 fen
    When the terminal buys for 0 fen from the account
    Then the purchase completed with 9000
    And the balance is FFFFFFFF less 0 fen
    When the terminal buys for 1 fen from the account
    Then the purchase completed with 9000
    And the balance is FFFFFFFF less 1 fen
    When the terminal buys back what the balance holds above the noted one
    Then the balance is as noted
