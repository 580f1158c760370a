Feature: API rescheduling a booking / Перенос записи через API
  POST /appointments/edit/{appointment_id} (API spec 3.7): the client moves a booking to another
  free slot of the same expert while more than 2 hours remain before its start. A paid booking
  stays paid; an unpaid one gets a new payment hold. The expert cannot be changed.

  Background:
    Given an expert in "Europe/Moscow" who works every day from 09:00 to 18:00
    And the server clock is frozen at 08:00 today in the expert's time zone

  @API-3.7 @REQ-10.11.2-reschedule @REQ-10.11.2-reschedule-paid
  Scenario: A paid booking moved to another free slot stays paid, and its old slot is free again
    Given a registered client
    And the client has a paid booking with the expert at 10:00 in 2 days
    When the client moves the booking to 15:00 in 3 days
    Then the response status is 200
    And the client's calendar shows a booking with the expert at 15:00 in 3 days paid
    And the client is offered 09:00, 10:00, 11:00, 12:00, 13:00, 14:00, 15:00, 16:00, 17:00 in 2 days

  @API-3.7 @REQ-10.11.2-reschedule-unpaid @REQ-10.11.2-timer
  Scenario: An unpaid booking moved to another slot gets a new payment hold
    Given a registered client
    And the client has booked the expert at 10:00 in 2 days
    And 10 minutes have passed
    When the client moves the booking to 15:00 in 3 days
    Then the response status is 200
    And the client's calendar shows a booking with the expert at 15:00 in 3 days awaiting payment
    And the booking must be paid within the payment hold from now

  @API-3.7 @REQ-8.4
  Scenario: Rescheduling may change the comment
    Given a registered client
    And the client has booked the expert at 10:00 in 2 days
    And the client has written a comment
    When the client moves the booking to 15:00 in 3 days with the comment
    Then the response status is 200
    And the client's calendar shows the comment on the booking at 15:00 in 3 days

  @API-3.7
  Scenario: Rescheduling never changes the expert
    Given a registered client
    And another expert who works every day from 09:00 to 18:00
    And the client has booked the expert at 10:00 in 2 days
    When the client moves the booking to 15:00 in 3 days naming the other expert in the form
    Then the booking is still with the expert
    And the client is offered 09:00, 10:00, 11:00, 12:00, 13:00, 14:00, 15:00, 16:00, 17:00 of the other expert in 3 days

  @API-3.7 @REQ-8.7
  Scenario: Moving a booking to a taken slot is refused with 409 and the booking stays
    Given a registered client
    And another registered client
    And the client has booked the expert at 10:00 in 2 days
    And the other client has booked the expert at 15:00 in 3 days
    When the client moves the booking to 15:00 in 3 days
    Then the response status is 409
    And the response explains the error
    And the client's calendar shows a booking with the expert at 10:00 in 2 days awaiting payment

  @API-3.7 @REQ-10.11.2-reschedule
  Scenario Outline: A client in another time zone may reschedule only while more than 2 hours remain
    Given a registered client in "Asia/Vladivostok"
    And the client has a paid booking with the expert at 23:00 in 2 days
    When it is <lead> before the start of the booking
    And the client moves the booking to 22:00 in 3 days
    Then the response status is <status>

    Examples:
      | lead                 | status |
      | 2 hours and 1 second | 200    |
      | exactly 2 hours      | 409    |
      | 1 hour               | 409    |

  @API-3.7
  Scenario Outline: Only the booking's client may reschedule it
    Given a registered client
    And another registered client
    And the client has booked the expert at 10:00 in 2 days
    When <someone> moves the booking to 15:00 in 3 days
    Then the response status is 403
    And the response explains the error
    And the client's calendar shows a booking with the expert at 10:00 in 2 days awaiting payment

    Examples:
      | someone          |
      | the other client |
      | the expert       |

  @API-3.7
  Scenario Outline: A booking that is no longer active cannot be rescheduled
    Given a registered client
    And the client has <booking> booking with the expert at 10:00 in 2 days
    When the client moves the booking to 15:00 in 3 days
    Then the response status is 409
    And the response explains the error

    Examples:
      | booking     |
      | a cancelled |
      | an expired  |

  @API-3.7
  Scenario Outline: Malformed rescheduling data is refused with 400
    Given a registered client
    And the client has booked the expert at 10:00 in 2 days
    When the client moves the booking with <field> "<value>"
    Then the response status is 400
    And the response explains the error

    Examples:
      | field            | value      |
      | appointment_date | 2030-02-31 |
      | appointment_time | 24:00      |
      | appointment_time |            |

  @API-3.7
  Scenario: Rescheduling a booking that does not exist is refused with 404
    Given a registered client
    When the client moves a booking that does not exist
    Then the response status is 404
    And the response explains the error
