Feature: API access without a token / Доступ к API без токена
  Every operation except logging in, refreshing and the provider's payment callback needs a bearer
  access token: without one the answer is 401 with a "WWW-Authenticate: Bearer" header (checked by
  the contract). Expired and misused tokens are covered in auth.feature.

  Scenario Outline: An operation called without a token is refused with 401
    When someone calls <operation> without a token
    Then the response status is 401
    And the response explains the error

    @API-2.1
    Examples: experts list
      | operation        |
      | the experts list |

    @API-2.2
    Examples: expert card
      | operation      |
      | an expert card |

    @API-3.1
    Examples: expert calendar
      | operation          |
      | an expert calendar |

    @API-3.2
    Examples: client calendar
      | operation           |
      | the client calendar |

    @API-3.3
    Examples: free slots
      | operation      |
      | the free slots |

    @API-3.4
    Examples: weekly schedule
      | operation           |
      | the weekly schedule |

    @API-3.5
    Examples: extra range
      | operation      |
      | an extra range |

    @API-3.6
    Examples: booking
      | operation |
      | a booking |

    @API-3.7
    Examples: reschedule
      | operation    |
      | a reschedule |

    @API-3.8
    Examples: cancellation
      | operation      |
      | a cancellation |

    @API-3.9
    Examples: rating
      | operation |
      | a rating  |

    @API-4.1
    Examples: checkout
      | operation  |
      | a checkout |

    @API-4.3
    Examples: payment status
      | operation        |
      | a payment status |
