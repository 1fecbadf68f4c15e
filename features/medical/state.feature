# The states of the medical account (社会保障卡规范 part 5 §7, table 49): idle, load (帐户划入) and
# purchase (医疗消费). A command the state does not allow answers 6901 and the card goes idle; so does a
# command that fails. Loads and purchases here are of 0 fen or put back what they moved.
Feature: Medical account state machine (table 49)

  @TC:SS-MED-020 @req:SSCARD-5:7 @ics:medical-offline @needs:pin
  Scenario: CREDIT FOR LOAD in the idle state answers 6901
    Given DF04 is selected with the PIN verified
    When the terminal sends "B0 2A 00 00 0B 20261201090000 00000000 04"
    Then the status word is 6901

  @TC:SS-MED-021 @req:SSCARD-5:7 @ics:medical-offline @needs:pin
  Scenario: DEBIT FOR PURCHASE in the idle state answers 6901
    Given DF04 is selected with the PIN verified
    When the terminal sends "B0 2C 01 00 0F 00000001 20261201103000 00000000 08"
    Then the status word is 6901

  @TC:SS-MED-022 @req:SSCARD-5:7 @ics:medical-offline @needs:pin
  Scenario: DEBIT FOR PURCHASE in the load state answers 6901 and nothing moves
    Given DF04 is selected with the PIN verified
    And the terminal has noted the medical account
    When the terminal starts a load of 100 fen
    And the terminal sends "B0 2C 01 00 0F 00000001 20261201103000 00000000 08"
    Then the status word is 6901
    And the balance is as noted

  @TC:SS-MED-023 @req:SSCARD-5:7 @ics:medical-offline @needs:pin
  Scenario: CREDIT FOR LOAD in the purchase state answers 6901
    Given DF04 is selected with the PIN verified
    When the terminal starts a purchase of 0 fen from the account
    And the terminal sends "B0 2A 00 00 0B 20261201090000 00000000 04"
    Then the status word is 6901

  @TC:SS-MED-024 @req:SSCARD-5:7 @ics:medical-offline @needs:pin
  Scenario: After 6901 the card is idle: the load it had started cannot be completed
    Given DF04 is selected with the PIN verified
    When the terminal starts a load of 0 fen
    And the terminal sends "B0 2C 01 00 0F 00000001 20261201103000 00000000 08"
    Then the status word is 6901
    When the terminal sends CREDIT FOR LOAD with the host's MAC2
    Then the status word is 6901

  @TC:SS-MED-025 @req:SSCARD-5:7 @ics:medical-offline @needs:pin
  Scenario: After a failed command the card is idle: the purchase or load it had started cannot be completed
    Given DF04 is selected with the PIN verified
    When the terminal starts a purchase of 0 fen from the account
    And the terminal sends "B0 2C 01 00 0E 00000001 20261201103000 000000 08"
    Then the status word is 6700
    When the terminal sends DEBIT FOR PURCHASE with the PSAM's MAC1
    Then the status word is 6901
    When the terminal starts a load of 0 fen
    And the terminal sends "B0 26 00 04 04"
    Then the status word is 6A86
    When the terminal sends CREDIT FOR LOAD with the host's MAC2
    Then the status word is 6901

  @TC:SS-MED-026 @req:SSCARD-5:7 @ics:medical-offline @needs:pin
  Scenario: GET BALANCE keeps the load state
    Given DF04 is selected with the PIN verified
    When the terminal starts a load of 0 fen
    And the terminal asks GET BALANCE of the account
    Then the status word is 9000
    When the terminal sends CREDIT FOR LOAD with the host's MAC2
    Then the status word is 9000

  @TC:SS-MED-027 @req:SSCARD-5:7 @ics:medical-offline @needs:pin
  Scenario: GET BALANCE keeps the purchase state
    Given DF04 is selected with the PIN verified
    When the terminal starts a purchase of 0 fen from the account
    And the terminal asks GET BALANCE of the account
    Then the status word is 9000
    When the terminal sends DEBIT FOR PURCHASE with the PSAM's MAC1
    Then the status word is 9000

  @TC:SS-MED-028 @req:SSCARD-5:7 @req:SSCARD-5:7.4 @ics:medical-offline @needs:pin
  Scenario: GET TRANSACTION PROOF keeps the load state
    Given DF04 is selected with the PIN verified
    When the terminal buys for 0 fen from the account
    Then the purchase completed with 9000
    When the terminal starts a load of 0 fen
    And the terminal asks GET TRANSACTION PROOF of that purchase
    Then the status word is 9000
    When the terminal sends CREDIT FOR LOAD with the host's MAC2
    Then the status word is 9000

  @TC:SS-MED-029 @req:SSCARD-5:7 @ics:medical-offline @needs:pin
  Scenario: INITIALIZE FOR PURCHASE in the load state starts a purchase
    Given DF04 is selected with the PIN verified
    When the terminal starts a load of 0 fen
    And the terminal starts a purchase of 0 fen from the account
    And the terminal sends DEBIT FOR PURCHASE with the PSAM's MAC1
    Then the status word is 9000

  @TC:SS-MED-030 @req:SSCARD-5:7 @ics:medical-offline @needs:pin
  Scenario: INITIALIZE FOR LOAD in the purchase state starts a load
    Given DF04 is selected with the PIN verified
    When the terminal starts a purchase of 0 fen from the account
    And the terminal starts a load of 0 fen
    And the terminal sends CREDIT FOR LOAD with the host's MAC2
    Then the status word is 9000

  @TC:SS-MED-031 @req:SSCARD-5:7 @ics:medical-offline @needs:pin
  Scenario: After CREDIT FOR LOAD the card is idle: the same CREDIT again answers 6901
    Given DF04 is selected with the PIN verified
    When the terminal starts a load of 0 fen
    And the terminal sends CREDIT FOR LOAD with the host's MAC2
    Then the status word is 9000
    When the terminal sends CREDIT FOR LOAD with the host's MAC2
    Then the status word is 6901

  @TC:SS-MED-032 @req:SSCARD-5:7 @ics:medical-offline @needs:pin
  Scenario: After DEBIT FOR PURCHASE the card is idle: the same DEBIT again answers 6901
    Given DF04 is selected with the PIN verified
    When the terminal starts a purchase of 0 fen from the account
    And the terminal sends DEBIT FOR PURCHASE with the PSAM's MAC1
    Then the status word is 9000
    When the terminal sends DEBIT FOR PURCHASE with the PSAM's MAC1
    Then the status word is 6901

  @TC:SS-MED-033 @req:SSCARD-5:7 @ics:medical-offline @needs:pin
  Scenario: INITIALIZE FOR LOAD in the load state starts a new load: its MAC2 completes it
    Given DF04 is selected with the PIN verified
    When the terminal starts a load of 0 fen
    And the terminal starts a load of 0 fen
    And the terminal sends CREDIT FOR LOAD with the host's MAC2
    Then the status word is 9000

  @TC:SS-MED-034 @req:SSCARD-5:7 @ics:medical-offline @needs:pin
  Scenario: INITIALIZE FOR PURCHASE in the purchase state starts a new purchase: its MAC1 completes it
    Given DF04 is selected with the PIN verified
    When the terminal starts a purchase of 0 fen from the account
    And the terminal starts a purchase of 0 fen from the account
    And the terminal sends DEBIT FOR PURCHASE with the PSAM's MAC1
    Then the status word is 9000

  @TC:SS-MED-035 @req:SSCARD-5:7 @req:SSCARD-5:7.4 @ics:medical-offline @needs:pin
  Scenario: GET TRANSACTION PROOF keeps the purchase state
    Given DF04 is selected with the PIN verified
    When the terminal buys for 0 fen from the account
    Then the purchase completed with 9000
    When the terminal starts a purchase of 0 fen from the account
    And the terminal asks GET TRANSACTION PROOF of the previous purchase
    Then the status word is 9000
    When the terminal sends DEBIT FOR PURCHASE with the PSAM's MAC1
    Then the status word is 9000
