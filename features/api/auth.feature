Feature: API authentication / Аутентификация API
  POST /auth/login/ and POST /auth/refresh/ (API spec 1.1, 1.2). Every response is validated
  against contracts/smartconsult.openapi.yaml.

  Background:
    Given a registered client

  @API-1.1
  Scenario: Logging in returns an access and a refresh token
    When the client logs in through the API
    Then the response status is 200
    And the access token opens the experts list

  @API-1.1 @REQ-1.1
  Scenario: Wrong credentials are refused with 401
    When the client logs in through the API with a wrong password
    Then the response status is 401
    And the response explains the error

  @API-1.1 @REQ-1.1
  Scenario Outline: Both credentials are required
    When the client logs in through the API with the <field> <how>
    Then the response status is 400
    And the response explains the error

    Examples:
      | field    | how     |
      | email    | missing |
      | email    | empty   |
      | password | missing |
      | password | empty   |

  @API-1.1
  Scenario: An unknown email is refused with 401
    When someone logs in through the API as an unknown user
    Then the response status is 401

  @API-1.2
  Scenario: A refresh token gives a working access token
    Given the client is logged in through the API
    When the client refreshes the access token
    Then the response status is 200
    And the new access token opens the experts list

  @API-1.2
  Scenario: An expired access token is refused with 401, and refreshing restores access
    Given the client is logged in through the API
    When the access token has expired
    Then the experts list refuses the access token with 401
    When the client refreshes the access token
    Then the new access token opens the experts list

  @API-1.2
  Scenario: A refresh token is not accepted as an access token
    Given the client is logged in through the API
    Then the experts list refuses the refresh token with 401

  @API-1.2
  Scenario Outline: A bad refresh token is refused with 401
    Given the client is logged in through the API
    When the client refreshes with <kind> refresh token
    Then the response status is 401

    Examples:
      | kind      |
      | a garbled |
      | an access |
      | a forged  |
      | an expired |
