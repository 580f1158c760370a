Feature: Login screen / Экран «Вход»
  The start screen when the user is not authenticated (spec 1, 1.1–1.3).
  Стартовый экран, если пользователь не аутентифицирован.

  Background:
    Given a registered client

  @REQ-1 @REQ-1.1 @smoke
  Scenario: A client logs in with email and password
    When the client opens the app
    Then the login screen is shown
    When the client logs in with their email and password
    Then the experts list is shown

  @REQ-1.1
  Scenario Outline: Both fields are required
    Given the client is on the login screen
    When the client submits the login form with the <field> left empty
    Then the login error says the <field> is required
    And the login error is shown in a red box at the bottom of the screen
    And the login screen is still shown

    Examples:
      | field    |
      | email    |
      | password |

  @REQ-1.1
  Scenario: A wrong password is refused with an error in a red box at the bottom
    Given the client is on the login screen
    When the client logs in with a wrong password
    Then the login error says the credentials are invalid
    And the login error is shown in a red box at the bottom of the screen
    And the login screen is still shown

  @REQ-1.2
  Scenario: The Register link leads to the Registration screen
    Given the client is on the login screen
    When the client follows the Register link
    Then the registration screen is shown

  @REQ-1.3
  Scenario: The "Forgot password?" link leads to the Forgot password screen
    Given the client is on the login screen
    When the client follows the Forgot password link
    Then the forgot password screen is shown
