Feature: API payments / Оплата через API
  POST /appointments/checkout/{appointment_id} (API spec 4.1) starts a payment with the sandbox
  provider; the provider's page sends POST /payment/{payment_provider}/callback/ (API spec 4.2),
  signed; GET /payment/status/{appointment_id} (API spec 4.3) reports unpaid, pending, paid or
  failed. Only a booking whose payment hold is still running can be paid.

  Background:
    Given an expert who works every day from 09:00 to 18:00
    And a registered client
    And the server clock is frozen at 08:00 today in the expert's time zone
    And the client has booked the expert at 10:00 in 2 days

  @API-4.3 @REQ-9.3
  Scenario: A booking nobody has started paying for is unpaid
    When the client asks for the payment status of the booking
    Then the response status is 200
    And the payment status is "unpaid"

  @API-4.1 @API-4.3 @REQ-9.3
  Scenario Outline: Checkout returns the provider's payment page and the payment is pending
    When the client checks out the booking with "<provider>"
    Then the response status is 200
    And the checkout link opens the provider's payment page
    And the payment status of the booking is "pending"

    Examples:
      | provider     |
      | sandbox-card |
      | sandbox-sbp  |

  @API-4.1 @API-4.2 @API-4.3 @API-3.2 @REQ-9.3 @REQ-9.4 @REQ-10.2.1
  Scenario: Paying on the provider's page marks the booking paid
    Given the client has checked out the booking with "sandbox-card"
    When the client pays on the provider's page
    Then the provider sends the client back to the app's checkout screen
    And the payment status of the booking is "paid"
    And the client's calendar shows a booking with the expert at 10:00 in 2 days paid

  @API-4.2 @API-4.3 @REQ-9.5
  Scenario: A failed payment leaves the booking unpaid
    Given the client has checked out the booking with "sandbox-sbp"
    When the client's payment fails on the provider's page
    Then the payment status of the booking is "failed"
    And the client's calendar shows a booking with the expert at 10:00 in 2 days awaiting payment

  @API-4.2 @API-4.3
  Scenario Outline: A forged or unsigned callback never marks a booking paid
    Given the client has checked out the booking with "sandbox-card"
    When someone sends a "paid" callback for the payment <how>
    Then the response status is 403
    And the response explains the error
    And the payment status of the booking is "pending"
    And the client's calendar shows a booking with the expert at 10:00 in 2 days awaiting payment

    Examples:
      | how                                          |
      | signed with a key that is not the provider's |
      | without a signature                          |
      | with the signature of a "failed" callback    |
      | with the signature of another booking        |

  @API-4.2
  Scenario Outline: A correctly signed callback for an unknown payment or booking is refused with 404
    Given the client has checked out the booking with "sandbox-card"
    When the provider sends a signed "paid" callback for <what>
    Then the response status is 404
    And the response explains the error
    And the payment status of the booking is "pending"

    Examples:
      | what                          |
      | a payment that does not exist |
      | a booking that does not exist |

  @API-4.2 @API-4.3 @API-3.6 @REQ-10.11.2-expired-hidden
  Scenario: A late payment after the hold lapsed and the slot was resold never makes two paid bookings
    Given another registered client
    And the client has checked out the booking with "sandbox-card"
    And the payment hold of the booking has lapsed
    And the other client has booked and paid for the expert at 10:00 in 2 days
    When the provider confirms the client's payment with a signed callback
    Then the payment status of the booking is "failed"
    And the expert's calendar holds exactly 1 paid booking at 10:00 in 2 days
    And the client's calendar does not list the booking

  @API-3.3 @API-3.6 @REQ-10.11.2-expired-hidden @REQ-9.1
  Scenario: An unpaid booking whose hold lapsed gives its slot back
    Given another registered client
    When the payment hold of the booking lapses
    Then the other client is offered 09:00, 10:00, 11:00, 12:00, 13:00, 14:00, 15:00, 16:00, 17:00 in 2 days
    When the other client books the expert at 10:00 in 2 days
    Then the response status is 200

  @API-4.1 @REQ-9.1
  Scenario: Checkout after the payment hold lapsed is refused with 409
    Given the payment hold of the booking has lapsed
    When the client checks out the booking with "sandbox-card"
    Then the response status is 409
    And the response explains the error

  @API-4.1
  Scenario: A paid booking cannot be checked out again
    Given the client has paid for the booking
    When the client checks out the booking with "sandbox-card"
    Then the response status is 409
    And the response explains the error

  @API-4.1
  Scenario: An unknown payment provider is refused with 400
    When the client checks out the booking with "paypal"
    Then the response status is 400
    And the response explains the error

  @API-4.1
  Scenario Outline: Only the booking's client may check it out
    Given another registered client
    When <someone> checks out the booking with "sandbox-card"
    Then the response status is 403
    And the response explains the error
    And the payment status of the booking is "unpaid"

    Examples:
      | someone          |
      | the other client |
      | the expert       |

  @API-4.3
  Scenario Outline: The booking's client and expert see its payment status, nobody else
    Given another registered client
    When <someone> asks for the payment status of the booking
    Then the response status is <status>

    Examples:
      | someone          | status |
      | the client       | 200    |
      | the expert       | 200    |
      | the other client | 403    |

  @API-4.1
  Scenario: Checking out a booking that does not exist is refused with 404
    When the client checks out a booking that does not exist with "sandbox-card"
    Then the response status is 404
    And the response explains the error

  @API-4.3
  Scenario: The payment status of a booking that does not exist is refused with 404
    When the client asks for the payment status of a booking that does not exist
    Then the response status is 404
    And the response explains the error
