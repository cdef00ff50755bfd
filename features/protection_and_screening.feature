Feature: Protection of persons and security screening
  Protection measures are decided by the National Crisis Centre on OCAD's assessment and
  carried out by the Federal Police; the services supply the intelligence side: VSSE in the
  civil setting, ADIV with a Defence nexus or abroad. A protected person at a civil
  international institution in Brussels brings in the EU.
  Security screening is decided by the person screened, not by the place: ADIV screens
  Defence personnel wherever they are posted, VSSE screens civilians, even for a Defence
  site or contract (ADIV is then informed). The National Security Authority decides on the
  clearance.

  Scenario: A jihadist group threatens a federal minister in Brussels
    Given a case about "protection-of-persons" in "belgium" involving a "terrorist-group"
    And the target is "public-figure"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "fedpol, nccn, ocad"
    And the consultation is "liaison"
    And the decision rests on rules "protection.civil-setting, protection.measures, fact.civil-setting"

  Scenario: A European Commissioner is threatened at a summit in Brussels
    Given a case about "protection-of-persons" in "international-institution" involving a "lone-actor"
    And the target is "public-figure"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "eu, fedpol, nccn, ocad"
    And the decision rests on rules "protection.civil-setting, general.international-institution"

  Scenario: An anonymous threat against the Chief of Defence
    Given a case about "protection-of-persons" in "belgium" involving an "unknown"
    And the target is "defence"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "fedpol, nccn, ocad"
    And the fact "civil-setting" does not hold
    And the decision rests on rules "protection.defence-nexus, protection.measures, fact.defence-nexus.target"
    And the decision does not rest on rule "protection.civil-setting"

  Scenario: A minister on an official visit abroad is threatened
    Given a case about "protection-of-persons" in "abroad" involving a "terrorist-group"
    And the target is "public-figure"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "fedpol, foreign-affairs, foreign-services, nccn, ocad"
    And "vsse" is not among the partners
    And the decision rests on rules "protection.abroad, protection.measures"

  Scenario: An attack on a public figure is imminent
    Given a case about "protection-of-persons" in "belgium" involving an "extremist-group"
    And the target is "public-figure"
    And the case is flagged "imminent"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "fedpol, nccn, ocad"
    And the consultation is "liaison, crisis-cell"
    And the decision rests on rules "protection.civil-setting, flag.imminent"

  Scenario: An officer needs a clearance for a post at the allied headquarters
    Given a case about "security-screening" in "nato-site" involving a "belgian-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "national-security-authority, nato"
    And the consultation is "liaison"
    And the decision rests on rules "screening.defence-personnel, screening.national-security-authority, general.nato"

  Scenario: A ministry official needs a clearance
    Given a case about "security-screening" in "belgium" involving a "belgian-civilian"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "national-security-authority"
    And the decision rests on rules "screening.civilians, screening.national-security-authority"

  Scenario: A civilian contractor is screened for work at an air base
    Given a case about "security-screening" in "military-site" involving a "belgian-civilian"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "adiv, national-security-authority"
    And the fact "defence-nexus" holds
    And the decision rests on rules "screening.civilians, screening.defence-setting"
    And the decision does not rest on rule "screening.defence-personnel"

  Scenario: A soldier posted abroad is still screened by ADIV
    Given a case about "security-screening" in "abroad" involving a "belgian-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "national-security-authority"
    And the fact "abroad" holds
    And the decision rests on rule "screening.defence-personnel"

  Scenario Outline: Who supplies the intelligence side of a protection
    Given a case about "protection-of-persons" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the decision rests on rule "<rule>"

    Examples: Civil setting: VSSE
      | location                  | actor                        | target        | lead | partners                     | rule                              |
      | belgium                   | extremist-group              | public-figure | vsse | fedpol, nccn, ocad           | protection.civil-setting          |
      | international-institution | foreign-intelligence-service | public-figure | vsse | adiv, eu, fedpol, nccn, ocad | general.international-institution |
      | civil-network             | lone-actor                   | government    | vsse | fedpol, nccn, ocad           | protection.measures               |

    Examples: Defence nexus: ADIV
      | location         | actor   | target        | lead | partners                 | rule                     |
      | military-site    | unknown | public-figure | adiv | fedpol, nccn, ocad       | protection.defence-nexus |
      | nato-site        | unknown | public-figure | adiv | fedpol, nato, nccn, ocad | general.nato             |
      | military-network | unknown | defence       | adiv | fedpol, nccn, ocad       | protection.defence-nexus |

    Examples: Abroad: ADIV, Foreign Affairs informed
      | location           | actor           | target                   | lead | partners                                              | rule                             |
      | abroad             | unknown         | public-figure            | adiv | fedpol, foreign-affairs, nccn, ocad                   | protection.abroad                |
      | abroad             | lone-actor      | belgian-nationals-abroad | adiv | fedpol, foreign-affairs, nccn, ocad                   | general.belgians-abroad-targeted |
      | operations-theatre | extremist-group | defence                  | adiv | fedpol, foreign-affairs, foreign-services, nccn, ocad | protection.abroad                |

  Scenario Outline: Who screens whom
    Given a case about "security-screening" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the consultation is "liaison"
    And the decision rests on rule "<rule>"

    Examples: Defence personnel: ADIV, wherever posted
      | location                  | actor            | target      | lead | partners                          | rule                                  |
      | belgium                   | belgian-military | unspecified | adiv | national-security-authority       | screening.defence-personnel           |
      | international-institution | belgian-military | unspecified | adiv | eu, national-security-authority   | general.international-institution     |
      | military-site             | belgian-military | unspecified | adiv | national-security-authority       | screening.defence-personnel           |
      | nato-site                 | foreign-military | unspecified | adiv | national-security-authority, nato | screening.national-security-authority |
      | operations-theatre        | belgian-military | unspecified | adiv | national-security-authority       | screening.defence-personnel           |

    Examples: Civilians: VSSE, wherever posted
      | location                  | actor            | target      | lead | partners                        | rule                                  |
      | belgium                   | foreign-national | unspecified | vsse | national-security-authority     | screening.civilians                   |
      | international-institution | belgian-civilian | unspecified | vsse | eu, national-security-authority | general.international-institution     |
      | civil-network             | company          | unspecified | vsse | national-security-authority     | screening.national-security-authority |
      | abroad                    | belgian-civilian | unspecified | vsse | national-security-authority     | screening.civilians                   |

    Examples: Civilians for a Defence post, site or contract: VSSE, ADIV informed
      | location              | actor            | target           | lead | partners                          | rule                      |
      | belgium               | belgian-civilian | defence-industry | vsse | adiv, national-security-authority | screening.defence-setting |
      | defence-industry-site | company          | unspecified      | vsse | adiv, national-security-authority | screening.defence-setting |
      | military-network      | foreign-national | unspecified      | vsse | adiv, national-security-authority | screening.defence-setting |
      | operations-theatre    | belgian-civilian | unspecified      | vsse | adiv, national-security-authority | screening.civilians       |
