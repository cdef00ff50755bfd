Feature: Belgians abroad, and what a case abroad brings in
  The security of Belgian nationals abroad is one of ADIV's own external mandates (art. 11 of
  the Organic Law of 30 November 1998): ADIV leads whenever it is at stake, through the topic
  belgians-abroad or a threat aimed at Belgian nationals abroad whatever the topic, also when
  the case reaches the desk from Belgium. Foreign Affairs protects consularly; for the topic
  itself the National Crisis Centre manages a crisis and ADIV's defence attachés are its channel
  on the spot; OCAD assesses a terrorist or extremist threat. Where an art. 8 threat is behind
  it, VSSE is competent too and a partner.
  Abroad alone moves no lead: art. 11 gives ADIV no general mandate for civil threats abroad.
  An art. 8 threat abroad stays VSSE's (art. 7, 1° and 8, 1°); ADIV collects there as a partner,
  not as a competent service, and the foreign partner services help (art. 20). Foreign Affairs
  takes part when Belgian diplomats or embassies abroad are concerned.

  Scenario: A jihadist group threatens Belgian tourists in the Sahel
    Given a case about "belgians-abroad" in "abroad" involving a "terrorist-group"
    And the target is "belgian-nationals-abroad"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And the partners are "defence-attaches, foreign-affairs, foreign-services, nccn, ocad, vsse"
    And the consultation is "liaison"
    And the decision rests on rules "belgians-abroad.lead, belgians-abroad.crisis, belgians-abroad.terrorism, fact.nationals-abroad.topic, competence.adiv.nationals-abroad"

  Scenario: Belgians are caught in a coup and must be evacuated
    Given a case about "belgians-abroad" in "abroad" involving a "foreign-military"
    And the case is flagged "imminent"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "exclusive"
    And the partners are "defence-attaches, foreign-affairs, nccn"
    And the consultation is "liaison, crisis-cell"
    And the decision rests on rules "belgians-abroad.lead, belgians-abroad.crisis, flag.imminent"

  Scenario: A kidnap threat against Belgian expatriates reaches the Brussels desk
    Given a case about "belgians-abroad" in "belgium" involving an "unknown"
    And the target is "belgian-nationals-abroad"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "exclusive"
    And the competent services are "adiv"
    And the partners are "defence-attaches, foreign-affairs, nccn"
    And the fact "nationals-abroad" holds
    And the fact "abroad" does not hold
    And the decision rests on rules "belgians-abroad.lead, fact.nationals-abroad.target"
    And the decision does not rest on rule "fact.abroad"

  Scenario: Kidnappers hold a Belgian engineer for ransom
    Given a case about "belgians-abroad" in "abroad" involving a "criminal-organisation"
    And the target is "belgian-nationals-abroad"
    And the case is flagged "offence-indicated"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "exclusive"
    And the partners are "defence-attaches, federal-prosecutor, fedpol, foreign-affairs, nccn"
    And "foreign-services" is not among the partners
    And the decision rests on rules "belgians-abroad.lead, flag.offence-indicated"
    And the decision does not rest on rule "general.foreign-partners-abroad"

  Scenario: A terrorist cell in Belgium prepares an attack on Belgian tourists abroad
    Given a case about "terrorism" in "belgium" involving a "terrorist-group"
    And the target is "belgian-nationals-abroad"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the partners are "foreign-affairs, ocad, vsse"
    And the consultation is "liaison, joint-platform"
    And the decision rests on rules "belgians-abroad.lead, fact.nationals-abroad.target, competence.vsse.art8"
    And the decision does not rest on rule "terrorism.defence-nexus"

  Scenario: A terrorist group abroad plans to kidnap Belgian aid workers
    Given a case about "terrorism" in "abroad" involving a "terrorist-group"
    And the target is "belgian-nationals-abroad"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the partners are "foreign-affairs, foreign-services, ocad, vsse"
    And the decision rests on rules "belgians-abroad.lead, general.foreign-partners-abroad"

  Scenario Outline: The security of Belgians abroad is ADIV's in every setting
    Given a case about "belgians-abroad" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the competence is "<competence>"
    And the partners are "<partners>"
    And the decision rests on rule "<rule>"

    Examples: Reported or prepared in Belgium
      | location                  | actor            | target                   | lead | competence | partners                                    | rule                              |
      | belgium                   | unknown          | unspecified              | adiv | exclusive  | defence-attaches, foreign-affairs, nccn     | fact.nationals-abroad.topic       |
      | international-institution | foreign-national | belgian-nationals-abroad | adiv | exclusive  | defence-attaches, eu, foreign-affairs, nccn | general.international-institution |
      | civil-network             | unknown          | unspecified              | adiv | exclusive  | defence-attaches, foreign-affairs, nccn     | belgians-abroad.lead              |

    Examples: Defence nexus
      | location           | actor            | target                   | lead | competence | partners                                                              | rule                      |
      | military-site      | unknown          | belgian-nationals-abroad | adiv | exclusive  | defence-attaches, foreign-affairs, nccn                               | belgians-abroad.lead      |
      | operations-theatre | extremist-group  | belgian-nationals-abroad | adiv | shared     | defence-attaches, foreign-affairs, foreign-services, nccn, ocad, vsse | belgians-abroad.terrorism |
      | abroad             | foreign-military | belgian-nationals-abroad | adiv | exclusive  | defence-attaches, foreign-affairs, nccn                               | fact.defence-nexus.actor  |

    Examples: Abroad
      | location | actor                        | target                   | lead | competence | partners                                                        | rule                            |
      | abroad   | unknown                      | belgian-nationals-abroad | adiv | exclusive  | defence-attaches, foreign-affairs, nccn                         | belgians-abroad.crisis          |
      | abroad   | lone-actor                   | unspecified              | adiv | exclusive  | defence-attaches, foreign-affairs, nccn, ocad                   | belgians-abroad.terrorism       |
      | abroad   | foreign-intelligence-service | belgian-nationals-abroad | adiv | shared     | defence-attaches, foreign-affairs, foreign-services, nccn, vsse | general.foreign-partners-abroad |

  Scenario Outline: A threat aimed at Belgians abroad goes to ADIV, whatever the topic
    Given a case about "<topic>" in "<location>" involving a "<actor>"
    And the target is "belgian-nationals-abroad"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And "foreign-affairs" is among the partners
    And "vsse" is among the partners
    And the decision rests on rule "<rule>"

    Examples: ADIV's own external mandate ranks above an art. 8 threat
      | topic                 | location | actor                        | rule                             |
      | extremism             | abroad   | extremist-group              | belgians-abroad.lead             |
      | espionage             | abroad   | foreign-intelligence-service | fact.nationals-abroad.target     |
      | protection-of-persons | abroad   | lone-actor                   | competence.adiv.nationals-abroad |
      | espionage             | belgium  | foreign-intelligence-service | belgians-abroad.lead             |

  Scenario Outline: Abroad alone moves no lead: an art. 8 threat abroad stays VSSE's
    Given a case about "<topic>" in "abroad" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And the partners are "<partners>"
    And the fact "abroad" holds
    And the decision rests on rules "general.collection-abroad, general.foreign-partners-abroad"

    Examples: ADIV collects and the foreign services help; Foreign Affairs where a Belgian post is concerned
      | topic                  | actor                        | target             | partners                                |
      | terrorism              | terrorist-group              | unspecified        | adiv, foreign-services, ocad            |
      | espionage              | foreign-intelligence-service | unspecified        | adiv, foreign-services                  |
      | espionage              | foreign-intelligence-service | government         | adiv, foreign-affairs, foreign-services |
      | interference           | state-proxy                  | democratic-process | adiv, foreign-affairs, foreign-services |
      | sectarian-organisation | sectarian-group              | unspecified        | adiv, foreign-services                  |
      | proliferation          | company                      | unspecified        | adiv, customs, foreign-services         |

  Scenario: A foreign service targets the Belgian embassy in a country where Belgian troops are deployed
    Given a case about "espionage" in "operations-theatre" involving a "foreign-intelligence-service"
    And the target is "government"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And "adiv" is among the partners
    And "foreign-affairs" is among the partners
    And the decision rests on rule "foreign-service.civil-target"

  Scenario: A criminal network abroad with no art. 8 link brings in no service
    Given a case about "criminal-organisation" in "abroad" involving a "criminal-organisation"
    When the duty officer asks who leads
    Then the lead service is "none"
    And the competence is "none"
    And the partners are "federal-prosecutor, fedpol"
    And the decision does not rest on rule "general.collection-abroad"
    And the decision does not rest on rule "general.foreign-partners-abroad"
