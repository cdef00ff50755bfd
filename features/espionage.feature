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
      | location                  | actor                        | target          | lead | partners                                      | rule                    |
      | belgium                   | company                      | economy-science | vsse | none                                          | espionage.civil-setting |
      | international-institution | foreign-intelligence-service | unspecified     | vsse | adiv, eu, foreign-affairs                     | espionage.civil-setting |
      | civil-network             | state-proxy                  | government      | vsse | none                                          | espionage.civil-setting |
      | belgium                   | foreign-intelligence-service | defence         | adiv | foreign-affairs, vsse                         | espionage.defence-nexus |
      | belgium                   | foreign-intelligence-service | allied-forces   | adiv | foreign-affairs, foreign-services, nato, vsse | espionage.defence-nexus |
      | defence-industry-site     | company                      | unspecified     | adiv | vsse                                          | espionage.defence-nexus |
      | operations-theatre        | foreign-intelligence-service | unspecified     | adiv | foreign-services                              | espionage.defence-nexus |
      | abroad                    | foreign-intelligence-service | economy-science | adiv | foreign-services                              | espionage.abroad        |

  Scenario: A state-run troll farm targets the federal elections
    Given a case about "disinformation" in "civil-network" involving a "state-proxy"
    And the target is "democratic-process"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "foreign-affairs, osce"
    And the decision rests on rules "interference.civil-setting, interference.state-actor, interference.elections"

  Scenario: A hybrid campaign against a Belgian contingent deployed abroad
    Given a case about "disinformation" in "operations-theatre" involving a "state-proxy"
    And the target is "armed-forces-mission"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the decision rests on rule "interference.defence-nexus"
    And "foreign-affairs" is among the partners

  Scenario: A foreign company steals the plans of a defence contractor
    Given a case about "espionage" in "belgium" involving a "company"
    And the target is "defence-industry"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "national-security-authority, vsse"
    And the decision rests on rules "espionage.defence-nexus, espionage.defence-industry"

  Scenario Outline: Who leads an interference or disinformation case
    Given a case about "<topic>" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the decision rests on rule "<rule>"

    Examples: VSSE in the civil setting, ADIV for hybrid threats to Defence and abroad
      | topic          | location                  | actor                        | target             | lead | partners                                      | rule                       |
      | interference   | belgium                   | foreign-intelligence-service | government         | vsse | adiv, foreign-affairs                         | interference.civil-setting |
      | interference   | international-institution | state-proxy                  | unspecified        | vsse | eu, foreign-affairs                           | interference.civil-setting |
      | disinformation | civil-network             | unknown                      | population         | vsse |                                               | interference.civil-setting |
      | interference   | belgium                   | state-proxy                  | defence            | adiv | foreign-affairs, vsse                         | interference.defence-nexus |
      | disinformation | military-network          | foreign-military             | unspecified        | adiv | vsse                                          | interference.defence-nexus |
      | interference   | abroad                    | state-proxy                  | democratic-process | adiv | foreign-affairs, foreign-services, osce, vsse | interference.abroad        |
      | disinformation | abroad                    | unknown                      | unspecified        | adiv | foreign-services, vsse                        | interference.abroad        |
