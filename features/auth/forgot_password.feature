Feature: Forgot password screen / Экран «Забыли пароль»
  The user asks for a password-reset link by email (spec 3.1–3.3).

  @REQ-3.1
  Scenario: The Forgot password screen has the same style as the Login screen
    Given a visitor on the login screen
    When the visitor notes the style of the login screen
    And the visitor follows the Forgot password link
    Then the forgot password screen has the same style as the login screen

  @REQ-3.2
  Scenario: The email is required
    Given a visitor on the forgot password screen
    When the visitor requests a reset link without an email
    Then the forgot password error says the email is required

  @REQ-3.2
  Scenario Outline: A malformed email is refused
    Given a visitor on the forgot password screen
    When the visitor requests a reset link for "<email>"
    Then the forgot password error says the email is malformed

    Examples:
      | email                   |
      | ivan.petrov             |
      | ivan@                   |
      | @example.com            |
      | ivan petrov@example.com |

  @REQ-3.2
  Scenario: A well-formed email is accepted
    Given a registered client
    And a visitor on the forgot password screen
    When the visitor requests a reset link for the client's email
    Then the forgot password screen confirms that a reset link was sent

  @REQ-3.3
  Scenario: The error is shown in a red box as on the Login screen
    Given a visitor on the forgot password screen
    When the visitor requests a reset link for "ivan@"
    Then the forgot password error is shown in a red box at the bottom of the screen
