Feature: API free time slots / Свободные слоты через API
  GET /appointment/available/timeslots/json (API spec 3.3): the one-hour slots of an expert still
  free on a date, in the caller's time zone.

  @API-3.3 @REQ-8.3
  Scenario: A working day offers one-hour slots on the hour within the working hours
    Given an expert who works every day from 09:00 to 13:00
    And a registered client
    And the server clock is frozen at 08:00 today in the expert's time zone
    When the client asks for the expert's free slots in 2 days
    Then the response status is 200
    And the offered slots are 09:00, 10:00, 11:00, 12:00

  @API-3.3 @REQ-8.3
  Scenario: A half-hour at the end of the working hours is not a slot
    Given an expert who works every day from 09:30 to 12:30
    And a registered client
    And the server clock is frozen at 08:00 today in the expert's time zone
    When the client asks for the expert's free slots in 2 days
    Then the offered slots are 10:00, 11:00

  @API-3.3 @REQ-8.3
  Scenario: Slots are offered in the client's time zone
    Given an expert in "Europe/Moscow" who works every day from 09:00 to 13:00
    And a registered client in "Asia/Vladivostok"
    And the server clock is frozen at 08:00 today in the expert's time zone
    When the client asks for the expert's free slots in 2 days
    Then the response status is 200
    And the offered slots are 16:00, 17:00, 18:00, 19:00

  @API-3.3 @REQ-8.3
  Scenario: A client far west of the expert sees the slots on their own date
    Given an expert in "Asia/Vladivostok" who works every day from 09:00 to 12:00
    And a registered client in "Europe/Moscow"
    And the server clock is frozen at 08:00 today in the expert's time zone
    When the client asks for the expert's free slots in 2 days
    Then the offered slots are 02:00, 03:00, 04:00

  @API-3.3 @REQ-8.2
  Scenario: A past date offers no slots
    Given an expert who works every day from 09:00 to 18:00
    And a registered client
    And the server clock is frozen at 08:00 today in the expert's time zone
    When the client asks for the expert's free slots yesterday
    Then the response status is 200
    And the offered slots are none

  @API-3.3 @REQ-8.3
  Scenario: Held and paid slots are not offered
    Given an expert who works every day from 09:00 to 13:00
    And a registered client
    And another registered client
    And the server clock is frozen at 08:00 today in the expert's time zone
    And the other client has booked the expert at 10:00 in 2 days
    And the other client has a paid booking with the expert at 12:00 in 2 days
    When the client asks for the expert's free slots in 2 days
    Then the offered slots are 09:00, 11:00

  @API-3.3
  Scenario: The slots of an expert that does not exist are refused with 404
    Given a registered client
    When the client asks for the free slots of an expert that does not exist
    Then the response status is 404
    And the response explains the error

  @API-3.3
  Scenario Outline: A malformed date is refused with 400
    Given an expert who works every day from 09:00 to 18:00
    And a registered client
    When the client asks for the expert's free slots on "<date>"
    Then the response status is 400
    And the response explains the error

    Examples:
      | date       |
      | 2030-13-01 |
      | 01.02.2030 |
      | tomorrow   |
