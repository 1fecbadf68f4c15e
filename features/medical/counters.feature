# The transaction sequence numbers of the medical account at their end (社会保障卡规范 part 5 §7.5, tables
# 68 and 72: 9402 交易计数器达到最大值): a card whose load and purchase sequence numbers are FFFF refuses
# to start another transaction. A run cannot reach FFFF (65 535 transactions), so the scenarios need a
# prepared sample of the card; the simulator prepares one from the run's image.
Feature: Medical account: sequence numbers at their maximum

  @TC:SS-MED-064 @req:SSCARD-5:7.5 @ics:medical-offline @needs:pin @needs:prepared-card
  Scenario: At a purchase sequence number of FFFF INITIALIZE FOR PURCHASE answers 9402
    Given a sample of the card whose medical purchase and load sequence numbers are at FFFF
    And DF04 is selected with the PIN verified
    When the terminal starts a purchase of 100 fen from the account
    Then INITIALIZE FOR PURCHASE answered 9402

  @TC:SS-MED-065 @req:SSCARD-5:7.5 @ics:medical-offline @needs:pin @needs:prepared-card
  Scenario: At a load sequence number of FFFF INITIALIZE FOR LOAD answers 9402
    Given a sample of the card whose medical purchase and load sequence numbers are at FFFF
    And DF04 is selected with the PIN verified
    When the terminal starts a load of 100 fen
    Then INITIALIZE FOR LOAD answered 9402
