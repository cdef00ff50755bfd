Feature: Escalation flags
  A flag on the case adds partners and mechanisms whatever the topic; it never moves the lead.

  Scenario: An attack is imminent in a Belgian city
    Given a case about "terrorism" in "belgium" involving a "terrorist-group"
    And the case is flagged "imminent"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And "nccn" is among the partners
    And the consultation is "liaison, joint-platform, crisis-cell"
    And the decision rests on rule "flag.imminent"

  Scenario: Serious indications of an offence in an espionage case
    Given a case about "espionage" in "belgium" involving a "belgian-civilian"
    And the case is flagged "offence-indicated"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "federal-prosecutor, fedpol"
    And the decision rests on rule "flag.offence-indicated"

  Scenario Outline: Flags add partners and mechanisms, never a lead
    Given a case about "<topic>" in "<location>" involving a "<actor>"
    And the case is flagged "<flags>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the consultation is "<consultation>"

    Examples:
      | topic     | location     | actor           | flags                       | lead | partners                                  | consultation                         |
      | terrorism | belgium      | terrorist-group |                             | vsse | ocad                                      | liaison, joint-platform              |
      | terrorism | belgium      | terrorist-group | imminent, offence-indicated | vsse | federal-prosecutor, fedpol, nccn, ocad    | liaison, joint-platform, crisis-cell |
      | terrorism | military-site | terrorist-group | imminent                   | adiv | nccn, ocad, vsse                          | liaison, joint-platform, crisis-cell |
      | espionage | abroad       | foreign-military | offence-indicated          | adiv | federal-prosecutor, fedpol                | liaison                              |
