# JR/T 0025.5 B.8 GET PROCESSING OPTIONS, §7.3 read application data (EMV Book 3 §10.1–10.2).
@pboc:2.0 @pboc:3.0
Feature: PBOC GET PROCESSING OPTIONS and application data

  @TC:PB-GPO-001 @req:JRT0025-5:B.8
  Scenario: GPO answers the AIP and an AFL whose entries are well formed
    Given the debit application is selected and its records read
    Then the AFL names at least one record and every entry is well formed

  @TC:PB-GPO-002 @req:JRT0025-5:7.3
  Scenario: Every record the AFL names reads as one 70 template
    Given the debit application is selected and its records read
    Then the application data holds 5A

  @TC:PB-GPO-003 @req:JRT0025-5:B.8
  Scenario: GPO with PDOL data of the wrong length answers 6700
    When the terminal sends GET PROCESSING OPTIONS with PDOL data one byte short
    Then the status word is 6700

  @TC:PB-GPO-004 @req:JRT0025-5:7.2 @req:JRT0025-7:5
  Scenario: The AIP announces the offline data authentication methods of the ICS
    Given the debit application is selected and its records read
    Then the AIP announces the offline data authentication methods of the ICS

  @TC:PB-GPO-005 @req:JRT0025-13:7.4.3 @ics:ec
  Scenario: An EC purchase within the limits takes the EC path with the EC issuer authorisation code
    Given the card's offline risk counters are reset by an online approved transaction
    And the debit application is selected and its records read for an EC purchase of 100
    Then the application data holds the EC issuer authorisation code 9F74

  @TC:PB-GPO-006 @req:JRT0025-13:7.4.3 @ics:ec
  Scenario: A purchase without EC support from the terminal takes the standard path
    Given the debit application is selected and its records read
    Then the application data holds no EC issuer authorisation code 9F74

  @TC:PB-GPO-007 @req:JRT0025-13:7.4.3 @ics:ec
  Scenario: An EC purchase in a currency other than the application's takes the standard path
    Given the card's offline risk counters are reset by an online approved transaction
    And the debit application is selected and its records read for an EC purchase of 100 in currency 0840
    Then the application data holds no EC issuer authorisation code 9F74

  @TC:PB-GPO-101 @req:JRT0025-17:10.3.2 @ics:sm2
  Scenario: A card with SM algorithms asks for the SM algorithm support indicator DF69 in its PDOL
    When the terminal selects the debit application
    Then the PDOL asks for the 1-byte SM algorithm support indicator DF69
