# 帐户划入 end to end (社会保障卡规范 part 7 §11; part 5 §7.1, §7.5): INITIALIZE FOR LOAD with MAC1 under
# SESLK (DLK), the host's MAC2, CREDIT FOR LOAD, the TAC (DTK). Each load is put back by a purchase.
Feature: Medical load

  @TC:SS-MED-050 @req:SSCARD-7:11 @req:SSCARD-4:8.2.4 @ics:medical-offline @needs:pin
  Scenario: A load: the host accepts MAC1 and the TAC, the balance rises by the amount, the sequence number moves
    Given DF04 is selected with the PIN verified
    And the terminal has noted the medical account
    When the terminal loads 3000 fen
    Then the load completed with 9000
    And the host accepts the TAC of the load
    And the balance is 3000 fen higher than noted
    And the load sequence number is 1 more than noted
    When the terminal buys back what the load gave
    Then the balance is as noted

  @TC:SS-MED-051 @req:SSCARD-7:11.7 @req:SSCARD-5:7.1.5 @ics:medical-offline @needs:pin
  Scenario: CREDIT FOR LOAD with a wrong MAC2 answers 9302 and moves nothing
    Given DF04 is selected with the PIN verified
    And the terminal has noted the medical account
    When the terminal loads 3000 fen with a wrong MAC2
    Then CREDIT FOR LOAD answered 9302
    And the balance is as noted
    And the load sequence number is 0 more than noted
    And EF08 has no new record

  @TC:SS-MED-052 @req:SSCARD-5:7.5 @req:SSCARD-5:7.5.5 @ics:medical-offline @needs:pin
  Scenario: A load that would take the 4-byte balance past FFFFFFFF is refused with 6985
    Given DF04 is selected with the PIN verified
    And the terminal has noted the medical account
    When the terminal starts a load that would take the balance past FFFFFFFF
    Then INITIALIZE FOR LOAD answered 6985
    And the balance is as noted

  @TC:SS-MED-053 @req:SSCARD-7:11.8 @req:SSCARD-6:6.6 @ics:medical-offline @needs:pin
  Scenario: A load writes its EF08 record: sequence number, type, terminal, host time and amount
    Given DF04 is selected with the PIN verified
    And the terminal has noted the medical account
    When the terminal loads 800 fen
    Then the load completed with 9000
    And the newest EF08 record holds that load
    When the terminal buys back what the load gave
    Then the balance is as noted
