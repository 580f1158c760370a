Feature: API cancelling a booking / Отмена записи через API
  DELETE /appointments/delete/{appointment_id} (API spec 3.8): the booking's client or its expert
  cancels it while more than 2 hours remain before the start; the slot is free again, and the
  answer says whether money is refunded.

  Background:
    Given an expert in "Europe/Moscow" who works every day from 09:00 to 18:00
    And the server clock is frozen at 08:00 today in the expert's time zone

  @API-3.8 @API-3.3 @REQ-10.11.2-cancel @REQ-10.11-cancel-success
  Scenario: A client cancels an unpaid booking: nothing is refunded and the slot is free again
    Given a registered client
    And another registered client
    And the client has booked the expert at 10:00 in 2 days
    When the client cancels the booking
    Then the response status is 200
    And the cancellation message says nothing is refunded
    And the client's calendar shows a booking with the expert at 10:00 in 2 days cancelled
    And the other client is offered 09:00, 10:00, 11:00, 12:00, 13:00, 14:00, 15:00, 16:00, 17:00 in 2 days

  @API-3.8 @API-3.6 @REQ-10.11.2-cancel
  Scenario: Another client can book the slot of a cancelled booking
    Given a registered client
    And another registered client
    And the client has booked the expert at 10:00 in 2 days
    And the client has cancelled the booking
    When the other client books the expert at 10:00 in 2 days
    Then the response status is 200

  @API-3.8 @REQ-10.11.2-cancel @REQ-10.11-refund-message
  Scenario: Cancelling a paid booking tells the client the money is refunded
    Given a registered client
    And the client has a paid booking with the expert at 10:00 in 2 days
    When the client cancels the booking
    Then the response status is 200
    And the cancellation message says the payment is refunded

  @API-3.8 @REQ-10.11.1-cancel @REQ-10.11.1-no-confirm @REQ-10.11-refund-message
  Scenario Outline: The expert may cancel a booking with them, paid or unpaid
    Given a registered client
    And the client has <booking> booking with the expert at 10:00 in 2 days
    When the expert cancels the booking
    Then the response status is 200
    And the cancellation message says <refund>
    And the client's calendar shows a booking with the expert at 10:00 in 2 days cancelled

    Examples:
      | booking   | refund                  |
      | a paid    | the payment is refunded |
      | an unpaid | nothing is refunded     |

  @API-3.8 @REQ-10.11.1-cancel @REQ-10.11.2-cancel
  Scenario Outline: Cancelling is allowed only while more than 2 hours remain, whatever the time zones
    Given a registered client in "Asia/Vladivostok"
    And the client has a paid booking with the expert at 23:00 in 2 days
    When it is <lead> before the start of the booking
    And <who> cancels the booking
    Then the response status is <status>

    Examples:
      | who        | lead                 | status |
      | the client | 2 hours and 1 second | 200    |
      | the client | exactly 2 hours      | 409    |
      | the client | 30 minutes           | 409    |
      | the expert | 2 hours and 1 second | 200    |
      | the expert | exactly 2 hours      | 409    |

  @API-3.8
  Scenario Outline: Only the booking's client and expert may cancel it
    Given a registered client
    And another registered client
    And another expert who works every day from 09:00 to 18:00
    And the client has booked the expert at 10:00 in 2 days
    When <someone> cancels the booking
    Then the response status is 403
    And the response explains the error
    And the client's calendar shows a booking with the expert at 10:00 in 2 days awaiting payment

    Examples:
      | someone          |
      | the other client |
      | the other expert |

  @API-3.8
  Scenario Outline: A booking that is no longer active cannot be cancelled
    Given a registered client
    And the client has <booking> booking with the expert at 10:00 in 2 days
    When the client cancels the booking
    Then the response status is 409
    And the response explains the error

    Examples:
      | booking     |
      | a cancelled |
      | an expired  |

  @API-3.8
  Scenario: Cancelling a booking that does not exist is refused with 404
    Given a registered client
    When the client cancels a booking that does not exist
    Then the response status is 404
    And the response explains the error
