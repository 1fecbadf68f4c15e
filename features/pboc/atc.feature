# JR/T 0025.5 §7 / EMV Book 3 §10.1: the ATC counts every transaction and is never reset.
@pboc:2.0 @pboc:3.0
Feature: PBOC application transaction counter

  @TC:PB-ATC-001 @req:JRT0025-5:B.8
  Scenario: Each transaction has an ATC one above the one before
    When the terminal notes the ATC
    And the terminal runs 3 transactions that end in AAC
    Then each transaction had an ATC one above the one before

  @TC:PB-ATC-002 @req:JRT0025-5:B.8
  Scenario: The ATC survives a reset
    When the terminal runs 2 transactions that end in AAC
    Then after a reset GET DATA 9F36 still gives the last ATC
