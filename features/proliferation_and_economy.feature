Feature: Proliferation and the scientific and economic potential
  Proliferation (art. 8, 1°, d of the Organic Law of 30 November 1998) through civil trade is
  VSSE's, wherever the procurement network sits, with Customs for export controls (the
  licences themselves are issued by the Regions: special law of 12 August 2003); foreign
  military programmes and defence-industry goods are ADIV's (art. 11), VSSE competent too.
  Proliferation financing brings in CFI, and policy on proliferation is set by the National
  Security Council. The United Nations are brought in only where UN sanctions are at stake,
  never on every goods transfer.
  The civil scientific and economic potential defined by the National Security Council is
  VSSE's to protect (art. 7, 1°), wherever the attack comes from; abroad ADIV collects and the
  foreign services help. The defence-related sectors are ADIV's (art. 11), with the National
  Security Authority when a defence contractor is targeted.

  Scenario: A Belgian trading company exports dual-use goods
    Given a case about "proliferation" in "belgium" involving a "company"
    And the case is flagged "goods-transfer"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And the partners are "customs"
    And "un" is not among the partners
    And the consultation is "liaison"
    And the decision rests on rules "proliferation.art8-threat, proliferation.customs, flag.goods-transfer, fact.art8-threat"

  Scenario: A Belgian trading company ships dual-use goods to a programme under UN sanctions
    Given a case about "proliferation" in "belgium" involving a "company"
    And the case is flagged "goods-transfer, un-sanctions"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "customs, un"
    And the decision rests on rules "proliferation.art8-threat, flag.un-sanctions"

  Scenario: A procurement network is financed through Belgian front companies
    Given a case about "proliferation" in "belgium" involving a "state-proxy"
    And the case is flagged "financial-component"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the partners are "cfi, customs"
    And the decision rests on rules "proliferation.art8-threat, flag.financial-component"

  Scenario: A foreign military programme buys components in Belgium
    Given a case about "proliferation" in "belgium" involving a "foreign-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And the partners are "vsse"
    And "customs" is not among the partners
    And the fact "defence-nexus" holds
    And the decision rests on rules "proliferation.defence-nexus, fact.defence-nexus.actor, competence.vsse.art8"
    And the decision does not rest on rule "proliferation.customs"

  Scenario: A proliferation network abroad buys through Belgian companies
    Given a case about "proliferation" in "abroad" involving a "state-proxy"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And the partners are "adiv, customs, foreign-services"
    And the fact "abroad" holds
    And the decision rests on rules "proliferation.art8-threat, general.collection-abroad, general.foreign-partners-abroad"
    And the decision does not rest on rule "proliferation.defence-nexus"

  Scenario: Policy on proliferation goes through the SCIV to the National Security Council
    Given a case about "proliferation" in "belgium" involving a "company"
    And the case is flagged "policy-question"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the consultation is "liaison, sciv, nvr"
    And the decision rests on rules "flag.policy-question, flag.policy-question.nvr"

  Scenario: A foreign state covets the research of a Belgian university
    Given a case about "economic-potential" in "belgium" involving a "state-proxy"
    And the target is "economy-science"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And the partners are "none"
    And the consultation is "liaison"
    And the decision rests on rules "economic-potential.civil-potential, competence.vsse.economic-potential"

  Scenario: A foreign service seeks the know-how of a Belgian defence contractor
    Given a case about "economic-potential" in "belgium" involving a "foreign-intelligence-service"
    And the target is "defence-industry"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the partners are "national-security-authority, vsse"
    And the fact "defence-nexus" holds
    And the decision rests on rules "economic-potential.defence-nexus, espionage.defence-industry, competence.foreign-intelligence-service, fact.defence-nexus.target"

  Scenario: A foreign company abroad targets Belgian strategic know-how
    Given a case about "economic-potential" in "abroad" involving a "company"
    And the target is "economy-science"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the partners are "adiv, foreign-services"
    And the decision rests on rules "economic-potential.civil-potential, economic-potential.collection-abroad, fact.abroad"

  Scenario Outline: Who leads a proliferation case
    Given a case about "proliferation" in "<location>" involving a "<actor>"
    And the target is "<target>"
    And the case is flagged "<flags>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the competence is "<competence>"
    And the partners are "<partners>"
    And the consultation is "<consultation>"
    And the decision rests on rule "<rule>"

    Examples: Civil trade: VSSE leads, with Customs
      | location                  | actor                        | target          | flags             | lead | competence | partners                            | consultation         | rule                                    |
      | belgium                   | company                      | unspecified     |                   | vsse | exclusive  | customs                             | liaison              | proliferation.art8-threat               |
      | international-institution | foreign-national             | unspecified     |                   | vsse | exclusive  | customs, eu                         | liaison              | general.international-institution       |
      | civil-network             | state-proxy                  | economy-science |                   | vsse | exclusive  | customs                             | liaison              | proliferation.customs                   |
      | belgium                   | foreign-intelligence-service | unspecified     |                   | vsse | shared     | adiv, customs                       | liaison              | competence.foreign-intelligence-service |
      | belgium                   | belgian-civilian             | unspecified     | offence-indicated | vsse | exclusive  | customs, federal-prosecutor, fedpol | liaison              | flag.offence-indicated                  |
      | belgium                   | company                      | unspecified     | imminent          | vsse | exclusive  | customs, nccn                       | liaison, crisis-cell | flag.imminent                           |
      | belgium                   | company                      | unspecified     | policy-question   | vsse | exclusive  | customs                             | liaison, sciv, nvr   | flag.policy-question.nvr                |

    Examples: Foreign military programmes and defence-industry goods: ADIV leads, VSSE competent too
      | location              | actor                        | target           | flags          | lead | competence | partners      | consultation | rule                        |
      | belgium               | company                      | defence-industry | goods-transfer | adiv | shared     | customs, vsse | liaison      | flag.goods-transfer         |
      | defence-industry-site | company                      | unspecified      |                | adiv | shared     | vsse          | liaison      | fact.defence-nexus.location |
      | military-site         | belgian-military             | unspecified      |                | adiv | shared     | vsse          | liaison      | proliferation.defence-nexus |
      | nato-site             | foreign-intelligence-service | unspecified      |                | adiv | shared     | nato, vsse    | liaison      | general.nato                |

    Examples: Abroad: VSSE for civil trade, ADIV for foreign military programmes
      | location           | actor            | target      | flags                        | lead | competence | partners                            | consultation | rule                        |
      | abroad             | company          | unspecified | goods-transfer               | vsse | exclusive  | adiv, customs, foreign-services     | liaison      | proliferation.art8-threat   |
      | abroad             | company          | unspecified | goods-transfer, un-sanctions | vsse | exclusive  | adiv, customs, foreign-services, un | liaison      | flag.un-sanctions           |
      | abroad             | foreign-military | unspecified |                              | adiv | shared     | foreign-services, vsse              | liaison      | proliferation.defence-nexus |
      | operations-theatre | foreign-military | unspecified |                              | adiv | shared     | foreign-services, vsse              | liaison      | proliferation.defence-nexus |

  Scenario Outline: Who leads a case on the scientific and economic potential
    Given a case about "economic-potential" in "<location>" involving a "<actor>"
    And the target is "<target>"
    And the case is flagged "<flags>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the competence is "<competence>"
    And the partners are "<partners>"
    And the consultation is "<consultation>"
    And the decision rests on rule "<rule>"

    Examples: The civil potential: VSSE leads
      | location                  | actor       | target                  | flags               | lead | competence | partners | consultation | rule                               |
      | belgium                   | company     | economy-science         |                     | vsse | exclusive  |          | liaison      | economic-potential.civil-potential |
      | civil-network             | unknown     | critical-infrastructure |                     | vsse | exclusive  | nccn     | liaison      | general.critical-infrastructure    |
      | international-institution | state-proxy | unspecified             |                     | vsse | exclusive  | eu       | liaison      | general.international-institution  |
      | belgium                   | company     | economy-science         | financial-component | vsse | exclusive  | cfi      | liaison      | flag.financial-component           |
      | belgium                   | company     | economy-science         | goods-transfer      | vsse | exclusive  | customs  | liaison      | flag.goods-transfer                |

    Examples: The defence-related sectors: ADIV leads (VSSE competent too: a choice of this rule set)
      | location              | actor            | target           | flags | lead | competence | partners                          | consultation | rule                             |
      | belgium               | company          | defence-industry |       | adiv | shared     | national-security-authority, vsse | liaison      | espionage.defence-industry       |
      | defence-industry-site | company          | unspecified      |       | adiv | shared     | vsse                              | liaison      | economic-potential.defence-nexus |
      | military-site         | foreign-military | unspecified      |       | adiv | shared     | vsse                              | liaison      | economic-potential.defence-nexus |

    Examples: Abroad: VSSE for the civil potential, ADIV and the foreign services help
      | location           | actor       | target           | flags | lead | competence | partners                                            | consultation | rule                                 |
      | abroad             | state-proxy | economy-science  |       | vsse | exclusive  | adiv, foreign-services                              | liaison      | economic-potential.collection-abroad |
      | abroad             | company     | defence-industry |       | adiv | shared     | foreign-services, national-security-authority, vsse | liaison      | economic-potential.defence-nexus     |
      | operations-theatre | company     | unspecified      |       | adiv | shared     | foreign-services, vsse                              | liaison      | economic-potential.collection-abroad |
