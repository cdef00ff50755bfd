Feature: Cyber attacks
  Cyber security as such is not a mission of the services. An attack on the Defence networks
  is ADIV's (art. 11 of the Organic Law of 30 November 1998: military security of Defence IT
  and communication systems, cyber attacks on them included; its Cyber Command since October
  2022). On civil systems the attack is judged by what lies beneath: VSSE leads when it serves
  an art. 8 threat (a foreign state or its proxy spying or interfering, art. 8, 1°, a and g;
  terrorists or extremists, b and c), wherever it is run from; both services are competent
  when the attacker is a foreign military, which gives ADIV the lead (Defence nexus by the
  actor). A purely criminal attack, such as a ransomware gang's, or one not yet attributed, is a
  police matter: neither service leads, the Federal Police, the federal prosecutor and the CCB
  take it. The CCB (NIS2 law of 26 April 2024) handles incident response on civil systems.

  Scenario: A foreign state's proxy breaks into the mail servers of a federal ministry
    Given a case about "cyber-attack" in "civil-network" involving a "state-proxy"
    And the target is "government"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And the partners are "ccb"
    And the consultation is "liaison"
    And the fact "art8-threat" holds
    And the decision rests on rules "cyber.art8-threat, cyber.ccb, fact.art8-threat.actor"

  Scenario: A foreign military unit intrudes into the Defence networks
    Given a case about "cyber-attack" in "military-network" involving a "foreign-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "exclusive"
    And the competent services are "adiv"
    And the partners are "none"
    And "ccb" is not among the partners
    And the fact "defence-nexus" holds
    And the decision rests on rules "cyber.defence-nexus, fact.defence-nexus.location"
    And the decision does not rest on rule "cyber.ccb"

  Scenario: A foreign military hacks a Belgian civil network
    Given a case about "cyber-attack" in "civil-network" involving a "foreign-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And the partners are "ccb, vsse"
    And the fact "art8-threat" holds
    And the fact "defence-nexus" holds
    And the decision rests on rules "cyber.defence-nexus, fact.art8-threat.state-cyber, fact.defence-nexus.actor"

  Scenario: A ransomware gang encrypts the systems of a Belgian company
    Given a case about "cyber-attack" in "civil-network" involving a "criminal-organisation"
    And the target is "economy-science"
    When the duty officer asks who leads
    Then the lead service is "none"
    And the competence is "none"
    And the competent services are "none"
    And the partners are "ccb, federal-prosecutor, fedpol"
    And the fact "art8-threat" does not hold
    And the decision rests on rules "cyber.no-art8-threat, cyber.ccb"
    And the decision does not rest on rule "cyber.art8-threat"

  Scenario: A state-sponsored group runs an attack campaign from abroad
    Given a case about "cyber-attack" in "abroad" involving a "state-proxy"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the partners are "adiv, ccb, foreign-services"
    And the fact "abroad" holds
    And the decision rests on rules "cyber.art8-threat, general.collection-abroad, fact.abroad"

  Scenario: Hackers attack the systems of a barracks
    Given a case about "cyber-attack" in "military-site" involving an "unknown"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "exclusive"
    And "ccb" is not among the partners
    And the decision rests on rule "cyber.defence-nexus"

  Scenario: A terrorist group attacks a Belgian civil network
    Given a case about "cyber-attack" in "civil-network" involving a "terrorist-group"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the partners are "ccb, ocad"

  Scenario Outline: Who leads a cyber attack
    Given a case about "cyber-attack" in "<location>" involving a "<actor>"
    And the target is "<target>"
    And the case is flagged "<flags>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the competence is "<competence>"
    And the partners are "<partners>"
    And the consultation is "<consultation>"
    And the decision rests on rule "<rule>"

    Examples: Civil systems attacked for an art. 8 threat: VSSE leads the intelligence side, with the CCB
      | location                  | actor                        | target                  | flags    | lead | competence | partners  | consultation         | rule                                    |
      | international-institution | state-proxy                  | unspecified             |          | vsse | exclusive  | ccb, eu   | liaison              | general.international-institution       |
      | civil-network             | foreign-intelligence-service | economy-science         |          | vsse | shared     | adiv, ccb | liaison              | competence.foreign-intelligence-service |
      | civil-network             | extremist-group              | unspecified             |          | vsse | exclusive  | ccb, ocad | liaison              | general.ocad-terrorist-actor            |
      | civil-network             | state-proxy                  | critical-infrastructure | imminent | vsse | exclusive  | ccb, nccn | liaison, crisis-cell | flag.imminent                           |
      | civil-network             | state-proxy                  | unspecified             | disputed | vsse | exclusive  | ccb       | liaison, cciv        | flag.disputed                           |

    Examples: A criminal or unattributed attack: a police matter, with the CCB
      | location      | actor                 | target                  | flags             | lead | competence | partners                              | consultation | rule                   |
      | civil-network | unknown               | critical-infrastructure |                   | none | none       | ccb, federal-prosecutor, fedpol, nccn | liaison      | cyber.no-art8-threat   |
      | belgium       | unknown               | unspecified             |                   | none | none       | ccb, federal-prosecutor, fedpol       | liaison      | cyber.ccb              |
      | civil-network | unknown               | unspecified             | cyber-component   | none | none       | ccb, federal-prosecutor, fedpol       | liaison      | flag.cyber-component   |
      | belgium       | criminal-organisation | unspecified             | offence-indicated | none | none       | ccb, federal-prosecutor, fedpol       | liaison      | flag.offence-indicated |
      | abroad        | criminal-organisation | unspecified             |                   | none | none       | ccb, federal-prosecutor, fedpol       | liaison      | cyber.no-art8-threat   |

    Examples: Defence networks, actors or targets: ADIV leads (Cyber Command)
      | location         | actor                        | target      | flags           | lead | competence | partners | consultation | rule                      |
      | military-network | unknown                      | unspecified |                 | adiv | exclusive  |          | liaison      | cyber.defence-nexus       |
      | military-network | criminal-organisation        | unspecified |                 | adiv | exclusive  |          | liaison      | cyber.defence-nexus       |
      | military-network | foreign-intelligence-service | unspecified |                 | adiv | shared     | vsse     | liaison      | competence.vsse.art8      |
      | military-network | unknown                      | unspecified | cyber-component | adiv | exclusive  | ccb      | liaison      | flag.cyber-component      |
      | civil-network    | unknown                      | defence     |                 | adiv | exclusive  | ccb      | liaison      | fact.defence-nexus.target |
      | civil-network    | belgian-military             | unspecified |                 | adiv | exclusive  | ccb      | liaison      | fact.defence-nexus.actor  |

    Examples: Run from abroad: VSSE for an art. 8 threat, ADIV for a foreign military
      | location | actor                        | target      | flags | lead | competence | partners                    | consultation | rule                         |
      | abroad   | foreign-intelligence-service | unspecified |       | vsse | exclusive  | adiv, ccb, foreign-services | liaison      | cyber.art8-threat            |
      | abroad   | foreign-military             | unspecified |       | adiv | shared     | ccb, foreign-services, vsse | liaison      | fact.art8-threat.state-cyber |

  Scenario Outline: The CCB, the national authority for civil networks, is not brought in for Defence and allied systems
    Given a case about "cyber-attack" in "<location>" involving a "<actor>"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "<partners>"
    And the decision rests on rule "cyber.defence-nexus"

    Examples: Defence installations and allied headquarters
      | location           | actor            | partners   |
      | operations-theatre | foreign-military |            |
      | nato-site          | state-proxy      | nato, vsse |

  Scenario: The CCB handles the incident at a defence contractor's office network
    Given a case about "cyber-attack" in "defence-industry-site" involving a "state-proxy"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the partners are "ccb, vsse"
    And the decision rests on rules "cyber.defence-nexus, cyber.ccb"
