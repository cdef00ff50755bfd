Feature: Espionage, interference and disinformation
  Espionage (art. 8, 1°, a of the Organic Law of 30 November 1998) and interference (art. 8,
  1°, g; disinformation is read as interference) are VSSE's under art. 7, 1°, from wherever
  they are run and wherever the target is: a Belgian diplomat approached in a foreign capital
  is a VSSE case, with Foreign Affairs. Since the law of 29 January 2016 both services are
  competent for the activities of foreign intelligence services on Belgian territory, and the
  target decides who leads: ADIV with a Defence nexus (art. 11; allied headquarters included,
  a choice of this rule set), VSSE for government, civil institutions, companies and research.
  Interference and disinformation aimed at Defence or the armed forces' missions are hybrid
  threats for ADIV.
  For espionage, interference, disinformation and sabotage by a foreign intelligence service
  or a foreign military, a civil target given with the case decides: VSSE leads and ADIV is
  competent too (a foreign military influencing an election is not a threat "by military
  means"). Without a target the actor's nature decides: a foreign military goes to ADIV.
  Foreign Affairs takes part where diplomats are involved. The OSCE is not brought in by an
  election case as such.

  Scenario: A foreign service recruits a ministry official in Brussels
    Given a case about "espionage" in "belgium" involving a "foreign-intelligence-service"
    And the target is "government"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And the partners are "adiv, foreign-affairs"
    And the decision rests on rules "foreign-service.civil-target, competence.foreign-intelligence-service, espionage.diplomats"

  Scenario: A foreign intelligence officer under diplomatic cover works in Brussels
    Given a case about "espionage" in "belgium" involving a "foreign-intelligence-service"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And the partners are "adiv, foreign-affairs"
    And the decision rests on rules "espionage.art8-threat, espionage.diplomats, competence.foreign-intelligence-service"

  Scenario: A Belgian diplomat is approached by a foreign service in a foreign capital
    Given a case about "espionage" in "abroad" involving a "foreign-intelligence-service"
    And the target is "government"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And "foreign-affairs" is among the partners
    And "adiv" is among the partners
    And "foreign-services" is among the partners
    And the decision rests on rules "foreign-service.civil-target, general.diplomats-abroad, general.collection-abroad"
    And the decision does not rest on rule "competence.foreign-intelligence-service"

  Scenario: A foreign service spies on the NATO headquarters
    Given a case about "espionage" in "nato-site" involving a "foreign-intelligence-service"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the partners are "foreign-affairs, nato, vsse"
    And the decision rests on rules "espionage.defence-nexus, fact.defence-nexus.location, general.nato"

  Scenario: Foreign military intelligence cultivates a senior civil servant
    Given a case about "espionage" in "belgium" involving a "foreign-military"
    And the target is "government"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And the partners are "adiv, foreign-affairs"
    And the decision rests on rule "foreign-service.civil-target"
    And the decision does not rest on rule "espionage.defence-nexus"

  Scenario: Foreign military intelligence is at work in Belgium, its target unknown
    Given a case about "espionage" in "belgium" involving a "foreign-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the partners are "foreign-affairs, vsse"
    And the decision rests on rules "espionage.defence-nexus, fact.defence-nexus.actor"

  Scenario: A foreign company steals the plans of a defence contractor
    Given a case about "espionage" in "belgium" involving a "company"
    And the target is "defence-industry"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the partners are "national-security-authority, vsse"
    And the decision rests on rules "espionage.defence-nexus, espionage.defence-industry"

  Scenario Outline: Who leads an espionage case
    Given a case about "espionage" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the decision rests on rule "<rule>"

    Examples: Civil targets in Belgium: VSSE
      | location                  | actor                        | target          | lead | partners                  | rule                         |
      | belgium                   | company                      | economy-science | vsse |                           | espionage.art8-threat        |
      | international-institution | foreign-intelligence-service | unspecified     | vsse | adiv, eu, foreign-affairs | espionage.art8-threat        |
      | civil-network             | state-proxy                  | government      | vsse |                           | espionage.art8-threat        |
      | military-site             | foreign-intelligence-service | government      | vsse | adiv, foreign-affairs     | foreign-service.civil-target |

    Examples: Defence nexus: ADIV
      | location              | actor                        | target        | lead | partners                                      | rule                    |
      | belgium               | foreign-intelligence-service | defence       | adiv | foreign-affairs, vsse                         | espionage.defence-nexus |
      | belgium               | foreign-intelligence-service | allied-forces | adiv | foreign-affairs, foreign-services, nato, vsse | general.allied-forces   |
      | defence-industry-site | company                      | unspecified   | adiv | vsse                                          | espionage.defence-nexus |
      | operations-theatre    | foreign-intelligence-service | unspecified   | adiv | foreign-services, vsse                        | espionage.defence-nexus |
      | military-site         | foreign-military             | public-figure | adiv | foreign-affairs, vsse                         | espionage.defence-nexus |

    Examples: Abroad: still VSSE, ADIV collects and the foreign services help
      | location | actor                        | target          | lead | partners                                | rule                            |
      | abroad   | foreign-intelligence-service | unspecified     | vsse | adiv, foreign-services                  | espionage.art8-threat           |
      | abroad   | foreign-intelligence-service | economy-science | vsse | adiv, foreign-services                  | foreign-service.civil-target    |
      | abroad   | state-proxy                  | economy-science | vsse | adiv, foreign-services                  | general.foreign-partners-abroad |
      | abroad   | foreign-military             | government      | vsse | adiv, foreign-affairs, foreign-services | general.diplomats-abroad        |

  Scenario: A state-run troll farm targets the federal elections
    Given a case about "disinformation" in "civil-network" involving a "state-proxy"
    And the target is "democratic-process"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the partners are "foreign-affairs"
    And "osce" is not among the partners
    And the decision rests on rules "interference.art8-threat, interference.state-actor"

  Scenario: A state proxy runs an influence campaign against the Belgian elections from abroad
    Given a case about "interference" in "abroad" involving a "state-proxy"
    And the target is "democratic-process"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And the partners are "adiv, foreign-affairs, foreign-services"
    And "osce" is not among the partners
    And the decision rests on rules "interference.art8-threat, general.collection-abroad, general.foreign-partners-abroad"
    And the decision does not rest on rule "interference.defence-nexus"

  Scenario: A foreign military influences a Belgian election
    Given a case about "interference" in "belgium" involving a "foreign-military"
    And the target is "democratic-process"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And "adiv" is among the partners
    And "osce" is not among the partners
    And the fact "defence-nexus" holds
    And the decision rests on rule "foreign-service.civil-target"
    And the decision does not rest on rule "interference.defence-nexus"

  Scenario: A foreign military runs an influence operation in Belgium, its target not yet known
    Given a case about "interference" in "belgium" involving a "foreign-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And the partners are "vsse"
    And the decision rests on rules "interference.defence-nexus, fact.defence-nexus.actor"
    And the decision does not rest on rule "foreign-service.civil-target"

  Scenario: A hybrid campaign against a Belgian contingent deployed abroad
    Given a case about "disinformation" in "operations-theatre" involving a "state-proxy"
    And the target is "armed-forces-mission"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the partners are "foreign-affairs, foreign-services, vsse"
    And the decision rests on rule "interference.defence-nexus"

  Scenario Outline: Who leads an interference or disinformation case
    Given a case about "<topic>" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the competence is "<competence>"
    And the partners are "<partners>"
    And the decision rests on rule "<rule>"

    Examples: Civil targets: VSSE
      | topic          | location                  | actor                        | target             | lead | competence | partners              | rule                         |
      | interference   | belgium                   | foreign-intelligence-service | government         | vsse | shared     | adiv, foreign-affairs | foreign-service.civil-target |
      | interference   | international-institution | state-proxy                  | unspecified        | vsse | exclusive  | eu, foreign-affairs   | interference.state-actor     |
      | disinformation | civil-network             | unknown                      | population         | vsse | exclusive  |                       | interference.art8-threat     |
      | disinformation | civil-network             | foreign-military             | population         | vsse | shared     | adiv                  | foreign-service.civil-target |
      | interference   | nato-site                 | foreign-military             | democratic-process | vsse | shared     | adiv, nato            | foreign-service.civil-target |
      | interference   | belgium                   | extremist-group              | democratic-process | vsse | exclusive  | ocad                  | general.ocad-terrorist-actor |

    Examples: Aimed at Defence, or a foreign military without a target: ADIV
      | topic          | location         | actor            | target      | lead | competence | partners               | rule                       |
      | interference   | belgium          | state-proxy      | defence     | adiv | shared     | foreign-affairs, vsse  | interference.defence-nexus |
      | disinformation | military-network | foreign-military | unspecified | adiv | shared     | vsse                   | interference.defence-nexus |
      | interference   | abroad           | foreign-military | unspecified | adiv | shared     | foreign-services, vsse | interference.defence-nexus |

    Examples: Run from abroad: still VSSE
      | topic          | location | actor            | target             | lead | competence | partners                                | rule                            |
      | interference   | abroad   | state-proxy      | democratic-process | vsse | exclusive  | adiv, foreign-affairs, foreign-services | interference.art8-threat        |
      | disinformation | abroad   | unknown          | unspecified        | vsse | exclusive  | adiv, foreign-services                  | general.foreign-partners-abroad |
      | disinformation | abroad   | foreign-military | democratic-process | vsse | shared     | adiv, foreign-services                  | foreign-service.civil-target    |
