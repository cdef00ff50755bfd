Feature: Competence: which services' mandates a case falls within
  Competence and lead are two questions, and every decision answers both. A case is within
  VSSE's mandate under art. 7 and 8 of the Organic Law of 30 November 1998 (an art. 8, 1°
  threat wherever it plays out, the protection of persons, the scientific and economic
  potential, the security screening of civilians), within ADIV's under art. 11 (a Defence
  nexus, the security of Belgian nationals abroad), and within both for the activities of a
  foreign intelligence service on Belgian territory (law of 29 January 2016). Both is common:
  espionage by a foreign service in Belgium, terrorism with a Defence nexus, a cyber attack on
  civil systems by a foreign military. The lead is still one service; where both are competent
  the competence is "shared". A service that only helps (ADIV collecting abroad for a VSSE
  case) is a partner, not competent. Organised crime with no art. 8 link is within neither
  mandate.

  Scenario: A foreign intelligence service spies on a Belgian ministry: both services are competent
    Given a case about "espionage" in "belgium" involving a "foreign-intelligence-service"
    And the target is "government"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And "adiv" is among the partners
    And the decision rests on rules "competence.foreign-intelligence-service, competence.vsse.art8"

  Scenario: A terrorist cell targets an air base: both services are competent, ADIV leads
    Given a case about "terrorism" in "military-site" involving a "terrorist-group"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And "vsse" is among the partners
    And the decision rests on rules "competence.adiv.defence-nexus, competence.vsse.art8"

  Scenario: A foreign military hacks a civil network: both services are competent
    Given a case about "cyber-attack" in "civil-network" involving a "foreign-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And the decision rests on rules "competence.adiv.defence-nexus, competence.vsse.art8, fact.art8-threat.state-cyber"

  Scenario: A foreign military service tries to sway a Belgian election: VSSE leads, ADIV competent too
    Given a case about "interference" in "belgium" involving a "foreign-military"
    And the target is "democratic-process"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And the decision rests on rules "foreign-service.civil-target, competence.adiv.defence-nexus"

  Scenario: A foreign military's influence operation with no target named stays with ADIV
    Given a case about "interference" in "belgium" involving a "foreign-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And the decision rests on rule "interference.defence-nexus"

  Scenario: Terrorists threaten Belgians abroad: ADIV's mandate and VSSE's meet
    Given a case about "belgians-abroad" in "abroad" involving a "terrorist-group"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And the decision rests on rules "competence.adiv.nationals-abroad, competence.vsse.art8"

  Scenario: A soldier steals classified documents: ADIV alone is competent
    Given a case about "military-security" in "military-site" involving a "belgian-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "exclusive"
    And the competent services are "adiv"
    And the decision rests on rule "competence.adiv.defence-nexus"
    And the decision does not rest on rule "competence.vsse.art8"

  Scenario: A lone actor plans an attack in Belgium: VSSE alone is competent
    Given a case about "terrorism" in "belgium" involving a "lone-actor"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And the decision rests on rule "competence.vsse.art8"
    And the decision does not rest on rule "competence.adiv.defence-nexus"

  Scenario: ADIV collecting abroad for a VSSE case is a partner, not a competent service
    Given a case about "terrorism" in "abroad" involving a "terrorist-group"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And "adiv" is among the partners
    And the decision rests on rule "general.collection-abroad"

  Scenario: A foreign service at work abroad is not within the 2016 mission on Belgian territory
    Given a case about "espionage" in "abroad" involving a "foreign-intelligence-service"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And "adiv" is among the partners
    And the decision does not rest on rule "competence.foreign-intelligence-service"

  Scenario: A drug network with no art. 8 link is within neither service's mandate
    Given a case about "criminal-organisation" in "belgium" involving a "criminal-organisation"
    When the duty officer asks who leads
    Then the lead service is "none"
    And the competence is "none"
    And the competent services are "none"
    And "adiv" is not among the partners
    And "vsse" is not among the partners

  Scenario Outline: Which services are competent
    Given a case about "<topic>" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the competence is "<competence>"
    And the competent services are "<competent>"
    And the decision rests on rule "<rule>"

    Examples: Exclusive: one service's mandate
      | topic                   | location      | actor            | target          | lead | competence | competent | rule                               |
      | protection-of-persons   | belgium       | lone-actor       | public-figure   | vsse | exclusive  | vsse      | competence.vsse.protection         |
      | economic-potential      | belgium       | company          | economy-science | vsse | exclusive  | vsse      | competence.vsse.economic-potential |
      | security-screening      | belgium       | belgian-civilian | unspecified     | vsse | exclusive  | vsse      | competence.vsse.screening          |
      | security-screening      | military-site | belgian-military | unspecified     | adiv | exclusive  | adiv      | competence.adiv.defence-nexus      |
      | foreign-military-threat | abroad        | foreign-military | unspecified     | adiv | exclusive  | adiv      | competence.adiv.defence-nexus      |
      | belgians-abroad         | abroad        | unknown          | unspecified     | adiv | exclusive  | adiv      | competence.adiv.nationals-abroad   |

    Examples: Shared: both mandates, one lead
      | topic                 | location                  | actor                        | target                  | lead | competence | competent  | rule                                    |
      | espionage             | international-institution | foreign-intelligence-service | unspecified             | vsse | shared     | adiv, vsse | competence.foreign-intelligence-service |
      | sabotage              | belgium                   | foreign-intelligence-service | critical-infrastructure | vsse | shared     | adiv, vsse | competence.foreign-intelligence-service |
      | sabotage              | military-site             | state-proxy                  | unspecified             | adiv | shared     | adiv, vsse | competence.adiv.defence-nexus           |
      | protection-of-persons | military-site             | lone-actor                   | defence                 | adiv | shared     | adiv, vsse | competence.vsse.protection              |
      | radicalisation        | belgium                   | belgian-military             | unspecified             | adiv | shared     | adiv, vsse | competence.vsse.art8                    |

    Examples: None: a police matter
      | topic                 | location      | actor                 | target          | lead | competence | competent | rule                 |
      | criminal-organisation | abroad        | criminal-organisation | unspecified     | none | none       | none      | crime.no-art8-link   |
      | cyber-attack          | civil-network | criminal-organisation | economy-science | none | none       | none      | cyber.no-art8-threat |
