Feature: Military security and foreign military threats
  Sabotage, weapon theft and leaks in Defence, and threats from foreign armed forces, are
  Defence matters by nature (art. 11 of the Organic Law): ADIV leads wherever they play out
  and whoever is behind them, in a Brussels office as on a barracks or abroad. An insider
  puts classified information and clearances at stake, so the National Security Authority
  reviews them. A foreign military threat is shared with NATO, the EU and Foreign Affairs
  and is strategic: the SCIV prepares, the National Security Council decides. An allied
  headquarters in Belgium brings in NATO; a threat to allied forces brings in NATO and the
  allied services.

  Scenario: Rifles go missing from a barracks armoury
    Given a case about "military-security" in "military-site" involving a "belgian-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "national-security-authority"
    And the consultation is "liaison"
    And the decision rests on rules "military-security.lead, military-security.national-security-authority, fact.defence-nexus.location"

  Scenario: A defence contractor leaks classified plans from a Brussels office
    Given a case about "military-security" in "belgium" involving a "company"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "national-security-authority"
    And the fact "defence-nexus" holds
    And the fact "civil-setting" does not hold
    And the decision rests on rules "fact.defence-nexus.topic, military-security.national-security-authority"

  Scenario: A foreign service steals Defence secrets at an EU building
    Given a case about "military-security" in "international-institution" involving a "foreign-intelligence-service"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "eu, vsse"
    And the decision rests on rules "military-security.lead, general.foreign-service-in-belgium, general.international-institution"
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
    And "vsse" is not among the partners
    And the fact "abroad" holds
    And the decision rests on rules "military-security.lead, fact.abroad"

  Scenario: A terrorist cell prepares to sabotage an ammunition depot in Belgium
    Given a case about "military-security" in "military-site" involving a "terrorist-group"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And "vsse" is among the partners
    And "ocad" is among the partners
    And the fact "art8-threat" holds
    And the decision rests on rules "military-security.lead, fact.art8-threat.actor, general.vsse-mandate-touched"

  Scenario: A foreign army probes the Belgian defence plans
    Given a case about "foreign-military-threat" in "belgium" involving a "foreign-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And "nato" is among the partners
    And "eu" is among the partners
    And "foreign-affairs" is among the partners
    And "vsse" is not among the partners
    And the consultation is "liaison, sciv, nvr"
    And the decision rests on rules "foreign-military-threat.lead, foreign-military-threat.strategic, fact.defence-nexus.topic"

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
    And the partners are "<partners>"
    And the consultation is "liaison"
    And the decision rests on rule "<rule>"

    Examples: Civil setting: still ADIV, the topic is a Defence matter
      | location                  | actor                        | target        | lead | partners                    | rule                                          |
      | belgium                   | belgian-civilian             | defence       | adiv | national-security-authority | military-security.national-security-authority |
      | belgium                   | criminal-organisation        | allied-forces | adiv | foreign-services, nato      | general.allied-forces                         |
      | international-institution | unknown                      | unspecified   | adiv | eu                          | general.international-institution             |
      | civil-network             | foreign-intelligence-service | defence       | adiv | vsse                        | general.foreign-service-in-belgium            |
      | civil-network             | unknown                      | unspecified   | adiv |                             | fact.defence-nexus.topic                      |

    Examples: Defence nexus
      | location              | actor            | target           | lead | partners                    | rule                                          |
      | military-site         | belgian-military | unspecified      | adiv | national-security-authority | military-security.lead                        |
      | defence-industry-site | company          | defence-industry | adiv | national-security-authority | military-security.national-security-authority |
      | nato-site             | foreign-military | unspecified      | adiv | nato                        | general.nato                                  |
      | military-network      | unknown          | unspecified      | adiv |                             | fact.defence-nexus.location                   |

    Examples: Abroad
      | location           | actor            | target               | lead | partners                    | rule                   |
      | abroad             | belgian-military | armed-forces-mission | adiv | national-security-authority | military-security.lead |
      | operations-theatre | foreign-military | armed-forces-mission | adiv |                             | fact.abroad            |
      | abroad             | unknown          | defence              | adiv |                             | military-security.lead |

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

    Examples: Civil setting
      | location                  | actor            | target                  | flags    | lead | consultation                    | rule                              |
      | belgium                   | unknown          | critical-infrastructure |          | adiv | liaison, sciv, nvr              | fact.defence-nexus.topic          |
      | belgium                   | foreign-military | critical-infrastructure | imminent | adiv | liaison, crisis-cell, sciv, nvr | flag.imminent                     |
      | international-institution | state-proxy      | unspecified             |          | adiv | liaison, sciv, nvr              | general.international-institution |
      | civil-network             | foreign-military | government              |          | adiv | liaison, sciv, nvr              | foreign-military-threat.strategic |

    Examples: Defence nexus
      | location         | actor            | target        | flags    | lead | consultation             | rule                         |
      | military-site    | foreign-military | defence       |          | adiv | liaison, sciv, nvr       | foreign-military-threat.lead |
      | nato-site        | state-proxy      | allied-forces |          | adiv | liaison, sciv, nvr       | general.nato                 |
      | military-network | foreign-military | defence       | disputed | adiv | liaison, cciv, sciv, nvr | flag.disputed                |

    Examples: Abroad
      | location           | actor            | target                   | flags | lead | consultation       | rule                              |
      | abroad             | foreign-military | unspecified              |       | adiv | liaison, sciv, nvr | foreign-military-threat.strategic |
      | operations-theatre | foreign-military | armed-forces-mission     |       | adiv | liaison, sciv, nvr | foreign-military-threat.lead      |
      | abroad             | foreign-military | belgian-nationals-abroad |       | adiv | liaison, sciv, nvr | general.belgians-abroad-targeted  |

  Scenario Outline: Who is brought in on a foreign military threat
    Given a case about "foreign-military-threat" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "<partners>"

    Examples: NATO, the EU and Foreign Affairs, and whoever the case reaches
      | location                  | actor                        | target                   | partners                                    |
      | belgium                   | foreign-military             | unspecified              | eu, foreign-affairs, nato                   |
      | international-institution | state-proxy                  | unspecified              | eu, foreign-affairs, nato, vsse             |
      | civil-network             | foreign-intelligence-service | critical-infrastructure  | eu, foreign-affairs, nato, nccn, vsse       |
      | nato-site                 | foreign-military             | unspecified              | eu, foreign-affairs, nato                   |
      | belgium                   | foreign-military             | allied-forces            | eu, foreign-affairs, foreign-services, nato |
      | abroad                    | foreign-military             | belgian-nationals-abroad | eu, foreign-affairs, nato, nccn             |
