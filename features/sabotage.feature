Feature: Sabotage of infrastructure
  Sabotage by a state, a proxy or an extremist group is not a letter of art. 8 of the Organic
  Law of 30 November 1998: it rests on the threat behind it, the activities of foreign services
  in Belgium (both services, law of 29 January 2016), interference (art. 8, 1°, g), terrorism
  (b) or extremism (c). VSSE leads for civil infrastructure (art. 7, 1°), with ADIV competent
  too when the saboteur is a foreign intelligence service or a foreign military (a civil target
  decides the lead for them). ADIV leads with a Defence nexus (art. 11: military sites and
  networks, and infrastructure serving military mobility, described by its target
  armed-forces-mission); VSSE is then competent too. The National Crisis Centre coordinates the
  protection of critical entities (law of 19 December 2025 on the resilience of critical
  entities); the CCB joins when the sabotage is cyber (NIS2 law of 26 April 2024).

  Scenario: A state proxy sabotages a high-voltage substation of the power grid
    Given a case about "sabotage" in "belgium" involving a "state-proxy"
    And the target is "critical-infrastructure"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And the partners are "nccn"
    And the consultation is "liaison"
    And the fact "art8-threat" holds
    And the decision rests on rules "sabotage.art8-threat, sabotage.nccn, fact.art8-threat.sabotage, general.critical-infrastructure"

  Scenario: A foreign intelligence service places explosives on a gas pipeline in Belgium
    Given a case about "sabotage" in "belgium" involving a "foreign-intelligence-service"
    And the target is "critical-infrastructure"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And the partners are "adiv, nccn"
    And the decision rests on rules "foreign-service.civil-target, competence.foreign-intelligence-service"

  Scenario: Divers of a foreign navy damage an undersea power cable off the Belgian coast
    Given a case about "sabotage" in "belgium" involving a "foreign-military"
    And the target is "critical-infrastructure"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And "nccn" is among the partners
    And "adiv" is among the partners
    And the decision rests on rule "foreign-service.civil-target"
    And the decision does not rest on rule "sabotage.defence-nexus"

  Scenario: Saboteurs paid by a foreign state set fire to vehicles inside a barracks
    Given a case about "sabotage" in "military-site" involving a "state-proxy"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And the partners are "vsse"
    And "nccn" is not among the partners
    And the decision rests on rules "sabotage.defence-nexus, fact.defence-nexus.location"
    And the decision does not rest on rule "sabotage.nccn"

  Scenario: An extremist group sabotages an ammunition depot
    Given a case about "sabotage" in "military-site" involving an "extremist-group"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the partners are "ocad, vsse"
    And the decision rests on rules "sabotage.defence-nexus, general.ocad-terrorist-actor"

  Scenario: A state proxy hacks the control systems of a water utility
    Given a case about "sabotage" in "civil-network" involving a "state-proxy"
    And the target is "critical-infrastructure"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the partners are "ccb, nccn"
    And the decision rests on rules "sabotage.cyber, sabotage.nccn"

  Scenario: A railway line used for military deployments is sabotaged
    Given a case about "sabotage" in "belgium" involving a "state-proxy"
    And the target is "armed-forces-mission"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the partners are "vsse"
    And the decision rests on rules "sabotage.defence-nexus, fact.defence-nexus.target"

  Scenario: A sabotage attack on the power grid is under way
    Given a case about "sabotage" in "belgium" involving a "state-proxy"
    And the target is "critical-infrastructure"
    And the case is flagged "imminent"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "nccn"
    And the consultation is "liaison, crisis-cell"
    And the decision rests on rule "flag.imminent"

  Scenario Outline: Who leads a sabotage case
    Given a case about "sabotage" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the competence is "<competence>"
    And the partners are "<partners>"
    And the decision rests on rule "<rule>"

    Examples: Civil infrastructure: VSSE leads, ADIV competent too for a foreign service or military
      | location                  | actor                        | target                  | lead | competence | partners        | rule                              |
      | belgium                   | extremist-group              | critical-infrastructure | vsse | exclusive  | nccn, ocad      | sabotage.art8-threat              |
      | international-institution | state-proxy                  | unspecified             | vsse | exclusive  | eu, nccn        | general.international-institution |
      | civil-network             | foreign-intelligence-service | critical-infrastructure | vsse | shared     | adiv, ccb, nccn | sabotage.cyber                    |
      | military-site             | foreign-intelligence-service | critical-infrastructure | vsse | shared     | adiv, nccn      | foreign-service.civil-target      |

    Examples: Defence nexus: ADIV leads, VSSE competent too
      | location              | actor                        | target           | lead | competence | partners   | rule                        |
      | military-network      | foreign-military             | unspecified      | adiv | shared     | vsse       | sabotage.defence-nexus      |
      | nato-site             | foreign-intelligence-service | unspecified      | adiv | shared     | nato, vsse | general.nato                |
      | defence-industry-site | state-proxy                  | defence-industry | adiv | shared     | vsse       | fact.defence-nexus.location |
      | belgium               | foreign-military             | unspecified      | adiv | shared     | nccn, vsse | fact.defence-nexus.actor    |

    Examples: Abroad: VSSE for civil infrastructure; ADIV for a foreign military with no target named, or where Belgian forces are deployed
      | location           | actor            | target                  | lead | competence | partners                     | rule                            |
      | abroad             | state-proxy      | critical-infrastructure | vsse | exclusive  | adiv, foreign-services, nccn | general.collection-abroad       |
      | abroad             | foreign-military | unspecified             | adiv | shared     | foreign-services, nccn, vsse | sabotage.defence-nexus          |
      | operations-theatre | state-proxy      | unspecified             | adiv | shared     | foreign-services, vsse       | general.foreign-partners-abroad |
