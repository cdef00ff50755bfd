Feature: Criminal organisations and harmful sectarian organisations
  Organised crime as such is a police matter: with no link to an art. 8 threat neither service
  leads and the case goes to the Federal Police and the federal prosecutor. A criminal
  organisation is linked to an art. 8 threat when a terrorist, extremist or sectarian group, a
  foreign intelligence service or a state proxy is behind it, or when it aims at the government
  or the democratic process; it is then an art. 8 threat itself: VSSE's in the civil setting,
  ADIV's with a Defence nexus or abroad. Harmful sectarian organisations are an art. 8 threat:
  VSSE leads in the civil setting, ADIV with a Defence nexus or abroad.

  Scenario: A drug trafficking network in the port of Antwerp is a police matter
    Given a case about "criminal-organisation" in "belgium" involving a "criminal-organisation"
    When the duty officer asks who leads
    Then the lead service is "none"
    And the partners are "federal-prosecutor, fedpol"
    And the consultation is "liaison"
    And the fact "art8-link" does not hold
    And the fact "art8-threat" does not hold
    And the decision rests on rule "crime.no-art8-link"
    And the decision does not rest on rule "general.vsse-mandate-touched"

  Scenario: A criminal network launders money for a foreign state
    Given a case about "criminal-organisation" in "belgium" involving a "state-proxy"
    And the case is flagged "financial-component"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "cfi, fedpol"
    And the fact "art8-link" holds
    And the fact "art8-threat" holds
    And the decision rests on rules "crime.civil-setting, fact.art8-link.actor, fact.art8-threat.linked-crime, flag.financial-component"
    And the decision does not rest on rule "crime.no-art8-link"

  Scenario: Organised crime tries to buy votes in municipal elections
    Given a case about "criminal-organisation" in "belgium" involving a "criminal-organisation"
    And the target is "democratic-process"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "fedpol"
    And the fact "art8-link" holds
    And the decision rests on rules "crime.civil-setting, fact.art8-link.target, fact.art8-threat.linked-crime"

  Scenario: A gang steals weapons from a barracks
    Given a case about "criminal-organisation" in "military-site" involving a "criminal-organisation"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "federal-prosecutor, fedpol"
    And "vsse" is not among the partners
    And the fact "defence-nexus" holds
    And the decision rests on rules "crime.defence-nexus, crime.no-art8-link, fact.defence-nexus.location"

  Scenario: A criminal network abroad works for a terrorist group
    Given a case about "criminal-organisation" in "abroad" involving a "terrorist-group"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And "vsse" is among the partners
    And "foreign-services" is among the partners
    And the decision rests on rules "crime.abroad, fact.art8-threat.linked-crime, general.foreign-partners-abroad"

  Scenario: A drug cartel abroad is left to police cooperation
    Given a case about "criminal-organisation" in "abroad" involving a "criminal-organisation"
    When the duty officer asks who leads
    Then the lead service is "none"
    And the partners are "federal-prosecutor, fedpol"
    And the fact "abroad" holds
    And the decision rests on rule "crime.no-art8-link"
    And the decision does not rest on rule "crime.abroad"

  Scenario: A criminal network smuggles weapons for a terrorist cell in Brussels
    Given a case about "criminal-organisation" in "belgium" involving a "terrorist-group"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "fedpol, ocad"
    And the decision rests on rules "crime.civil-setting, general.ocad-terrorist-actor"

  Scenario: A harmful sect recruits vulnerable people in Belgium
    Given a case about "sectarian-organisation" in "belgium" involving a "sectarian-group"
    And the target is "population"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "none"
    And the consultation is "liaison"
    And the decision rests on rules "sect.civil-setting, fact.civil-setting, fact.art8-threat"

  Scenario: A sect recruits among soldiers
    Given a case about "sectarian-organisation" in "belgium" involving a "belgian-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "vsse"
    And the decision rests on rules "sect.defence-nexus, fact.defence-nexus.actor, general.vsse-mandate-touched"

  Scenario: A sect run from abroad has a Belgian branch
    Given a case about "sectarian-organisation" in "abroad" involving a "sectarian-group"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "foreign-services, vsse"
    And the decision rests on rules "sect.abroad, general.foreign-partners-abroad"
    And the decision does not rest on rule "general.vsse-mandate-touched"

  Scenario Outline: Who leads a case about a criminal organisation
    Given a case about "criminal-organisation" in "<location>" involving a "<actor>"
    And the target is "<target>"
    And the case is flagged "<flags>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the consultation is "<consultation>"
    And the decision rests on rule "<rule>"

    Examples: No link to an art. 8 threat: a police matter
      | location                  | actor                 | target          | flags               | lead | partners                            | consultation | rule                     |
      | belgium                   | criminal-organisation | unspecified     |                     | none | federal-prosecutor, fedpol          | liaison      | crime.no-art8-link       |
      | civil-network             | criminal-organisation | economy-science |                     | none | federal-prosecutor, fedpol          | liaison      | crime.no-art8-link       |
      | belgium                   | company               | unspecified     |                     | none | federal-prosecutor, fedpol          | liaison      | crime.no-art8-link       |
      | international-institution | criminal-organisation | unspecified     |                     | none | eu, federal-prosecutor, fedpol      | liaison      | crime.no-art8-link       |
      | belgium                   | criminal-organisation | unspecified     | financial-component | none | cfi, federal-prosecutor, fedpol     | liaison      | flag.financial-component |
      | belgium                   | criminal-organisation | unspecified     | goods-transfer      | none | customs, federal-prosecutor, fedpol | liaison      | flag.goods-transfer      |
      | abroad                    | criminal-organisation | unspecified     |                     | none | federal-prosecutor, fedpol          | liaison      | crime.no-art8-link       |

    Examples: Linked to an art. 8 threat in the civil setting: VSSE leads, the Federal Police informed
      | location                  | actor                        | target             | flags             | lead | partners                   | consultation | rule                               |
      | belgium                   | sectarian-group              | unspecified        |                   | vsse | fedpol                     | liaison      | fact.art8-link.actor               |
      | belgium                   | state-proxy                  | unspecified        |                   | vsse | fedpol                     | liaison      | crime.civil-setting                |
      | belgium                   | foreign-intelligence-service | unspecified        |                   | vsse | adiv, fedpol               | liaison      | general.foreign-service-in-belgium |
      | belgium                   | criminal-organisation        | government         |                   | vsse | fedpol                     | liaison      | fact.art8-link.target              |
      | international-institution | criminal-organisation        | democratic-process |                   | vsse | eu, fedpol                 | liaison      | fact.art8-threat.linked-crime      |
      | civil-network             | state-proxy                  | unspecified        | offence-indicated | vsse | federal-prosecutor, fedpol | liaison      | flag.offence-indicated             |

    Examples: Defence nexus: ADIV leads
      | location           | actor                 | target      | flags | lead | partners                   | consultation | rule                         |
      | military-site      | criminal-organisation | unspecified |       | adiv | federal-prosecutor, fedpol | liaison      | crime.defence-nexus          |
      | belgium            | belgian-military      | unspecified |       | adiv | federal-prosecutor, fedpol | liaison      | fact.defence-nexus.actor     |
      | belgium            | criminal-organisation | defence     |       | adiv | federal-prosecutor, fedpol | liaison      | fact.defence-nexus.target    |
      | operations-theatre | criminal-organisation | unspecified |       | adiv | federal-prosecutor, fedpol | liaison      | crime.defence-nexus          |
      | nato-site          | state-proxy           | unspecified |       | adiv | nato, vsse                 | liaison      | general.vsse-mandate-touched |

    Examples: Abroad and linked to an art. 8 threat: ADIV leads, VSSE and the foreign services informed
      | location | actor                 | target      | flags | lead | partners               | consultation | rule                  |
      | abroad   | state-proxy           | unspecified |       | adiv | foreign-services, vsse | liaison      | crime.abroad          |
      | abroad   | criminal-organisation | government  |       | adiv | foreign-services, vsse | liaison      | fact.art8-link.target |

  Scenario Outline: OCAD is informed of organised crime that serves terrorism or extremism
    Given a case about "criminal-organisation" in "<location>" involving a "<actor>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"

    Examples: A criminal organisation linked to a terrorist or extremist group
      | location      | actor           | lead | partners                     |
      | belgium       | extremist-group | vsse | fedpol, ocad                 |
      | military-site | terrorist-group | adiv | ocad, vsse                   |
      | abroad        | extremist-group | adiv | foreign-services, ocad, vsse |

  Scenario Outline: Who leads a case about a harmful sectarian organisation
    Given a case about "sectarian-organisation" in "<location>" involving a "<actor>"
    And the target is "<target>"
    And the case is flagged "<flags>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the consultation is "<consultation>"
    And the decision rests on rule "<rule>"

    Examples: Civil setting: VSSE leads
      | location                  | actor                        | target        | flags               | lead | partners                   | consultation            | rule                               |
      | belgium                   | sectarian-group              | unspecified   |                     | vsse |                            | liaison                 | sect.civil-setting                 |
      | civil-network             | sectarian-group              | unspecified   |                     | vsse |                            | liaison                 | sect.civil-setting                 |
      | international-institution | sectarian-group              | unspecified   |                     | vsse | eu                         | liaison                 | general.international-institution  |
      | belgium                   | belgian-civilian             | public-figure |                     | vsse |                            | liaison                 | sect.civil-setting                 |
      | belgium                   | foreign-intelligence-service | unspecified   |                     | vsse | adiv                       | liaison                 | general.foreign-service-in-belgium |
      | belgium                   | sectarian-group              | unspecified   | financial-component | vsse | cfi                        | liaison                 | flag.financial-component           |
      | belgium                   | sectarian-group              | unspecified   | offence-indicated   | vsse | federal-prosecutor, fedpol | liaison                 | flag.offence-indicated             |
      | belgium                   | sectarian-group              | unspecified   | imminent            | vsse | nccn                       | liaison, crisis-cell    | flag.imminent                      |
      | belgium                   | sectarian-group              | unspecified   | structural-issue    | vsse |                            | liaison, nsip-committee | flag.structural-issue              |

    Examples: Defence nexus: ADIV leads, VSSE informed
      | location           | actor            | target      | flags | lead | partners               | consultation | rule                      |
      | belgium            | belgian-military | unspecified |       | adiv | vsse                   | liaison      | sect.defence-nexus        |
      | military-site      | sectarian-group  | unspecified |       | adiv | vsse                   | liaison      | sect.defence-nexus        |
      | belgium            | sectarian-group  | defence     |       | adiv | vsse                   | liaison      | fact.defence-nexus.target |
      | operations-theatre | sectarian-group  | unspecified |       | adiv | foreign-services, vsse | liaison      | sect.defence-nexus        |

    Examples: Abroad: ADIV leads, VSSE and the foreign services informed
      | location | actor           | target                   | flags | lead | partners                                      | consultation | rule                             |
      | abroad   | sectarian-group | unspecified              |       | adiv | foreign-services, vsse                        | liaison      | sect.abroad                      |
      | abroad   | sectarian-group | belgian-nationals-abroad |       | adiv | foreign-affairs, foreign-services, nccn, vsse | liaison      | general.belgians-abroad-targeted |
