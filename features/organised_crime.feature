Feature: Criminal organisations and harmful sectarian organisations
  Organised crime as such is a police matter. Art. 8, 1°, f of the Organic Law of 30 November
  1998 makes a criminal organisation VSSE's only when it is linked to the other art. 8 threats
  (a terrorist, extremist or sectarian group, a foreign intelligence service or a state proxy
  behind it) or when it can have destabilising political or socio-economic consequences
  (corrupting officials or a port, infiltrating the economy or the government: targets
  government, democratic-process, critical-infrastructure, economy-science). Otherwise neither
  service is competent: the case goes to the Federal Police and the federal prosecutor, in
  Belgium and abroad alike (ADIV has no crime mandate). A Defence nexus (weapon theft from a
  barracks: art. 11, military security) or Belgians at risk abroad still give ADIV the lead.
  Harmful sectarian organisations (art. 8, 1°, e) are VSSE's, also when the group is based
  abroad; a sect recruiting inside the armed forces is ADIV's.

  Scenario: A drug trafficking network in the port of Antwerp is a police matter
    Given a case about "criminal-organisation" in "belgium" involving a "criminal-organisation"
    When the duty officer asks who leads
    Then the lead service is "none"
    And the competence is "none"
    And the competent services are "none"
    And the partners are "federal-prosecutor, fedpol"
    And the consultation is "liaison"
    And the fact "art8-threat" does not hold
    And the decision rests on rule "crime.no-art8-link"
    And the decision does not rest on rule "competence.vsse.art8"

  Scenario: A drug cartel abroad is left to police cooperation
    Given a case about "criminal-organisation" in "abroad" involving a "criminal-organisation"
    When the duty officer asks who leads
    Then the lead service is "none"
    And the competence is "none"
    And the competent services are "none"
    And the partners are "federal-prosecutor, fedpol"
    And "adiv" is not among the partners
    And the fact "abroad" holds
    And the decision rests on rule "crime.no-art8-link"
    And the decision does not rest on rule "general.collection-abroad"

  Scenario: A criminal network launders money for a foreign state
    Given a case about "criminal-organisation" in "belgium" involving a "state-proxy"
    And the case is flagged "financial-component"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the partners are "cfi, fedpol"
    And the fact "art8-threat" holds
    And the decision rests on rules "crime.art8-threat, fact.art8-threat.actor, flag.financial-component"
    And the decision does not rest on rule "crime.no-art8-link"

  Scenario: Organised crime tries to buy votes in municipal elections
    Given a case about "criminal-organisation" in "belgium" involving a "criminal-organisation"
    And the target is "democratic-process"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the partners are "fedpol"
    And the fact "art8-threat" holds
    And the decision rests on rules "crime.art8-threat, fact.art8-threat.destabilising-crime"

  Scenario: A cocaine network corrupts dockers and customs officers in the port
    Given a case about "criminal-organisation" in "belgium" involving a "criminal-organisation"
    And the target is "critical-infrastructure"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the partners are "fedpol, nccn"
    And the decision rests on rules "crime.art8-threat, fact.art8-threat.destabilising-crime, general.critical-infrastructure"

  Scenario: A gang steals weapons from a barracks
    Given a case about "criminal-organisation" in "military-site" involving a "criminal-organisation"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "exclusive"
    And the competent services are "adiv"
    And the partners are "federal-prosecutor, fedpol"
    And "vsse" is not among the partners
    And the fact "defence-nexus" holds
    And the decision rests on rules "crime.defence-nexus, crime.no-art8-link, fact.defence-nexus.location"

  Scenario: A criminal network abroad works for a terrorist group
    Given a case about "criminal-organisation" in "abroad" involving a "terrorist-group"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the partners are "adiv, fedpol, foreign-services, ocad"
    And the decision rests on rules "crime.art8-threat, general.collection-abroad, general.foreign-partners-abroad"

  Scenario: Kidnappers abroad hold Belgian engineers for ransom
    Given a case about "criminal-organisation" in "abroad" involving a "criminal-organisation"
    And the target is "belgian-nationals-abroad"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "exclusive"
    And the competent services are "adiv"
    And the partners are "federal-prosecutor, fedpol, foreign-affairs"
    And the decision rests on rules "belgians-abroad.lead, fact.nationals-abroad.target"

  Scenario: A criminal network smuggles weapons for a terrorist cell in Brussels
    Given a case about "criminal-organisation" in "belgium" involving a "terrorist-group"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the partners are "fedpol, ocad"
    And the decision rests on rules "crime.art8-threat, general.ocad-terrorist-actor"

  Scenario Outline: Who leads a case about a criminal organisation
    Given a case about "criminal-organisation" in "<location>" involving a "<actor>"
    And the target is "<target>"
    And the case is flagged "<flags>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the competence is "<competence>"
    And the partners are "<partners>"
    And the consultation is "<consultation>"
    And the decision rests on rule "<rule>"

    Examples: No link to an art. 8 threat and no destabilising effect: a police matter
      | location                  | actor                 | target      | flags               | lead | competence | partners                            | consultation | rule                              |
      | belgium                   | criminal-organisation | unspecified |                     | none | none       | federal-prosecutor, fedpol          | liaison      | crime.no-art8-link                |
      | belgium                   | company               | unspecified |                     | none | none       | federal-prosecutor, fedpol          | liaison      | crime.no-art8-link                |
      | belgium                   | criminal-organisation | population  |                     | none | none       | federal-prosecutor, fedpol          | liaison      | crime.no-art8-link                |
      | international-institution | criminal-organisation | unspecified |                     | none | none       | eu, federal-prosecutor, fedpol      | liaison      | general.international-institution |
      | belgium                   | criminal-organisation | unspecified | financial-component | none | none       | cfi, federal-prosecutor, fedpol     | liaison      | flag.financial-component          |
      | belgium                   | criminal-organisation | unspecified | goods-transfer      | none | none       | customs, federal-prosecutor, fedpol | liaison      | flag.goods-transfer               |
      | abroad                    | criminal-organisation | unspecified |                     | none | none       | federal-prosecutor, fedpol          | liaison      | crime.no-art8-link                |

    Examples: Linked to an art. 8 threat, or destabilising: VSSE leads, wherever, the Federal Police informed
      | location                  | actor                        | target             | flags             | lead | competence | partners                                        | consultation | rule                                    |
      | belgium                   | sectarian-group              | unspecified        |                   | vsse | exclusive  | fedpol                                          | liaison      | fact.art8-threat.actor                  |
      | belgium                   | foreign-intelligence-service | unspecified        |                   | vsse | shared     | adiv, fedpol                                    | liaison      | competence.foreign-intelligence-service |
      | belgium                   | criminal-organisation        | government         |                   | vsse | exclusive  | fedpol                                          | liaison      | fact.art8-threat.destabilising-crime    |
      | civil-network             | criminal-organisation        | economy-science    |                   | vsse | exclusive  | fedpol                                          | liaison      | crime.art8-threat                       |
      | international-institution | criminal-organisation        | democratic-process |                   | vsse | exclusive  | eu, fedpol                                      | liaison      | crime.art8-threat                       |
      | civil-network             | state-proxy                  | unspecified        | offence-indicated | vsse | exclusive  | federal-prosecutor, fedpol                      | liaison      | flag.offence-indicated                  |
      | abroad                    | state-proxy                  | unspecified        |                   | vsse | exclusive  | adiv, fedpol, foreign-services                  | liaison      | crime.art8-threat                       |
      | abroad                    | criminal-organisation        | government         |                   | vsse | exclusive  | adiv, fedpol, foreign-affairs, foreign-services | liaison      | general.diplomats-abroad                |

    Examples: Defence nexus: ADIV leads
      | location           | actor                 | target      | flags | lead | competence | partners                   | consultation | rule                      |
      | belgium            | belgian-military      | unspecified |       | adiv | exclusive  | federal-prosecutor, fedpol | liaison      | fact.defence-nexus.actor  |
      | belgium            | criminal-organisation | defence     |       | adiv | exclusive  | federal-prosecutor, fedpol | liaison      | fact.defence-nexus.target |
      | operations-theatre | criminal-organisation | unspecified |       | adiv | exclusive  | federal-prosecutor, fedpol | liaison      | crime.defence-nexus       |
      | nato-site          | state-proxy           | unspecified |       | adiv | shared     | fedpol, nato, vsse         | liaison      | crime.defence-nexus       |

  Scenario Outline: OCAD is informed of organised crime that serves terrorism or extremism
    Given a case about "criminal-organisation" in "<location>" involving a "<actor>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"

    Examples: A criminal organisation linked to a terrorist or extremist group
      | location      | actor           | lead | partners                             |
      | belgium       | extremist-group | vsse | fedpol, ocad                         |
      | military-site | terrorist-group | adiv | fedpol, ocad, vsse                   |
      | abroad        | extremist-group | vsse | adiv, fedpol, foreign-services, ocad |

  Scenario: A harmful sect recruits vulnerable people in Belgium
    Given a case about "sectarian-organisation" in "belgium" involving a "sectarian-group"
    And the target is "population"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And the partners are "none"
    And the consultation is "liaison"
    And the decision rests on rules "sect.art8-threat, fact.art8-threat"

  Scenario: A sect recruits among soldiers
    Given a case about "sectarian-organisation" in "belgium" involving a "belgian-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the partners are "vsse"
    And the decision rests on rules "sect.defence-nexus, fact.defence-nexus.actor, competence.vsse.art8"

  Scenario: A sect based abroad recruits Belgians through a local branch
    Given a case about "sectarian-organisation" in "abroad" involving a "sectarian-group"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And the partners are "adiv, foreign-services"
    And the decision rests on rules "sect.art8-threat, general.collection-abroad, general.foreign-partners-abroad"
    And the decision does not rest on rule "sect.defence-nexus"

  Scenario Outline: Who leads a case about a harmful sectarian organisation
    Given a case about "sectarian-organisation" in "<location>" involving a "<actor>"
    And the target is "<target>"
    And the case is flagged "<flags>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the consultation is "<consultation>"
    And the decision rests on rule "<rule>"

    Examples: In Belgium: VSSE leads
      | location                  | actor                        | target        | flags               | lead | partners                   | consultation            | rule                                    |
      | civil-network             | sectarian-group              | unspecified   |                     | vsse |                            | liaison                 | sect.art8-threat                        |
      | international-institution | sectarian-group              | unspecified   |                     | vsse | eu                         | liaison                 | general.international-institution       |
      | belgium                   | belgian-civilian             | public-figure |                     | vsse |                            | liaison                 | sect.art8-threat                        |
      | belgium                   | foreign-intelligence-service | unspecified   |                     | vsse | adiv                       | liaison                 | competence.foreign-intelligence-service |
      | belgium                   | sectarian-group              | unspecified   | financial-component | vsse | cfi                        | liaison                 | flag.financial-component                |
      | belgium                   | sectarian-group              | unspecified   | offence-indicated   | vsse | federal-prosecutor, fedpol | liaison                 | flag.offence-indicated                  |
      | belgium                   | sectarian-group              | unspecified   | imminent            | vsse | nccn                       | liaison, crisis-cell    | flag.imminent                           |
      | belgium                   | sectarian-group              | unspecified   | structural-issue    | vsse |                            | liaison, nsip-committee | flag.structural-issue                   |

    Examples: Defence nexus: ADIV leads, VSSE a partner
      | location           | actor           | target      | flags | lead | partners               | consultation | rule                      |
      | military-site      | sectarian-group | unspecified |       | adiv | vsse                   | liaison      | sect.defence-nexus        |
      | belgium            | sectarian-group | defence     |       | adiv | vsse                   | liaison      | fact.defence-nexus.target |
      | operations-theatre | sectarian-group | unspecified |       | adiv | foreign-services, vsse | liaison      | sect.defence-nexus        |

    Examples: Based abroad: still VSSE; ADIV only where Belgians abroad are at risk
      | location | actor           | target                   | flags | lead | partners                                | consultation | rule                             |
      | abroad   | sectarian-group | unspecified              |       | vsse | adiv, foreign-services                  | liaison      | sect.art8-threat                 |
      | abroad   | sectarian-group | belgian-nationals-abroad |       | adiv | foreign-affairs, foreign-services, vsse | liaison      | competence.adiv.nationals-abroad |
