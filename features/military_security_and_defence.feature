Feature: Military security and foreign military threats
  Theft, leaks and subversion inside Defence (military security), and threats from foreign
  armed forces to the territory or the defence plans, are Defence matters by nature (art. 11
  of the Organic Law of 30 November 1998): ADIV leads wherever they play out and whoever is
  behind them. Where an art. 8 actor is behind it (a terrorist group, a foreign intelligence
  service), VSSE is competent too and a partner. A civilian or a contractor leaking Defence
  secrets puts the clearances the National Security Authority granted at stake; for Defence
  personnel the head of ADIV is the security authority, so the National Security Authority is
  not involved. A foreign military threat is one of ADIV's own external mandates, shared with
  NATO, the EU and Foreign Affairs, and strategic: the SCIV prepares, the National Security
  Council decides. The OSCE is brought in only where arms control or military
  confidence-building is at stake. An allied headquarters in Belgium brings in NATO; a threat
  to allied forces brings in NATO and the allied services.

  Scenario: Rifles go missing from a barracks armoury
    Given a case about "military-security" in "military-site" involving a "belgian-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "exclusive"
    And the competent services are "adiv"
    And the partners are "none"
    And "national-security-authority" is not among the partners
    And the consultation is "liaison"
    And the decision rests on rules "military-security.lead, fact.defence-nexus.location, competence.adiv.defence-nexus"
    And the decision does not rest on rule "military-security.national-security-authority"

  Scenario: A defence contractor leaks classified plans from a Brussels office
    Given a case about "military-security" in "belgium" involving a "company"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "exclusive"
    And the partners are "national-security-authority"
    And the fact "defence-nexus" holds
    And the decision rests on rules "fact.defence-nexus.topic, military-security.national-security-authority"

  Scenario: A foreign service steals Defence secrets at an EU building
    Given a case about "military-security" in "international-institution" involving a "foreign-intelligence-service"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And the partners are "eu, vsse"
    And the decision rests on rules "military-security.lead, competence.foreign-intelligence-service, general.international-institution"
    And the decision does not rest on rule "military-security.national-security-authority"

  Scenario: Someone photographs the perimeter of the allied headquarters
    Given a case about "military-security" in "nato-site" involving an "unknown"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "nato"
    And the decision rests on rules "military-security.lead, general.nato"

  Scenario: Equipment of the contingent is sabotaged in the operations theatre
    Given a case about "military-security" in "operations-theatre" involving an "unknown"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "exclusive"
    And "vsse" is not among the partners
    And the fact "abroad" holds
    And the decision rests on rules "military-security.lead, fact.abroad"

  Scenario: A terrorist cell prepares to steal explosives from an ammunition depot in Belgium
    Given a case about "military-security" in "military-site" involving a "terrorist-group"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the partners are "ocad, vsse"
    And the fact "art8-threat" holds
    And the decision rests on rules "military-security.lead, fact.art8-threat.actor, competence.vsse.art8"

  Scenario: A foreign army probes the Belgian defence plans
    Given a case about "foreign-military-threat" in "belgium" involving a "foreign-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "exclusive"
    And the competent services are "adiv"
    And the partners are "eu, foreign-affairs, nato"
    And "vsse" is not among the partners
    And "osce" is not among the partners
    And the consultation is "liaison, sciv, nvr"
    And the decision rests on rules "foreign-military-threat.lead, foreign-military-threat.strategic, fact.defence-nexus.topic"

  Scenario: A neighbouring army conceals manoeuvres notifiable under the Vienna Document
    Given a case about "foreign-military-threat" in "abroad" involving a "foreign-military"
    And the case is flagged "arms-control"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "eu, foreign-affairs, nato, osce"
    And the decision rests on rules "foreign-military-threat.lead, flag.arms-control"

  Scenario: Hostile jets shadow allied aircraft over the North Sea
    Given a case about "foreign-military-threat" in "abroad" involving a "foreign-military"
    And the target is "allied-forces"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And "foreign-services" is among the partners
    And "nato" is among the partners
    And the consultation goes through "sciv, nvr"
    And the decision rests on rules "foreign-military-threat.lead, general.allied-forces"

  Scenario Outline: Military security is ADIV's in every setting
    Given a case about "military-security" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the competence is "<competence>"
    And the partners are "<partners>"
    And the consultation is "liaison"
    And the decision rests on rule "<rule>"

    Examples: In Belgium, at an international institution or online: still ADIV, the topic is a Defence matter
      | location                  | actor                        | target        | lead | competence | partners                    | rule                                          |
      | belgium                   | belgian-civilian             | defence       | adiv | exclusive  | national-security-authority | military-security.national-security-authority |
      | belgium                   | criminal-organisation        | allied-forces | adiv | exclusive  | foreign-services, nato      | general.allied-forces                         |
      | international-institution | unknown                      | unspecified   | adiv | exclusive  | eu                          | general.international-institution             |
      | civil-network             | foreign-intelligence-service | defence       | adiv | shared     | vsse                        | competence.foreign-intelligence-service       |
      | civil-network             | unknown                      | unspecified   | adiv | exclusive  |                             | fact.defence-nexus.topic                      |

    Examples: Defence nexus by place
      | location              | actor            | target           | lead | competence | partners                    | rule                                          |
      | defence-industry-site | company          | defence-industry | adiv | exclusive  | national-security-authority | military-security.national-security-authority |
      | nato-site             | foreign-military | unspecified      | adiv | exclusive  | nato                        | general.nato                                  |
      | military-network      | unknown          | unspecified      | adiv | exclusive  |                             | fact.defence-nexus.location                   |

    Examples: Abroad
      | location           | actor            | target               | lead | competence | partners | rule                   |
      | abroad             | belgian-military | armed-forces-mission | adiv | exclusive  |          | military-security.lead |
      | operations-theatre | foreign-military | armed-forces-mission | adiv | exclusive  |          | fact.abroad            |
      | abroad             | unknown          | defence              | adiv | exclusive  |          | military-security.lead |

  Scenario Outline: A foreign military threat is ADIV's and strategic in every setting
    Given a case about "foreign-military-threat" in "<location>" involving a "<actor>"
    And the target is "<target>"
    And the case is flagged "<flags>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And "nato" is among the partners
    And "eu" is among the partners
    And "foreign-affairs" is among the partners
    And the consultation is "<consultation>"
    And the decision rests on rule "<rule>"

    Examples: In Belgium, at an international institution or online
      | location                  | actor            | target                  | flags    | lead | consultation                    | rule                              |
      | belgium                   | unknown          | critical-infrastructure |          | adiv | liaison, sciv, nvr              | fact.defence-nexus.topic          |
      | belgium                   | foreign-military | critical-infrastructure | imminent | adiv | liaison, crisis-cell, sciv, nvr | flag.imminent                     |
      | international-institution | state-proxy      | unspecified             |          | adiv | liaison, sciv, nvr              | general.international-institution |
      | civil-network             | foreign-military | government              |          | adiv | liaison, sciv, nvr              | foreign-military-threat.strategic |

    Examples: Defence nexus by place or target
      | location         | actor            | target        | flags    | lead | consultation             | rule                         |
      | military-site    | foreign-military | defence       |          | adiv | liaison, sciv, nvr       | foreign-military-threat.lead |
      | nato-site        | state-proxy      | allied-forces |          | adiv | liaison, sciv, nvr       | general.nato                 |
      | military-network | foreign-military | defence       | disputed | adiv | liaison, cciv, sciv, nvr | flag.disputed                |

    Examples: Abroad
      | location           | actor            | target                   | flags | lead | consultation       | rule                              |
      | abroad             | foreign-military | unspecified              |       | adiv | liaison, sciv, nvr | foreign-military-threat.strategic |
      | operations-theatre | foreign-military | armed-forces-mission     |       | adiv | liaison, sciv, nvr | foreign-military-threat.lead      |
      | abroad             | foreign-military | belgian-nationals-abroad |       | adiv | liaison, sciv, nvr | fact.nationals-abroad.target      |

  Scenario Outline: Who is brought in on a foreign military threat
    Given a case about "foreign-military-threat" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "<competence>"
    And the partners are "<partners>"

    Examples: NATO, the EU and Foreign Affairs, and whoever the case reaches
      | location                  | actor                        | target                   | competence | partners                                    |
      | belgium                   | foreign-military             | unspecified              | exclusive  | eu, foreign-affairs, nato                   |
      | international-institution | state-proxy                  | unspecified              | shared     | eu, foreign-affairs, nato, vsse             |
      | civil-network             | foreign-intelligence-service | critical-infrastructure  | shared     | eu, foreign-affairs, nato, nccn, vsse       |
      | nato-site                 | foreign-military             | unspecified              | exclusive  | eu, foreign-affairs, nato                   |
      | belgium                   | foreign-military             | allied-forces            | exclusive  | eu, foreign-affairs, foreign-services, nato |
      | abroad                    | foreign-military             | belgian-nationals-abroad | exclusive  | eu, foreign-affairs, nato                   |
