Feature: API rating a consultation / Оценка консультации через API
  POST /appointments/rate/{appointment_id} (API spec 3.9): once a paid consultation has ended, its
  client may rate it once, 1 to 5, with an optional review.

  Background:
    Given an expert who works every day from 09:00 to 18:00
    And a registered client
    And the server clock is frozen at 08:00 today in the expert's time zone

  @API-3.9 @REQ-6.8
  Scenario: After a paid consultation has ended its client rates it, and the review is published
    Given the client has a paid booking with the expert at 10:00 in 2 days
    And the client has written a review
    When the consultation has ended
    And the client rates the consultation 4 with the review
    Then the response status is 200
    And the expert's reviews show the client's rating of 4 with the review

  @API-3.9
  Scenario Outline: A consultation cannot be rated before it has ended
    Given the client has a paid booking with the expert at 10:00 in 2 days
    When <moment>
    And the client rates the consultation 5
    Then the response status is 409
    And the response explains the error

    Examples:
      | moment                                                       |
      | the clock moves to 08:00 tomorrow in the expert's time zone  |
      | the clock moves to 10:30 in 2 days in the expert's time zone |

  @API-3.9
  Scenario: An unpaid booking whose time has passed cannot be rated
    Given the client has booked the expert at 10:00 in 2 days
    When the consultation has ended
    And the client rates the consultation 5
    Then the response status is 409

  @API-3.9
  Scenario Outline: A rating outside 1 to 5 is refused with 400
    Given the client has a paid booking with the expert at 10:00 in 2 days
    When the consultation has ended
    And the client rates the consultation <rating>
    Then the response status is 400
    And the response explains the error

    Examples:
      | rating |
      | 0      |
      | 6      |
      | -1     |

  @API-3.9
  Scenario: A consultation is rated only once
    Given the client has a paid booking with the expert at 10:00 in 2 days
    And the consultation has ended
    And the client has rated the consultation 5
    When the client rates the consultation 1
    Then the response status is 409
    And the response explains the error

  @API-3.9
  Scenario Outline: Only the booking's client may rate it
    Given another registered client
    And the client has a paid booking with the expert at 10:00 in 2 days
    And the consultation has ended
    When <someone> rates the consultation 1
    Then the response status is 403
    And the response explains the error

    Examples:
      | someone          |
      | the other client |
      | the expert       |

  @API-3.9
  Scenario: Rating a booking that does not exist is refused with 404
    When the client rates a booking that does not exist
    Then the response status is 404
    And the response explains the error
