Feature: API calendars / Календари через API
  GET /appointments/calendar/expert/json (API spec 3.1: the expert's bookings, the bookings they
  made as a client, extra ranges and working time over any period, its end date included) and
  GET /appointments/calendar/client/json (API spec 3.2: the client's bookings). Times are in the
  reader's time zone.

  Background:
    Given an expert who works every day from 09:00 to 18:00
    And the server clock is frozen at 08:00 today in the expert's time zone

  @API-3.1 @REQ-10.5 @REQ-10.3
  Scenario Outline: The working time of any period is listed day by day, its end date included
    When the expert opens their calendar from <first> to <last>
    Then the response status is 200
    And the calendar's working time is 09:00 to 18:00 on every day from <first> to <last>

    Examples:
      | first     | last       |
      | today     | today      |
      | tomorrow  | in 3 days  |
      | in 2 days | in 10 days |
      | yesterday | in 30 days |

  @API-3.1 @REQ-10.6 @REQ-10.3
  Scenario: The expert's bookings of the period are listed, those of the end date too
    Given a registered client
    And the client has booked the expert at 10:00 in 2 days
    And the client has a paid booking with the expert at 17:00 in 4 days
    And the client has a paid booking with the expert at 09:00 in 5 days
    When the expert opens their calendar from in 2 days to in 4 days
    Then the response status is 200
    And the calendar lists as the expert's bookings:
      | day       | time  | status           |
      | in 2 days | 10:00 | awaiting payment |
      | in 4 days | 17:00 | paid             |
    And the calendar lists no bookings as a client

  @API-3.1 @REQ-10.6
  Scenario: Bookings the expert made with another expert are listed as a client
    Given another expert who works every day from 09:00 to 18:00
    And the expert has booked the other expert at 10:00 in 2 days
    When the expert opens their calendar from today to in 3 days
    Then the calendar lists as the expert's bookings as a client:
      | day       | time  | status           |
      | in 2 days | 10:00 | awaiting payment |
    And the calendar lists no bookings as the expert

  @API-3.1 @REQ-10.5 @REQ-12.4
  Scenario: The extra ranges overlapping the period are listed with their type
    Given the expert has added a non-working range from 11:00 to 14:00 in 2 days
    And the expert has added a working range from 19:00 to 21:00 in 3 days
    And the expert has added a non-working range from 10:00 to 12:00 in 8 days
    When the expert opens their calendar from tomorrow to in 3 days
    Then the calendar lists the extra ranges:
      | day       | from  | to    | type        |
      | in 2 days | 11:00 | 14:00 | non-working |
      | in 3 days | 19:00 | 21:00 | working     |

  @API-3.1 @REQ-8.2
  Scenario: Another user sees the expert's working time and ranges but no bookings
    Given a registered client
    And another registered client
    And the other client has booked the expert at 10:00 in 2 days
    And the expert has added a non-working range from 11:00 to 14:00 in 2 days
    When the client opens the expert's calendar from today to in 3 days
    Then the response status is 200
    And the calendar lists no bookings as the expert
    And the calendar's working time is 09:00 to 18:00 on every day from today to in 3 days
    And the calendar lists the extra ranges:
      | day       | from  | to    | type        |
      | in 2 days | 11:00 | 14:00 | non-working |

  @API-3.1 @API-3.2 @REQ-7.2.5 @REQ-12.2
  Scenario: Each side reads the booking in their own time zone
    Given a registered client in "Asia/Vladivostok"
    And the client has booked the expert at 17:00 in 2 days
    Then the client's calendar shows a booking with the expert at 17:00 in 2 days awaiting payment
    And the expert's calendar shows the booking at 10:00 in 2 days

  @API-3.1
  Scenario Outline: A bad period is refused with 400
    When the expert opens their calendar <problem>
    Then the response status is 400
    And the response explains the error

    Examples:
      | problem                           |
      | from in 3 days to tomorrow        |
      | from "31.12.2030" to "01.01.2031" |
      | from "2030-02-30" to "2030-03-01" |
      | without a start                   |

  @API-3.1
  Scenario: The calendar of an expert that does not exist is refused with 404
    Given a registered client
    When the client opens the calendar of an expert that does not exist
    Then the response status is 404
    And the response explains the error

  @API-3.2 @REQ-10.6 @REQ-10.2
  Scenario: The client's calendar lists the client's own bookings with their status
    Given a registered client
    And another registered client
    And the client has booked the expert at 10:00 in 2 days
    And the client has a paid booking with the expert at 11:00 in 2 days
    And the other client has booked the expert at 12:00 in 2 days
    When the client opens their calendar
    Then the response status is 200
    And the client's calendar lists exactly:
      | day       | time  | status           |
      | in 2 days | 10:00 | awaiting payment |
      | in 2 days | 11:00 | paid             |

  @API-3.2 @API-3.8 @REQ-10.2.4
  Scenario: A cancelled booking stays in the client's calendar as cancelled
    Given a registered client
    And the client has booked the expert at 10:00 in 2 days
    And the client has cancelled the booking
    When the client opens their calendar
    Then the client's calendar lists exactly:
      | day       | time  | status    |
      | in 2 days | 10:00 | cancelled |

  @API-3.2 @REQ-10.2.3
  Scenario: A consultation that has ended stays in the client's calendar as completed
    Given a registered client
    And the client has a paid booking with the expert at 10:00 in 2 days
    When the consultation has ended
    And the client opens their calendar
    Then the client's calendar lists exactly:
      | day       | time  | status    |
      | in 2 days | 10:00 | completed |

  @API-3.2 @REQ-10.3 @REQ-10.16
  Scenario: The client's calendar can be limited to any period, its end date included
    Given a registered client
    And the client has a paid booking with the expert at 10:00 in 2 days
    And the client has a paid booking with the expert at 17:00 in 5 days
    And the client has a paid booking with the expert at 09:00 in 6 days
    When the client opens their calendar from in 3 days to in 5 days
    Then the response status is 200
    And the client's calendar lists exactly:
      | day       | time  | status |
      | in 5 days | 17:00 | paid   |

  @API-3.2
  Scenario: A client's calendar period that ends before it starts is refused with 400
    Given a registered client
    When the client opens their calendar from in 5 days to in 3 days
    Then the response status is 400
    And the response explains the error

  @API-3.2 @REQ-10.11.2-expired-hidden
  Scenario: An unpaid booking whose payment hold lapsed disappears from the client's calendar
    Given a registered client
    And the client has booked the expert at 10:00 in 2 days
    When the payment hold of the booking lapses
    And the client opens their calendar
    Then the response status is 200
    And the client's calendar does not list the booking

  @API-3.2
  Scenario: Only a paid booking carries a meeting link
    Given a registered client
    And the client has booked the expert at 10:00 in 2 days
    And the client has a paid booking with the expert at 11:00 in 2 days
    When the client opens their calendar
    Then the response status is 200
    And every paid booking in the client's calendar has a meeting link and every unpaid one has none
