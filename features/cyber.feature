Feature: Cyber attacks
  An attack on the Defence networks is ADIV's, through its Cyber Command. On civil systems the
  attack is classified by what lies beneath: VSSE leads the intelligence side and the Centre
  for Cybersecurity Belgium (CCB) the incident response. An attack launched or playing out
  abroad is ADIV's. Ransomware and fraud by a criminal organisation with no link to an art. 8
  threat are a police matter: neither service leads.

  Scenario: A foreign state breaks into the mail servers of a federal ministry
    Given a case about "cyber-attack" in "civil-network" involving a "state-proxy"
    And the target is "government"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "ccb"
    And the consultation is "liaison"
    And the fact "civil-setting" holds
    And the decision rests on rules "cyber.civil-setting, cyber.ccb, fact.civil-setting"

  Scenario: A foreign military unit intrudes into the Defence networks
    Given a case about "cyber-attack" in "military-network" involving a "foreign-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "none"
    And "ccb" is not among the partners
    And the fact "defence-nexus" holds
    And the decision rests on rules "cyber.defence-nexus, fact.defence-nexus.location"
    And the decision does not rest on rule "cyber.ccb"

  Scenario: A ransomware gang encrypts the systems of a Belgian company
    Given a case about "cyber-attack" in "civil-network" involving a "criminal-organisation"
    And the target is "economy-science"
    When the duty officer asks who leads
    Then the lead service is "none"
    And the partners are "ccb, federal-prosecutor, fedpol"
    And the fact "art8-link" does not hold
    And the decision rests on rules "cyber.criminal, cyber.ccb"
    And the decision does not rest on rule "cyber.civil-setting"

  Scenario: Criminal hackers attack the government on behalf of a foreign state
    Given a case about "cyber-attack" in "civil-network" involving a "criminal-organisation"
    And the target is "government"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "ccb"
    And the fact "art8-link" holds
    And the decision rests on rules "cyber.civil-setting, fact.art8-link.target"
    And the decision does not rest on rule "cyber.criminal"

  Scenario: A state-sponsored group runs an attack campaign from abroad
    Given a case about "cyber-attack" in "abroad" involving a "state-proxy"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "ccb, foreign-services"
    And "vsse" is not among the partners
    And the fact "abroad" holds
    And the decision rests on rules "cyber.abroad, fact.abroad"

  Scenario: Hackers attack the systems of a barracks
    Given a case about "cyber-attack" in "military-site" involving an "unknown"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And "ccb" is not among the partners
    And the decision rests on rule "cyber.defence-nexus"

  Scenario: A terrorist group attacks a Belgian civil network
    Given a case about "cyber-attack" in "civil-network" involving a "terrorist-group"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And "ccb" is among the partners
    And "ocad" is among the partners

  Scenario Outline: Who leads a cyber attack
    Given a case about "cyber-attack" in "<location>" involving a "<actor>"
    And the target is "<target>"
    And the case is flagged "<flags>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the consultation is "<consultation>"
    And the decision rests on rule "<rule>"

    Examples: Civil systems in Belgium: VSSE leads the intelligence side, with the CCB
      | location                  | actor                        | target                  | flags           | lead | partners  | consultation         | rule                               |
      | civil-network             | unknown                      | critical-infrastructure |                 | vsse | ccb, nccn | liaison              | cyber.civil-setting                |
      | belgium                   | unknown                      | unspecified             |                 | vsse | ccb       | liaison              | cyber.ccb                          |
      | international-institution | state-proxy                  | unspecified             |                 | vsse | ccb, eu   | liaison              | general.international-institution  |
      | civil-network             | foreign-intelligence-service | economy-science         |                 | vsse | adiv, ccb | liaison              | general.foreign-service-in-belgium |
      | civil-network             | unknown                      | unspecified             | cyber-component | vsse | ccb       | liaison              | flag.cyber-component               |
      | civil-network             | state-proxy                  | critical-infrastructure | imminent        | vsse | ccb, nccn | liaison, crisis-cell | flag.imminent                      |
      | civil-network             | state-proxy                  | unspecified             | disputed        | vsse | ccb       | liaison, cciv        | flag.disputed                      |

    Examples: A criminal organisation with no art. 8 link: a police matter, with the CCB
      | location      | actor                 | target             | flags             | lead | partners                        | consultation | rule                  |
      | civil-network | criminal-organisation | economy-science    |                   | none | ccb, federal-prosecutor, fedpol | liaison      | cyber.criminal        |
      | belgium       | criminal-organisation | unspecified        | offence-indicated | none | ccb, federal-prosecutor, fedpol | liaison      | cyber.criminal        |
      | abroad        | criminal-organisation | unspecified        |                   | none | ccb, federal-prosecutor, fedpol | liaison      | cyber.criminal        |
      | civil-network | criminal-organisation | democratic-process |                   | vsse | ccb                             | liaison      | fact.art8-link.target |
      | abroad        | criminal-organisation | government         |                   | adiv | ccb                             | liaison      | cyber.abroad          |

    Examples: Defence networks, actors or targets: ADIV leads (Cyber Command)
      | location         | actor                        | target      | flags           | lead | partners | consultation | rule                               |
      | military-network | unknown                      | unspecified |                 | adiv |          | liaison      | cyber.defence-nexus                |
      | military-network | criminal-organisation        | unspecified |                 | adiv |          | liaison      | cyber.defence-nexus                |
      | military-network | foreign-intelligence-service | unspecified |                 | adiv | vsse     | liaison      | general.foreign-service-in-belgium |
      | military-network | unknown                      | unspecified | cyber-component | adiv | ccb      | liaison      | flag.cyber-component               |
      | civil-network    | unknown                      | defence     |                 | adiv | ccb      | liaison      | fact.defence-nexus.target          |
      | civil-network    | belgian-military             | unspecified |                 | adiv | ccb      | liaison      | fact.defence-nexus.actor           |

    Examples: Abroad: ADIV leads
      | location | actor                        | target                  | flags | lead | partners              | consultation | rule         |
      | abroad   | state-proxy                  | unspecified             |       | adiv | ccb, foreign-services | liaison      | cyber.abroad |
      | abroad   | foreign-intelligence-service | unspecified             |       | adiv | ccb, foreign-services | liaison      | cyber.abroad |
      | abroad   | unknown                      | critical-infrastructure |       | adiv | ccb, nccn             | liaison      | cyber.abroad |

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
