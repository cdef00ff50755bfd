Feature: Espionage
  Both services are competent for foreign intelligence activities on Belgian territory; the
  target decides who leads: ADIV with a Defence nexus (NATO sites included) and abroad, VSSE
  for government, civil institutions, companies and research.

  Scenario: A foreign service recruits a ministry official in Brussels
    Given a case about "espionage" in "belgium" involving a "foreign-intelligence-service"
    And the target is "government"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "adiv, foreign-affairs"
    And the decision rests on rules "espionage.civil-setting, general.foreign-service-in-belgium, espionage.diplomats"

  Scenario: A foreign service spies on the NATO headquarters
    Given a case about "espionage" in "nato-site" involving a "foreign-intelligence-service"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And "vsse" is among the partners
    And "foreign-affairs" is among the partners
    And the decision rests on rules "espionage.defence-nexus, fact.defence-nexus.location"

  Scenario: A foreign service's activity abroad
    Given a case about "espionage" in "abroad" involving a "foreign-intelligence-service"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And "vsse" is not among the partners
    And "foreign-affairs" is not among the partners
    And the decision rests on rule "espionage.abroad"
    And the decision does not rest on rule "general.foreign-service-in-belgium"

  Scenario Outline: Who leads an espionage case
    Given a case about "espionage" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the decision rests on rule "<rule>"

    Examples: The target decides
      | location                 | actor                        | target          | lead | partners                    | rule                    |
      | belgium                  | company                      | economy-science | vsse | none                        | espionage.civil-setting |
      | international-institution | foreign-intelligence-service | unspecified    | vsse | adiv, foreign-affairs       | espionage.civil-setting |
      | civil-network            | state-proxy                  | government      | vsse | none                        | espionage.civil-setting |
      | belgium                  | foreign-intelligence-service | defence         | adiv | foreign-affairs, vsse       | espionage.defence-nexus |
      | belgium                  | foreign-intelligence-service | allied-forces   | adiv | foreign-affairs, vsse       | espionage.defence-nexus |
      | defence-industry-site    | company                      | unspecified     | adiv | vsse                        | espionage.defence-nexus |
      | operations-theatre       | foreign-intelligence-service | unspecified     | adiv | none                        | espionage.defence-nexus |
      | abroad                   | foreign-intelligence-service | economy-science | adiv | none                        | espionage.abroad        |
