Feature: Escalation flags
  A flag on the case adds partners and mechanisms whatever the topic; it never moves the lead.
  An imminent threat brings in the National Crisis Centre and its crisis cell; serious
  indications of an offence bring in the federal prosecutor and the Federal Police (art. 19 and
  13/5 of the Organic Law of 30 November 1998); a financial component CFI; a goods transfer
  Customs; a cyber component the CCB. Disputes climb the ladder: liaison first, then the CCIV;
  a question of policy goes to the SCIV (and for terrorism financing and proliferation on to the
  National Security Council, Royal Decree of 22 December 2020); a recurring cooperation problem
  to the follow-up committee of the National Strategic Intelligence Plan. The United Nations
  and the OSCE are not added to whole topics: the UN only where UN sanctions are at stake, the
  OSCE only where arms control or military confidence-building is at stake.

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

  Scenario: A sanctioned state's front company buys dual-use goods through Antwerp
    Given a case about "proliferation" in "belgium" involving a "company"
    And the case is flagged "goods-transfer, un-sanctions"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the partners are "customs, un"
    And the decision rests on rules "flag.un-sanctions, flag.goods-transfer"

  Scenario: A goods transfer alone does not bring in the United Nations
    Given a case about "proliferation" in "belgium" involving a "company"
    And the case is flagged "goods-transfer"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And "un" is not among the partners
    And the decision does not rest on rule "flag.un-sanctions"

  Scenario: A foreign army hides a notifiable military exercise from the OSCE inspectors
    Given a case about "foreign-military-threat" in "belgium" involving a "foreign-military"
    And the case is flagged "arms-control"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And "osce" is among the partners
    And the decision rests on rule "flag.arms-control"

  Scenario: Interference with an election alone does not bring in the OSCE
    Given a case about "interference" in "belgium" involving a "state-proxy"
    And the target is "democratic-process"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "foreign-affairs"
    And "osce" is not among the partners
    And the decision does not rest on rule "flag.arms-control"

  Scenario Outline: Flags add partners and mechanisms, never a lead
    Given a case about "<topic>" in "<location>" involving a "<actor>"
    And the case is flagged "<flags>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the consultation is "<consultation>"

    Examples:
      | topic     | location      | actor            | flags                       | lead | partners                                           | consultation                         |
      | terrorism | belgium       | terrorist-group  |                             | vsse | ocad                                               | liaison, joint-platform              |
      | terrorism | belgium       | terrorist-group  | imminent, offence-indicated | vsse | federal-prosecutor, fedpol, nccn, ocad             | liaison, joint-platform, crisis-cell |
      | terrorism | military-site | terrorist-group  | imminent                    | adiv | nccn, ocad, vsse                                   | liaison, joint-platform, crisis-cell |
      | espionage | abroad        | foreign-military | offence-indicated           | adiv | federal-prosecutor, fedpol, foreign-services, vsse | liaison                              |

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
      | topic                   | location      | actor                 | flag                | lead | partners                          | consultation                            | rule                     |
      | espionage               | belgium       | company               | imminent            | vsse | nccn                              | liaison, crisis-cell                    | flag.imminent            |
      | espionage               | belgium       | company               | offence-indicated   | vsse | federal-prosecutor, fedpol        | liaison                                 | flag.offence-indicated   |
      | terrorism-financing     | belgium       | company               | financial-component | vsse | cfi, ocad                         | liaison, joint-platform                 | flag.financial-component |
      | economic-potential      | belgium       | company               | goods-transfer      | vsse | customs                           | liaison                                 | flag.goods-transfer      |
      | interference            | civil-network | unknown               | cyber-component     | vsse | ccb                               | liaison                                 | flag.cyber-component     |
      | espionage               | military-site | foreign-military      | disputed            | adiv | foreign-affairs, vsse             | liaison, cciv                           | flag.disputed            |
      | extremism               | belgium       | extremist-group       | policy-question     | vsse | ocad                              | liaison, joint-platform, sciv           | flag.policy-question     |
      | terrorism-financing     | abroad        | terrorist-group       | policy-question     | vsse | adiv, cfi, foreign-services, ocad | liaison, joint-platform, sciv, nvr      | flag.policy-question.nvr |
      | terrorism               | belgium       | terrorist-group       | structural-issue    | vsse | ocad                              | liaison, joint-platform, nsip-committee | flag.structural-issue    |
      | terrorism-financing     | belgium       | company               | un-sanctions        | vsse | cfi, ocad, un                     | liaison, joint-platform                 | flag.un-sanctions        |
      | criminal-organisation   | belgium       | criminal-organisation | un-sanctions        | none | federal-prosecutor, fedpol, un    | liaison                                 | flag.un-sanctions        |
      | military-security       | military-site | belgian-military      | arms-control        | adiv | osce                              | liaison                                 | flag.arms-control        |
      | foreign-military-threat | abroad        | foreign-military      | arms-control        | adiv | eu, foreign-affairs, nato, osce   | liaison, sciv, nvr                      | flag.arms-control        |
