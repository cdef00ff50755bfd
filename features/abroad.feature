Feature: Belgians abroad
  The security of Belgian nationals abroad is ADIV's (art. 11 of the Organic Law), wherever
  the case is reported or prepared: it plays out abroad even when the threat reaches the desk
  from Belgium. Foreign Affairs protects consularly, the National Crisis Centre manages a
  crisis and ADIV's defence attaches work on the spot; OCAD assesses a terrorist or extremist
  threat. Whatever the topic, a threat aimed at Belgians abroad brings in ADIV, Foreign
  Affairs and NCCN. Abroad, an art. 8 threat is followed with the foreign partner services;
  VSSE is informed where the case spills over into Belgium.

  Scenario: A jihadist group threatens Belgian tourists in the Sahel
    Given a case about "belgians-abroad" in "abroad" involving a "terrorist-group"
    And the target is "belgian-nationals-abroad"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "defence-attaches, foreign-affairs, foreign-services, nccn, ocad"
    And the consultation is "liaison"
    And the decision rests on rules "belgians-abroad.lead, belgians-abroad.terrorism, fact.abroad, general.belgians-abroad-targeted"

  Scenario: Belgians are caught in a coup and must be evacuated
    Given a case about "belgians-abroad" in "abroad" involving a "foreign-military"
    And the case is flagged "imminent"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "defence-attaches, foreign-affairs, nccn"
    And the consultation is "liaison, crisis-cell"
    And the fact "defence-nexus" holds
    And the decision rests on rules "belgians-abroad.lead, flag.imminent"

  Scenario: A kidnap threat against Belgian expatriates reaches the Brussels desk
    Given a case about "belgians-abroad" in "belgium" involving an "unknown"
    And the target is "belgian-nationals-abroad"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "defence-attaches, foreign-affairs, nccn, vsse"
    And the fact "abroad" holds
    And the decision rests on rules "fact.abroad.belgians, belgians-abroad.lead, belgians-abroad.prepared-in-belgium"
    And the decision does not rest on rule "fact.abroad"

  Scenario: Kidnappers hold a Belgian engineer for ransom
    Given a case about "belgians-abroad" in "abroad" involving a "criminal-organisation"
    And the target is "belgian-nationals-abroad"
    And the case is flagged "offence-indicated"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "defence-attaches, federal-prosecutor, fedpol, foreign-affairs, nccn"
    And "foreign-services" is not among the partners
    And the decision rests on rules "belgians-abroad.lead, flag.offence-indicated"
    And the decision does not rest on rule "general.foreign-partners-abroad"

  Scenario: A terrorist cell in Belgium prepares an attack on Belgian tourists abroad
    Given a case about "belgians-abroad" in "belgium" involving a "terrorist-group"
    And the target is "belgian-nationals-abroad"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And "vsse" is among the partners
    And "ocad" is among the partners
    And the decision rests on rules "belgians-abroad.lead, fact.abroad.belgians"

  Scenario: A terrorist group abroad plans an attack on a Belgian embassy
    Given a case about "terrorism" in "abroad" involving a "terrorist-group"
    And the target is "belgian-nationals-abroad"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "foreign-affairs, foreign-services, nccn, ocad, vsse"
    And the consultation is "liaison, joint-platform"
    And the decision rests on rules "terrorism.abroad, general.belgians-abroad-targeted, general.foreign-partners-abroad"

  Scenario: A plot in Brussels against Belgians abroad stays with VSSE, ADIV is brought in
    Given a case about "terrorism" in "belgium" involving a "terrorist-group"
    And the target is "belgian-nationals-abroad"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "adiv, foreign-affairs, nccn, ocad"
    And the decision rests on rules "terrorism.civil-setting, general.belgians-abroad-targeted"
    And the decision does not rest on rule "general.foreign-partners-abroad"

  Scenario Outline: The security of Belgians abroad is ADIV's in every setting
    Given a case about "belgians-abroad" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the decision rests on rule "<rule>"

    Examples: Reported or prepared in Belgium, civil setting
      | location                  | actor            | target                   | lead | partners                                          | rule                              |
      | belgium                   | unknown          | belgian-nationals-abroad | adiv | defence-attaches, foreign-affairs, nccn, vsse     | fact.abroad.belgians              |
      | international-institution | foreign-national | belgian-nationals-abroad | adiv | defence-attaches, eu, foreign-affairs, nccn, vsse | general.international-institution |
      | civil-network             | unknown          | unspecified              | adiv | defence-attaches, foreign-affairs, nccn, vsse     | belgians-abroad.lead              |

    Examples: Defence nexus
      | location           | actor            | target                   | lead | partners                                                        | rule                      |
      | military-site      | unknown          | belgian-nationals-abroad | adiv | defence-attaches, foreign-affairs, nccn                         | belgians-abroad.lead      |
      | operations-theatre | extremist-group  | belgian-nationals-abroad | adiv | defence-attaches, foreign-affairs, foreign-services, nccn, ocad | belgians-abroad.terrorism |
      | abroad             | foreign-military | belgian-nationals-abroad | adiv | defence-attaches, foreign-affairs, nccn                         | fact.defence-nexus.actor  |

    Examples: Abroad
      | location | actor                        | target                   | lead | partners                                                  | rule                             |
      | abroad   | unknown                      | belgian-nationals-abroad | adiv | defence-attaches, foreign-affairs, nccn                   | general.belgians-abroad-targeted |
      | abroad   | lone-actor                   | unspecified              | adiv | defence-attaches, foreign-affairs, nccn, ocad             | belgians-abroad.terrorism        |
      | abroad   | foreign-intelligence-service | belgian-nationals-abroad | adiv | defence-attaches, foreign-affairs, foreign-services, nccn | belgians-abroad.lead             |

  Scenario Outline: Belgians abroad and the foreign partner services, whatever the topic
    Given a case about "<topic>" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the decision rests on rule "<rule>"

    Examples: A threat aimed at Belgians abroad brings in ADIV, Foreign Affairs and NCCN
      | topic                 | location           | actor                        | target                   | lead | partners                                            | rule                             |
      | extremism             | abroad             | extremist-group              | belgian-nationals-abroad | adiv | foreign-affairs, foreign-services, nccn, ocad, vsse | general.belgians-abroad-targeted |
      | espionage             | abroad             | foreign-intelligence-service | belgian-nationals-abroad | adiv | foreign-affairs, foreign-services, nccn             | general.belgians-abroad-targeted |
      | terrorism             | operations-theatre | terrorist-group              | belgian-nationals-abroad | adiv | foreign-affairs, foreign-services, nccn, ocad, vsse | general.belgians-abroad-targeted |
      | protection-of-persons | abroad             | lone-actor                   | belgian-nationals-abroad | adiv | fedpol, foreign-affairs, nccn, ocad                 | general.belgians-abroad-targeted |
      | espionage             | belgium            | foreign-intelligence-service | belgian-nationals-abroad | vsse | adiv, foreign-affairs, nccn                         | general.belgians-abroad-targeted |

    Examples: An art. 8 threat abroad is followed with the foreign partner services
      | topic                  | location | actor                        | target      | lead | partners                                | rule                            |
      | terrorism              | abroad   | terrorist-group              | unspecified | adiv | foreign-services, ocad, vsse            | general.foreign-partners-abroad |
      | espionage              | abroad   | foreign-intelligence-service | unspecified | adiv | foreign-services                        | general.foreign-partners-abroad |
      | interference           | abroad   | state-proxy                  | unspecified | adiv | foreign-affairs, foreign-services, vsse | general.foreign-partners-abroad |
      | sectarian-organisation | abroad   | sectarian-group              | unspecified | adiv | foreign-services, vsse                  | general.foreign-partners-abroad |

    Examples: Not abroad, or not an art. 8 threat: no foreign partner services by default
      | topic           | location | actor                        | target      | lead | partners                                                  | rule                    |
      | espionage       | belgium  | foreign-intelligence-service | unspecified | vsse | adiv, foreign-affairs                                     | espionage.civil-setting |
      | belgians-abroad | abroad   | foreign-intelligence-service | unspecified | adiv | defence-attaches, foreign-affairs, foreign-services, nccn | belgians-abroad.lead    |
