# The life cycle at the social-security terminal: replacement (补卡) and renewal (换卡). The old card is
# on the blacklist or expired and must be refused; the new card, with the same 社会保障号码, accepted
# (总体方案; 社会保障卡规范 part 7 card validity check, part 8 §7 blacklist).
Feature: Replacement and renewal at the terminal

  @TC:LC-TM-001 @req:SSCARD-8:7.2 @terminal:social-security
  Scenario: Replacement (补卡): the new card with the same 社会保障号码 is accepted, the old one is on the blacklist
    Given the test card "tm-replacement" is in the card slot
    When the terminal performs iReadCardBas
    Then the terminal reports success
    And the iReadCardBas output holds the card's data in the LD/T 33 field order
    Given the test card "tm-blacklisted" is in the card slot
    When the terminal performs iReadCardBas
    Then the terminal reports refused

  @TC:LC-TM-002 @req:SSCARD-7:5.3 @terminal:social-security
  Scenario: Renewal (换卡): the renewed card is accepted, the expired one it replaces is refused
    Given the test card "tm-renewed" is in the card slot
    When the terminal performs iReadCardBas
    Then the terminal reports success
    Given the test card "tm-expired" is in the card slot
    When the terminal performs iReadCardBas
    Then the terminal reports refused
