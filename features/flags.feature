Feature: Escalation flags
  A flag on the case adds partners and mechanisms whatever the topic; it never moves the lead.
  Disputes climb the ladder: liaison first, then the CCIV; a question of policy goes to the
  SCIV (and for terrorism financing and proliferation on to the National Security Council);
  a recurring cooperation problem to the follow-up committee of the Intelligence Plan.

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
      | topic     | location      | actor            | flags                       | lead | partners                                     | consultation                         |
      | terrorism | belgium       | terrorist-group  |                             | vsse | ocad                                         | liaison, joint-platform              |
      | terrorism | belgium       | terrorist-group  | imminent, offence-indicated | vsse | federal-prosecutor, fedpol, nccn, ocad       | liaison, joint-platform, crisis-cell |
      | terrorism | military-site | terrorist-group  | imminent                    | adiv | nccn, ocad, vsse                             | liaison, joint-platform, crisis-cell |
      | espionage | abroad        | foreign-military | offence-indicated           | adiv | federal-prosecutor, fedpol, foreign-services | liaison                              |

  Scenario: The services disagree on who leads a radicalisation case
    Given a case about "radicalisation" in "belgium" involving a "lone-actor"
    And the case is flagged "disputed"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the consultation is "liaison, joint-platform, task-force, cciv"
    And the decision rests on rule "flag.disputed"

  Scenario: Setting the priorities for proliferation financing
    Given a case about "proliferation" in "belgium" involving a "company"
    And the case is flagged "policy-question, financial-component"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "cfi, customs"
    And the consultation is "liaison, sciv, nvr"
    And the decision rests on rules "flag.policy-question, flag.policy-question.nvr, flag.financial-component"

  Scenario Outline: What each flag brings in
    Given a case about "<topic>" in "<location>" involving a "<actor>"
    And the case is flagged "<flag>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the consultation is "<consultation>"
    And the decision rests on rule "<rule>"

    Examples: One flag at a time, the lead unchanged
      | topic               | location      | actor            | flag                | lead | partners                          | consultation                            | rule                     |
      | espionage           | belgium       | company          | imminent            | vsse | nccn                              | liaison, crisis-cell                    | flag.imminent            |
      | espionage           | belgium       | company          | offence-indicated   | vsse | federal-prosecutor, fedpol        | liaison                                 | flag.offence-indicated   |
      | terrorism-financing | belgium       | company          | financial-component | vsse | cfi, ocad                         | liaison, joint-platform                 | flag.financial-component |
      | economic-potential  | belgium       | company          | goods-transfer      | vsse | customs                           | liaison                                 | flag.goods-transfer      |
      | interference        | civil-network | unknown          | cyber-component     | vsse | ccb                               | liaison                                 | flag.cyber-component     |
      | espionage           | military-site | foreign-military | disputed            | adiv | vsse                              | liaison, cciv                           | flag.disputed            |
      | extremism           | belgium       | extremist-group  | policy-question     | vsse | ocad                              | liaison, sciv                           | flag.policy-question     |
      | terrorism-financing | abroad        | terrorist-group  | policy-question     | adiv | cfi, foreign-services, ocad, vsse | liaison, joint-platform, sciv, nvr      | flag.policy-question.nvr |
      | terrorism           | belgium       | terrorist-group  | structural-issue    | vsse | ocad                              | liaison, joint-platform, nsip-committee | flag.structural-issue    |
