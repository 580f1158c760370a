Feature: API booking a consultation / Запись на консультацию через API
  POST /appointments/add/{expert_id} (API spec 3.6): a booking takes a free one-hour slot and holds
  it while the client pays. Times in a step are local to the person acting or reading; day phrases
  count from today on the server clock in the expert's time zone.

  Background:
    Given an expert who works every day from 09:00 to 18:00
    And the server clock is frozen at 08:00 today in the expert's time zone

  @API-3.6 @REQ-8.6 @REQ-9.1
  Scenario: Booking a free slot holds it for the client until the payment deadline
    Given a registered client
    When the client books the expert at 11:00 in 2 days
    Then the response status is 200
    And the client's calendar shows a booking with the expert at 11:00 in 2 days awaiting payment
    And the new booking must be paid within the payment hold from now

  @API-3.6 @REQ-8.4
  Scenario Outline: The booking keeps the client's comment, whichever form encoding is used
    Given a registered client
    And the client has written a comment
    When the client books the expert at 11:00 in 2 days with the comment, sent as <encoding>
    Then the response status is 200
    And the client's calendar shows the comment on the booking at 11:00 in 2 days

    Examples:
      | encoding            |
      | urlencoded form     |
      | multipart form-data |

  @API-3.6 @API-3.3 @REQ-8.3
  Scenario: A booked slot is no longer offered to anyone
    Given a registered client
    And another registered client
    And the client has booked the expert at 11:00 in 2 days
    Then the other client is offered 09:00, 10:00, 12:00, 13:00, 14:00, 15:00, 16:00, 17:00 in 2 days

  @API-3.6 @REQ-8.7
  Scenario: A slot already taken is refused with 409 and a message for the red box
    Given a registered client
    And another registered client
    And the other client has booked the expert at 11:00 in 2 days
    When the client books the expert at 11:00 in 2 days
    Then the response status is 409
    And the response explains the error

  @API-3.6 @REQ-8.7
  Scenario: Ten clients booking one slot at the same moment: exactly one gets it
    Given 10 registered clients
    When the 10 clients book the expert at 11:00 in 2 days at the same moment
    Then exactly 1 of the bookings succeeds
    And the other 9 are refused with 409 and a message
    And none of the requests failed with a server error
    And the expert's calendar holds exactly 1 booking at 11:00 in 2 days

  @API-3.6 @API-3.3 @REQ-8.3 @REQ-8.7
  Scenario: Today's slots that have already begun are neither offered nor bookable
    Given a registered client
    And the clock has moved to 12:30 today in the expert's time zone
    When the client asks for the expert's free slots today
    Then the offered slots are 13:00, 14:00, 15:00, 16:00, 17:00
    When the client books the expert at 12:00 today
    Then the response status is 409
    And the response explains the error

  @API-3.6 @REQ-8.7
  Scenario Outline: A time the expert does not work is refused with 409
    Given a registered client
    When the client books the expert at <time> in 2 days
    Then the response status is 409
    And the response explains the error

    Examples:
      | time  |
      | 19:00 |
      | 08:00 |
      | 18:00 |

  @API-3.6 @API-3.3 @REQ-8.3
  Scenario: A client in another time zone books the expert's slot at the same instant
    Given a registered client in "Asia/Vladivostok"
    And another registered client
    When the client books the expert at 17:00 in 2 days
    Then the response status is 200
    And the other client is offered 09:00, 11:00, 12:00, 13:00, 14:00, 15:00, 16:00, 17:00 in 2 days

  @API-3.6
  Scenario Outline: Malformed booking data is refused with 400
    Given a registered client
    When the client books the expert with <field> "<value>"
    Then the response status is 400
    And the response explains the error

    Examples:
      | field            | value      |
      | appointment_date | 2030-02-31 |
      | appointment_date | 01.02.2030 |
      | appointment_date |            |
      | appointment_time | 25:00      |
      | appointment_time | 10 am      |
      | appointment_time |            |

  @API-3.6
  Scenario: The expert field of the form must name the expert of the path
    Given a registered client
    And another expert who works every day from 09:00 to 18:00
    When the client books the expert at 11:00 in 2 days naming the other expert in the form
    Then the response status is 400
    And the response explains the error

  @API-3.6
  Scenario: Booking an expert that does not exist is refused with 404
    Given a registered client
    When the client books an expert that does not exist
    Then the response status is 404
    And the response explains the error

  @API-3.6
  Scenario: An expert cannot book a consultation with themselves
    When the expert books themselves at 11:00 in 2 days
    Then the response status is 403
    And the response explains the error

  @API-3.6 @API-3.1
  Scenario: An expert may book another expert as a client
    Given another expert who works every day from 09:00 to 18:00
    When the expert books the other expert at 11:00 in 2 days
    Then the response status is 200
