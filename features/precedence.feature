Feature: The order of precedence of DOMAIN.md, through allocator decide
  The interpretation the rule set encodes, in order: a Defence nexus goes to ADIV; abroad goes
  to ADIV; an art. 8 threat in Belgium without a Defence nexus goes to VSSE; a criminal
  organisation with no link to an art. 8 threat has no intelligence lead and goes to the
  police. Then the topic-specific points. Each row is asked through the command line exactly
  as a duty officer would.

  Scenario Outline: Who leads, as DOMAIN.md describes it
    When the duty officer runs "allocator decide --topic <topic> --location <location> --actor <actor> --target <target> --format json"
    Then the exit status is 0
    And the JSON field "lead" is "<lead>"

    Examples: 1. A Defence nexus goes to ADIV: a military actor, a Defence target, a military location
      | topic         | location              | actor            | target               | lead |
      | terrorism     | belgium               | belgian-military | unspecified          | adiv |
      | espionage     | belgium               | foreign-military | unspecified          | adiv |
      | extremism     | belgium               | extremist-group  | defence              | adiv |
      | interference  | belgium               | state-proxy      | armed-forces-mission | adiv |
      | espionage     | belgium               | company          | allied-forces        | adiv |
      | espionage     | belgium               | company          | defence-industry     | adiv |
      | terrorism     | military-site         | terrorist-group  | unspecified          | adiv |
      | proliferation | defence-industry-site | company          | unspecified          | adiv |
      | espionage     | nato-site             | state-proxy      | unspecified          | adiv |
      | terrorism     | operations-theatre    | terrorist-group  | unspecified          | adiv |
      | cyber-attack  | military-network      | unknown          | unspecified          | adiv |

    Examples: 2. Abroad goes to ADIV
      | topic           | location | actor            | target      | lead |
      | terrorism       | abroad   | terrorist-group  | unspecified | adiv |
      | espionage       | abroad   | foreign-national | unspecified | adiv |
      | proliferation   | abroad   | company          | unspecified | adiv |
      | belgians-abroad | abroad   | unknown          | unspecified | adiv |
      | belgians-abroad | belgium  | unknown          | unspecified | adiv |

    Examples: 3. An art. 8 threat in Belgium without a Defence nexus goes to VSSE
      | topic                  | location                  | actor                        | target             | lead |
      | terrorism              | belgium                   | terrorist-group              | population         | vsse |
      | radicalisation         | civil-network             | lone-actor                   | unspecified        | vsse |
      | extremism              | belgium                   | extremist-group              | unspecified        | vsse |
      | espionage              | international-institution | foreign-intelligence-service | government         | vsse |
      | interference           | belgium                   | state-proxy                  | government         | vsse |
      | disinformation         | civil-network             | state-proxy                  | democratic-process | vsse |
      | proliferation          | belgium                   | company                      | unspecified        | vsse |
      | sectarian-organisation | belgium                   | sectarian-group              | population         | vsse |
      | terrorism-financing    | belgium                   | belgian-civilian             | unspecified        | vsse |

    Examples: 4. A criminal organisation with no art. 8 link goes to the police; linked, to VSSE
      | topic                 | location | actor                 | target             | lead |
      | criminal-organisation | belgium  | criminal-organisation | unspecified        | none |
      | criminal-organisation | belgium  | criminal-organisation | economy-science    | none |
      | criminal-organisation | belgium  | terrorist-group       | unspecified        | vsse |
      | criminal-organisation | belgium  | criminal-organisation | democratic-process | vsse |

    Examples: The topic-specific points
      | topic                   | location      | actor            | target           | lead |
      | cyber-attack            | civil-network | state-proxy      | economy-science  | vsse |
      | military-security       | belgium       | belgian-civilian | unspecified      | adiv |
      | economic-potential      | belgium       | company          | economy-science  | vsse |
      | economic-potential      | belgium       | company          | defence-industry | adiv |
      | foreign-military-threat | belgium       | foreign-military | unspecified      | adiv |
      | protection-of-persons   | belgium       | lone-actor       | public-figure    | vsse |
      | protection-of-persons   | military-site | lone-actor       | defence          | adiv |
      | security-screening      | military-site | belgian-military | unspecified      | adiv |
      | security-screening      | belgium       | belgian-civilian | unspecified      | vsse |
