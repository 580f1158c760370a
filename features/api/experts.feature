Feature: API experts list and card / Список и карточка экспертов API
  GET /experts and GET /experts/{id} (API spec 2.1, 2.2). Every response is validated against
  contracts/smartconsult.openapi.yaml. Each scenario puts its experts in a category of their own,
  so filters and pages are checked exactly even on a shared target.

  Background:
    Given a registered client

  @API-2.1 @REQ-5 @REQ-5.1
  Scenario: The list shows an expert with the fields of the list item
    Given 1 expert in one category
    When the client lists the experts of that category
    Then the response status is 200
    And the page lists exactly the experts of that category
    And each listed expert shows the name, rating, price and category they were registered with
    And the page reports a count of 1 on page 1

  @API-2.1 @REQ-4.H2
  Scenario Outline: Search by name ignores case and word order and treats ё as е
    Given an expert named "<name>"
    When the client searches the experts for "<query>"
    Then the response status is 200
    And the expert is among the results

    Examples:
      | name           | query          |
      | Иван Иванов    | иванов         |
      | Иван Иванов    | ИВАНОВ         |
      | Иван Иванов    | Иван Иванов    |
      | Иван Иванов    | иванов иван    |
      | Пётр Семёнов   | семенов        |
      | Пётр Семёнов   | СЕМЁНОВ        |
      | Алёна Фёдорова | алена федорова |
      | Emily Clarke   | EMILY          |

  @API-2.1 @REQ-4.H2
  Scenario: A search that matches no name finds nobody
    When the client searches the experts for a name nobody has
    Then the response status is 200
    And the page reports a count of 0 on page 1

  @API-2.1 @REQ-5.2c
  Scenario: The category filter lists only the experts of that category
    Given 2 experts in one category
    And 1 expert in another category
    When the client lists the experts of that category
    Then the response status is 200
    And the page lists exactly the experts of that category

  @API-2.1 @REQ-5.2c
  Scenario: A category that does not exist gives an empty page
    When the client lists the experts of a category that does not exist
    Then the response status is 200
    And the page reports a count of 0 on page 1

  @API-2.1 @REQ-5.2c
  Scenario Outline: The minimum-rating filter keeps the experts rated at least that
    Given experts rated 3.5, 4.0 and 4.8 in one category
    When the client lists the experts of that category rated at least <minimum>
    Then the response status is 200
    And the page lists exactly the experts of that category rated at least <minimum>

    Examples:
      | minimum |
      | 4       |
      | 5       |

  @API-2.1 @REQ-5
  Scenario: Pages do not overlap and their count stays consistent
    Given 7 experts in one category
    When the client reads the experts of that category 3 to a page
    Then the pages hold 3, 3 and 1 experts
    And no expert appears on two pages
    And together the pages list every expert of that category in order of id
    And every page reports a count of 7

  @API-2.1
  Scenario Outline: Bad paging parameters are refused with 400
    When the client lists the experts with <parameter> "<value>"
    Then the response status is 400
    And the response explains the error

    Examples:
      | parameter | value |
      | page      | 0     |
      | page      | -1    |
      | limit     | 0     |
      | limit     | 101   |
      | page      | first |

  @API-2.2 @REQ-5.2a @REQ-6.1
  Scenario: The expert card has the list item's fields plus the description
    Given 1 expert in one category
    When the client opens that expert's card
    Then the response status is 200
    And the card shows the name, rating, price, category and description the expert was registered with
    And the card agrees with the expert's entry in the list

  @API-2.2
  Scenario: An unknown expert's card is refused with 404
    When the client opens the card of an expert that does not exist
    Then the response status is 404
    And the response explains the error
