Feature: Proliferation and the scientific and economic potential
  Proliferation through civil trade in Belgium is VSSE's, with Customs for export controls
  (the licences themselves are issued by the Regions); foreign military programmes and
  defence-industry goods are ADIV's, and so is proliferation abroad. Proliferation financing
  brings in CFI, and policy on proliferation is set by the National Security Council.
  The civil scientific and economic potential defined by the National Security Council is
  VSSE's to protect; the defence-related sectors are ADIV's, with the National Security
  Authority when a defence contractor is targeted.

  Scenario: A Belgian trading company exports dual-use goods to a sanctioned programme
    Given a case about "proliferation" in "belgium" involving a "company"
    And the case is flagged "goods-transfer"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "customs, un"
    And the consultation is "liaison"
    And the fact "civil-setting" holds
    And the decision rests on rules "proliferation.civil-setting, proliferation.sanctions, flag.goods-transfer, fact.civil-setting, fact.art8-threat"

  Scenario: A procurement network is financed through Belgian front companies
    Given a case about "proliferation" in "belgium" involving a "state-proxy"
    And the case is flagged "financial-component"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "cfi, customs"
    And the decision rests on rules "proliferation.civil-setting, flag.financial-component"

  Scenario: A foreign military programme buys components in Belgium
    Given a case about "proliferation" in "belgium" involving a "foreign-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "vsse"
    And "customs" is not among the partners
    And the fact "defence-nexus" holds
    And the fact "civil-setting" does not hold
    And the decision rests on rules "proliferation.defence-nexus, fact.defence-nexus.actor, general.vsse-mandate-touched"
    And the decision does not rest on rule "proliferation.civil-setting"

  Scenario: A proliferation network abroad buys through Belgian companies
    Given a case about "proliferation" in "abroad" involving a "state-proxy"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "foreign-services, vsse"
    And the fact "abroad" holds
    And the decision rests on rules "proliferation.abroad, general.foreign-partners-abroad, fact.abroad"
    And the decision does not rest on rule "general.vsse-mandate-touched"

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
    And the partners are "none"
    And the consultation is "liaison"
    And the decision rests on rules "economic-potential.civil-setting, fact.civil-setting"

  Scenario: A foreign service seeks the know-how of a Belgian defence contractor
    Given a case about "economic-potential" in "belgium" involving a "foreign-intelligence-service"
    And the target is "defence-industry"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "national-security-authority, vsse"
    And the fact "defence-nexus" holds
    And the decision rests on rules "economic-potential.defence-nexus, espionage.defence-industry, general.foreign-service-in-belgium, fact.defence-nexus.target"

  Scenario: Belgian strategic know-how is targeted abroad
    Given a case about "economic-potential" in "abroad" involving a "company"
    And the target is "economy-science"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "vsse"
    And the decision rests on rules "economic-potential.abroad, fact.abroad"

  Scenario Outline: Who leads a proliferation case
    Given a case about "proliferation" in "<location>" involving a "<actor>"
    And the target is "<target>"
    And the case is flagged "<flags>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the consultation is "<consultation>"
    And the decision rests on rule "<rule>"

    Examples: Civil trade in Belgium: VSSE leads, with Customs
      | location                  | actor                        | target          | flags                               | lead | partners                            | consultation         | rule                               |
      | belgium                   | company                      | unspecified     |                                     | vsse | customs                             | liaison              | proliferation.civil-setting        |
      | international-institution | foreign-national             | unspecified     |                                     | vsse | customs, eu                         | liaison              | general.international-institution  |
      | civil-network             | state-proxy                  | economy-science |                                     | vsse | customs                             | liaison              | proliferation.civil-setting        |
      | belgium                   | foreign-intelligence-service | unspecified     |                                     | vsse | adiv, customs                       | liaison              | general.foreign-service-in-belgium |
      | belgium                   | company                      | unspecified     | goods-transfer, financial-component | vsse | cfi, customs, un                    | liaison              | proliferation.sanctions            |
      | belgium                   | belgian-civilian             | unspecified     | offence-indicated                   | vsse | customs, federal-prosecutor, fedpol | liaison              | flag.offence-indicated             |
      | belgium                   | company                      | unspecified     | imminent                            | vsse | customs, nccn                       | liaison, crisis-cell | flag.imminent                      |
      | belgium                   | company                      | unspecified     | policy-question                     | vsse | customs                             | liaison, sciv, nvr   | flag.policy-question.nvr           |

    Examples: Foreign military programmes and defence-industry goods: ADIV leads, VSSE informed
      | location              | actor                        | target           | flags          | lead | partners          | consultation | rule                         |
      | belgium               | foreign-military             | unspecified      |                | adiv | vsse              | liaison      | proliferation.defence-nexus  |
      | belgium               | company                      | defence-industry | goods-transfer | adiv | customs, un, vsse | liaison      | proliferation.defence-nexus  |
      | defence-industry-site | company                      | unspecified      |                | adiv | vsse              | liaison      | fact.defence-nexus.location  |
      | military-site         | belgian-military             | unspecified      |                | adiv | vsse              | liaison      | general.vsse-mandate-touched |
      | nato-site             | foreign-intelligence-service | unspecified      |                | adiv | nato, vsse        | liaison      | general.nato                 |

    Examples: Abroad: ADIV leads, VSSE and the foreign services informed
      | location           | actor            | target      | flags          | lead | partners                            | consultation | rule                        |
      | abroad             | state-proxy      | unspecified |                | adiv | foreign-services, vsse              | liaison      | proliferation.abroad        |
      | abroad             | company          | unspecified | goods-transfer | adiv | customs, foreign-services, un, vsse | liaison      | proliferation.sanctions     |
      | abroad             | foreign-military | unspecified |                | adiv | foreign-services, vsse              | liaison      | proliferation.defence-nexus |
      | operations-theatre | foreign-military | unspecified |                | adiv | foreign-services, vsse              | liaison      | proliferation.abroad        |

  Scenario Outline: Who leads a case on the scientific and economic potential
    Given a case about "economic-potential" in "<location>" involving a "<actor>"
    And the target is "<target>"
    And the case is flagged "<flags>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the consultation is "<consultation>"
    And the decision rests on rule "<rule>"

    Examples: The civil potential in Belgium: VSSE leads
      | location                  | actor                        | target                  | flags               | lead | partners | consultation | rule                               |
      | belgium                   | company                      | economy-science         |                     | vsse |          | liaison      | economic-potential.civil-setting   |
      | civil-network             | unknown                      | critical-infrastructure |                     | vsse | nccn     | liaison      | economic-potential.civil-setting   |
      | international-institution | state-proxy                  | unspecified             |                     | vsse | eu       | liaison      | general.international-institution  |
      | belgium                   | foreign-intelligence-service | economy-science         |                     | vsse | adiv     | liaison      | general.foreign-service-in-belgium |
      | belgium                   | company                      | economy-science         | financial-component | vsse | cfi      | liaison      | flag.financial-component           |

    Examples: The defence-related sectors: ADIV leads
      | location              | actor                        | target           | flags | lead | partners                          | consultation | rule                               |
      | belgium               | company                      | defence-industry |       | adiv | national-security-authority       | liaison      | espionage.defence-industry         |
      | defence-industry-site | company                      | defence-industry |       | adiv | national-security-authority       | liaison      | espionage.defence-industry         |
      | defence-industry-site | company                      | unspecified      |       | adiv |                                   | liaison      | economic-potential.defence-nexus   |
      | military-site         | foreign-military             | unspecified      |       | adiv |                                   | liaison      | economic-potential.defence-nexus   |
      | belgium               | foreign-intelligence-service | defence-industry |       | adiv | national-security-authority, vsse | liaison      | general.foreign-service-in-belgium |

    Examples: Abroad: ADIV leads, VSSE informed
      | location | actor       | target          | flags | lead | partners               | consultation | rule                      |
      | abroad   | company     | economy-science |       | adiv | vsse                   | liaison      | economic-potential.abroad |
      | abroad   | state-proxy | unspecified     |       | adiv | foreign-services, vsse | liaison      | economic-potential.abroad |
