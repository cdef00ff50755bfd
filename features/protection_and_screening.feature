Feature: Protection of persons and security screening
  Protection measures are decided by the National Crisis Centre on OCAD's assessment and
  carried out by the Federal Police; the services supply the intelligence side: VSSE (art. 7 of
  the Organic Law of 30 November 1998), also when the protected person travels abroad (ADIV
  then collects on the spot and Foreign Affairs is informed), or ADIV with a Defence nexus
  (art. 11). Where Belgian nationals abroad are at risk, ADIV leads (art. 11).
  Security screening (law of 11 December 1998 on classification and security clearances,
  certificates and advice) follows the person, not the place. The head of ADIV is the security
  authority for everyone under the Minister of Defence, civilian staff included, and for
  candidates for a Defence post: ADIV leads and the National Security Authority plays no part.
  Employees of defence-industry companies are investigated by ADIV and the National Security
  Authority decides. For everyone else the National Security Authority (part of VSSE since 1
  January 2024) decides and VSSE investigates. A refusal can be appealed to the Appeal Body.

  Scenario: A jihadist group threatens a federal minister in Brussels
    Given a case about "protection-of-persons" in "belgium" involving a "terrorist-group"
    And the target is "public-figure"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And the partners are "fedpol, nccn, ocad"
    And the consultation is "liaison"
    And the decision rests on rules "protection.civil, protection.measures, competence.vsse.protection"

  Scenario: A European Commissioner is threatened at a summit in Brussels
    Given a case about "protection-of-persons" in "international-institution" involving a "lone-actor"
    And the target is "public-figure"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "eu, fedpol, nccn, ocad"
    And the decision rests on rules "protection.civil, general.international-institution"

  Scenario: An anonymous threat against the Chief of Defence
    Given a case about "protection-of-persons" in "belgium" involving an "unknown"
    And the target is "defence"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the partners are "fedpol, nccn, ocad, vsse"
    And the decision rests on rules "protection.defence-nexus, protection.measures, fact.defence-nexus.target"

  Scenario: A minister on an official visit abroad is threatened
    Given a case about "protection-of-persons" in "abroad" involving a "terrorist-group"
    And the target is "public-figure"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the partners are "adiv, fedpol, foreign-affairs, foreign-services, nccn, ocad"
    And the decision rests on rules "protection.civil, protection.abroad, protection.measures"
    And the decision does not rest on rule "protection.defence-nexus"

  Scenario: An attack on a public figure is imminent
    Given a case about "protection-of-persons" in "belgium" involving an "extremist-group"
    And the target is "public-figure"
    And the case is flagged "imminent"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "fedpol, nccn, ocad"
    And the consultation is "liaison, crisis-cell"
    And the decision rests on rules "protection.civil, flag.imminent"

  Scenario Outline: Who supplies the intelligence side of a protection
    Given a case about "protection-of-persons" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the competence is "<competence>"
    And the partners are "<partners>"
    And the decision rests on rule "<rule>"

    Examples: In Belgium: VSSE
      | location                  | actor                        | target        | lead | competence | partners                     | rule                                    |
      | belgium                   | extremist-group              | public-figure | vsse | exclusive  | fedpol, nccn, ocad           | protection.civil                        |
      | international-institution | foreign-intelligence-service | public-figure | vsse | shared     | adiv, eu, fedpol, nccn, ocad | competence.foreign-intelligence-service |
      | civil-network             | lone-actor                   | government    | vsse | exclusive  | fedpol, nccn, ocad           | protection.measures                     |

    Examples: Defence nexus: ADIV
      | location         | actor   | target        | lead | competence | partners                       | rule                     |
      | military-site    | unknown | public-figure | adiv | shared     | fedpol, nccn, ocad, vsse       | protection.defence-nexus |
      | nato-site        | unknown | public-figure | adiv | shared     | fedpol, nato, nccn, ocad, vsse | general.nato             |
      | military-network | unknown | defence       | adiv | shared     | fedpol, nccn, ocad, vsse       | protection.defence-nexus |

    Examples: Abroad: VSSE, Foreign Affairs and ADIV brought in; ADIV where Belgian forces are deployed or Belgians abroad at risk
      | location           | actor           | target                   | lead | competence | partners                                                    | rule                 |
      | abroad             | unknown         | public-figure            | vsse | exclusive  | adiv, fedpol, foreign-affairs, nccn, ocad                   | protection.abroad    |
      | abroad             | lone-actor      | belgian-nationals-abroad | adiv | shared     | fedpol, foreign-affairs, nccn, ocad, vsse                   | belgians-abroad.lead |
      | operations-theatre | extremist-group | defence                  | adiv | shared     | fedpol, foreign-affairs, foreign-services, nccn, ocad, vsse | protection.abroad    |

  Scenario: A ministry official needs a clearance
    Given a case about "security-screening" in "belgium" involving a "belgian-civilian"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And the partners are "national-security-authority"
    And the decision rests on rules "screening.civilians, competence.vsse.screening"

  Scenario: A soldier needs a clearance for a post at a base
    Given a case about "security-screening" in "military-site" involving a "belgian-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "exclusive"
    And the competent services are "adiv"
    And "national-security-authority" is not among the partners
    And the partners are "none"
    And the decision rests on rule "screening.defence-personnel"

  Scenario: A civilian applies for a post at Defence
    Given a case about "security-screening" in "belgium" involving a "belgian-civilian"
    And the target is "defence"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "exclusive"
    And the competent services are "adiv"
    And "national-security-authority" is not among the partners
    And the decision rests on rule "screening.defence-candidate"
    And the decision does not rest on rule "screening.civilians"

  Scenario: An engineer of a defence contractor needs a clearance for a classified contract
    Given a case about "security-screening" in "belgium" involving a "belgian-civilian"
    And the target is "defence-industry"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "exclusive"
    And the competent services are "adiv"
    And the partners are "national-security-authority"
    And the decision rests on rule "screening.defence-industry"

  Scenario: An officer needs a clearance for a post at the allied headquarters
    Given a case about "security-screening" in "nato-site" involving a "belgian-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "nato"
    And "national-security-authority" is not among the partners
    And the consultation is "liaison"
    And the decision rests on rules "screening.defence-personnel, general.nato"

  Scenario: A civilian contractor is screened for work at an air base
    Given a case about "security-screening" in "military-site" involving a "belgian-civilian"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "adiv, national-security-authority"
    And the decision rests on rule "screening.civilians"
    And the decision does not rest on rule "screening.defence-personnel"

  Scenario: A soldier posted abroad is still screened by ADIV
    Given a case about "security-screening" in "abroad" involving a "belgian-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "exclusive"
    And the partners are "none"
    And the fact "abroad" holds
    And the decision rests on rule "screening.defence-personnel"

  Scenario Outline: Who screens whom
    Given a case about "security-screening" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the competence is "<competence>"
    And the partners are "<partners>"
    And the consultation is "liaison"
    And the decision rests on rule "<rule>"

    Examples: Anyone under the Minister of Defence: ADIV, wherever posted, without the National Security Authority
      | location                  | actor            | target           | lead | competence | partners | rule                              |
      | belgium                   | belgian-military | unspecified      | adiv | exclusive  |          | screening.defence-personnel       |
      | international-institution | belgian-military | unspecified      | adiv | exclusive  | eu       | general.international-institution |
      | operations-theatre        | belgian-military | unspecified      | adiv | exclusive  |          | screening.defence-personnel       |
      | military-site             | belgian-military | defence-industry | adiv | exclusive  |          | screening.defence-personnel       |

    Examples: Candidates for a Defence post: ADIV, without the National Security Authority
      | location | actor            | target  | lead | competence | partners | rule                        |
      | belgium  | foreign-national | defence | adiv | exclusive  |          | screening.defence-candidate |
      | abroad   | belgian-civilian | defence | adiv | exclusive  |          | screening.defence-candidate |

    Examples: Employees of defence-industry companies: ADIV investigates, the National Security Authority decides
      | location              | actor            | target           | lead | competence | partners                    | rule                       |
      | defence-industry-site | company          | defence-industry | adiv | exclusive  | national-security-authority | screening.defence-industry |
      | abroad                | belgian-civilian | defence-industry | adiv | exclusive  | national-security-authority | screening.defence-industry |

    Examples: Everyone else: VSSE investigates, the National Security Authority decides
      | location                  | actor            | target      | lead | competence | partners                        | rule                              |
      | belgium                   | foreign-national | unspecified | vsse | exclusive  | national-security-authority     | screening.civilians               |
      | international-institution | belgian-civilian | unspecified | vsse | exclusive  | eu, national-security-authority | general.international-institution |
      | civil-network             | company          | unspecified | vsse | exclusive  | national-security-authority     | competence.vsse.screening         |
      | abroad                    | belgian-civilian | unspecified | vsse | exclusive  | national-security-authority     | screening.civilians               |
