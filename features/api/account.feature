Feature: Account and questionnaire API / Личный кабинет и анкета (API)
  The assumed account operations behind the Personal Account screens (spec 7.2.7, 7.2.8, 11.2.5,
  11.2 verification; contracts/SPEC_NOTES.md SN-41, SN-42, SN-44). Every response is validated
  against contracts/smartconsult.openapi.yaml.

  Background:
    Given a registered client
    And the client is logged in through the API

  @REQ-7.2.7
  Scenario: Changing the password needs the right current password
    Given a new valid password
    When the client changes the password giving a wrong current password
    Then the response status is 400
    And the response names the field "current_password"
    And the client can still log in with the old password

  @REQ-7.2.7
  Scenario Outline: The new password must follow the password policy
    When the client changes the password to "<new>" confirmed as "<confirm>"
    Then the response status is 400
    And the response names the field "<field>"
    And the client can still log in with the old password

    Examples:
      | new        | confirm    | field            |
      | Short1a    | Short1a    | new_password     |
      | alllower12 | alllower12 | new_password     |
      | ALLUPPER12 | ALLUPPER12 | new_password     |
      | NoDigitsAb | NoDigitsAb | new_password     |
      | Secret123a | Secret123b | confirm_password |

  @REQ-7.2.7
  Scenario: A valid password change takes effect
    Given a new valid password
    When the client changes the password to the new one
    Then the response status is 200
    And the client can log in with the new password only

  @REQ-7.2.8
  Scenario: A deleted profile can no longer log in, and can be restored within 90 days
    When the client deletes the profile
    Then the response status is 200
    And the client can no longer log in
    And the client's old access token is refused with 401
    When 89 days pass
    And the client restores the profile
    Then the response status is 200
    And the client can still log in with the old password

  @REQ-7.2.8
  Scenario: After 90 days a deleted profile cannot be restored
    When the client deletes the profile
    And 91 days pass
    And the client restores the profile
    Then the response status is 401
    And the client can no longer log in

  @REQ-11.2.5
  Scenario Outline: The consultation price must lie within the limits from the server
    Given an expert who works every day from 09:00 to 18:00
    When the expert saves the questionnaire with a price <where> the limits
    Then the response status is <status>

    Examples:
      | where        | status |
      | below        | 400    |
      | at the lower | 200    |
      | at the upper | 200    |
      | above        | 400    |

  @REQ-11.2-pending-verification @REQ-11.2-unverified-notice
  Scenario: Saved questionnaire data waits for verification before it is published
    Given an expert who works every day from 09:00 to 18:00
    And a new description for the expert
    When the expert saves the questionnaire with the new description
    Then the response status is 200
    And the expert's data is reported as not verified
    And the expert card still shows the old description
    When the back office verifies the expert's data
    Then the expert's data is reported as verified
    And the expert card shows the new description
