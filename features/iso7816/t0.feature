# ISO/IEC 7816-3 §12.2 (transport of APDUs by T=0: 61xx, 6Cxx), ISO/IEC 7816-4 §7.6.1 GET RESPONSE,
# 社会保障卡规范 part 5 §6.6.
Feature: T=0 procedure: 61xx and GET RESPONSE

  @TC:ISO-T0-001 @req:ISO7816-3:12.2.2 @req:ISO7816-4:7.6.1 @req:SSCARD-5:6.6 @ics:t0
  Scenario: Over T=0 a command with data that returns data answers 61xx, and GET RESPONSE delivers it
    When the terminal selects the SSSE by its name without T=0 handling
    Then the card answers 61xx with the length available
    When the terminal sends GET RESPONSE with the length the card gave
    Then the response data is as long as the card said
    And the response is an FCI whose DF name is the SSSE name

  @TC:ISO-T0-002 @req:ISO7816-3:12.2.2 @req:ISO7816-4:7.6.1 @req:SSCARD-5:6.6 @ics:t0
  Scenario: GET RESPONSE asking more than is available answers 6Cxx with the exact length
    When the terminal selects the SSSE by its name without T=0 handling
    Then the card answers 61xx with the length available
    When the terminal sends GET RESPONSE with 4 bytes more than the card gave
    Then the card answers 6Cxx with the exact length
    When the terminal sends GET RESPONSE with the length the card gave
    Then the response data is as long as the card said

  @TC:ISO-T0-003 @req:ISO7816-4:7.6.1 @req:SSCARD-5:6.6.4 @ics:t0 @ics:sscard
  Scenario: GET RESPONSE with Le 00 answers 6Cxx while a response waits, a shorter Le gets part of it, and with nothing left 6F00
    When the terminal selects the SSSE by its name without T=0 handling
    Then the card answers 61xx with the length available
    When the terminal sends GET RESPONSE with Le 00
    Then the card answers 6Cxx with the exact length
    When the terminal sends GET RESPONSE with 4 bytes fewer than the card gave
    Then the card answers the bytes asked and 61xx with the 4 left
    When the terminal sends GET RESPONSE with the length the card gave
    Then the status word is 9000
    And the response data is 4 bytes long
    When the terminal sends GET RESPONSE with Le 00
    Then the status word is 6F00

  @TC:ISO-T0-004 @req:ISO7816-4:7.6.1 @req:SSCARD-5:6.6.4 @ics:t0 @ics:sscard
  Scenario: A command between the 61xx and GET RESPONSE takes the waiting response away
    When the terminal selects the SSSE by its name without T=0 handling
    Then the card answers 61xx with the length available
    When the terminal asks for a challenge of 4 bytes
    Then the status word is 9000
    When the terminal sends GET RESPONSE with the length the card gave
    Then the status word is 6F00 or 6985
