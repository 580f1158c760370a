Feature: API expert's working schedule / Расписание эксперта через API
  POST /appointments/calendar/add/schedule/ (API spec 3.4, the weekly schedule, in the expert's
  time zone) and POST /appointments/calendar/add/range/ (API spec 3.5, extra working or
  non-working ranges, "DD.MM.YYYY HH:MM"). What they change is seen in the free slots (API-3.3).

  Background:
    Given an expert who works every day from 09:00 to 18:00
    And a registered client
    And the server clock is frozen at 08:00 today in the expert's time zone

  @API-3.4 @API-3.3 @REQ-12.3 @REQ-12.3.3 @REQ-12.3.4
  Scenario: A new weekly schedule replaces the expert's working hours
    When the expert sets a weekly schedule of every day from 10:00 to 12:00
    Then the response status is 200
    And the client is offered 10:00, 11:00 in 2 days

  @API-3.4 @API-3.3 @REQ-12.3.1
  Scenario: A day switched off in the weekly schedule offers no slots, the other days still do
    When the expert sets a weekly schedule of every day from 09:00 to 18:00 except the day in 2 days
    Then the response status is 200
    And the client is offered none in 2 days
    And the client is offered 09:00, 10:00, 11:00, 12:00, 13:00, 14:00, 15:00, 16:00, 17:00 in 3 days

  @API-3.4 @REQ-12.1 @REQ-12.3
  Scenario: The saved weekly schedule reads back with all 7 days
    When the expert sets a weekly schedule of every day from 10:00 to 12:00 except the day in 2 days
    Then the expert's weekly schedule reads back as every day from 10:00 to 12:00 except the day in 2 days

  @API-3.4 @REQ-12.3.5
  Scenario Outline: A work day must end after it starts
    When the expert sets a weekly schedule with one work day from <start> to <end>
    Then the response status is 400
    And the response explains the error
    And the client is still offered 09:00, 10:00, 11:00, 12:00, 13:00, 14:00, 15:00, 16:00, 17:00 in 2 days

    Examples:
      | start | end   |
      | 12:00 | 12:00 |
      | 14:00 | 10:00 |

  @API-3.4 @REQ-12.3
  Scenario Outline: A weekly schedule names each of the 7 days at most once
    When the expert sends a weekly schedule <problem>
    Then the response status is 400
    And the response explains the error

    Examples:
      | problem                       |
      | naming Monday twice           |
      | with a day numbered 0         |
      | with a day numbered 8         |
      | of 8 days                     |
      | with a work day without hours |

  @API-3.4 @REQ-12.3
  Scenario: A client cannot set a weekly schedule
    When the client sets a weekly schedule of every day from 10:00 to 12:00
    Then the response status is 403
    And the response explains the error

  @API-3.5 @API-3.3 @REQ-12.4 @REQ-12.4.1.1
  Scenario: An extra non-working range removes that expert's slots and no one else's
    Given another expert who works every day from 09:00 to 18:00
    When the expert adds a non-working range from 11:00 to 14:00 in 2 days
    Then the response status is 200
    And the client is offered 09:00, 10:00, 14:00, 15:00, 16:00, 17:00 in 2 days
    And the client is offered 09:00, 10:00, 11:00, 12:00, 13:00, 14:00, 15:00, 16:00, 17:00 of the other expert in 2 days

  @API-3.5 @API-3.3 @REQ-12.4 @REQ-12.4.1.1
  Scenario: An extra working range adds slots outside the weekly hours
    When the expert adds a working range from 19:00 to 21:00 in 2 days
    Then the response status is 200
    And the client is offered 09:00, 10:00, 11:00, 12:00, 13:00, 14:00, 15:00, 16:00, 17:00, 19:00, 20:00 in 2 days
    And the client is offered 09:00, 10:00, 11:00, 12:00, 13:00, 14:00, 15:00, 16:00, 17:00 in 3 days

  @API-3.5 @API-3.4 @REQ-12.4.1.1
  Scenario: A working range opens a day off
    Given the expert's weekly schedule is every day from 09:00 to 18:00 except the day in 2 days
    When the expert adds a working range from 10:00 to 12:00 in 2 days
    Then the response status is 200
    And the client is offered 10:00, 11:00 in 2 days

  @API-3.5 @REQ-12.4.1.2 @REQ-12.4.1.3
  Scenario Outline: A malformed extra range is refused with 400
    When the expert adds a range <problem>
    Then the response status is 400
    And the response explains the error

    Examples:
      | problem                              |
      | ending before it starts              |
      | ending when it starts                |
      | with the dates written as YYYY-MM-DD |
      | on the 31st of February              |
      | of type 2                            |

  @API-3.5 @REQ-12.4
  Scenario: A client cannot add an extra range
    When the client adds a non-working range from 11:00 to 14:00 in 2 days
    Then the response status is 403
    And the response explains the error
