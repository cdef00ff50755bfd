Feature: Derived facts and the default channel
  The lead and competence rules reason with facts derived from the case. A Defence nexus
  (art. 11 of the Organic Law of 30 November 1998: a military actor, a Defence target, a
  military place, or a topic that is a Defence matter by nature) puts a case within ADIV's
  mandate. The security of Belgian nationals abroad is ADIV's own external mandate (art. 11).
  An art. 8 threat (art. 8, 1°, a to g) puts it within VSSE's mandate (art. 7, 1°), wherever it
  plays out; a criminal organisation is one only when linked to the other threats or
  destabilising (art. 8, 1°, f). Abroad is a fact that brings in partners and moves no lead.
  Liaison officers are the default channel of every case.

  Scenario Outline: What gives a case a Defence nexus, puts it abroad, or makes it an art. 8 threat
    Given a case about "<topic>" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the fact "<fact>" holds
    And the decision rests on rule "<rule>"

    Examples:
      | topic                 | location           | actor                 | target                   | fact                | rule                                 |
      | terrorism             | belgium            | foreign-military      | unspecified              | defence-nexus       | fact.defence-nexus.actor             |
      | terrorism             | belgium            | terrorist-group       | armed-forces-mission     | defence-nexus       | fact.defence-nexus.target            |
      | terrorism             | military-site      | terrorist-group       | unspecified              | defence-nexus       | fact.defence-nexus.location          |
      | military-security     | civil-network      | unknown               | unspecified              | defence-nexus       | fact.defence-nexus.topic             |
      | belgians-abroad       | belgium            | unknown               | unspecified              | nationals-abroad    | fact.nationals-abroad.topic          |
      | espionage             | belgium            | state-proxy           | belgian-nationals-abroad | nationals-abroad    | fact.nationals-abroad.target         |
      | terrorism             | operations-theatre | terrorist-group       | unspecified              | abroad              | fact.abroad                          |
      | espionage             | abroad             | company               | unspecified              | abroad              | fact.abroad                          |
      | terrorism             | belgium            | lone-actor            | unspecified              | individual-followed | fact.individual-followed             |
      | terrorism             | belgium            | lone-actor            | unspecified              | art8-threat         | fact.art8-threat                     |
      | sabotage              | belgium            | unknown               | critical-infrastructure  | art8-threat         | fact.art8-threat.sabotage            |
      | cyber-attack          | civil-network      | state-proxy           | unspecified              | art8-threat         | fact.art8-threat.actor               |
      | cyber-attack          | civil-network      | foreign-military      | unspecified              | art8-threat         | fact.art8-threat.state-cyber         |
      | criminal-organisation | belgium            | criminal-organisation | government               | art8-threat         | fact.art8-threat.destabilising-crime |

  Scenario: A Defence nexus does not take away the art. 8 threat
    Given a case about "terrorism" in "belgium" involving a "terrorist-group"
    And the target is "defence-industry"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the fact "defence-nexus" holds
    And the fact "art8-threat" holds
    And the competence is "shared"

  Scenario: A foreign army's attack on a Defence network is not counted as an art. 8 threat
    Given a case about "cyber-attack" in "military-network" involving a "foreign-military"
    When the duty officer asks who leads
    Then the fact "defence-nexus" holds
    And the fact "art8-threat" does not hold
    And the decision does not rest on rule "fact.art8-threat.state-cyber"

  Scenario: Organised crime aimed at a public figure is not destabilising by itself
    Given a case about "criminal-organisation" in "belgium" involving a "criminal-organisation"
    And the target is "public-figure"
    When the duty officer asks who leads
    Then the lead service is "none"
    And the fact "art8-threat" does not hold
    And the decision does not rest on rule "fact.art8-threat.destabilising-crime"

  Scenario: A case reported in Belgium about Belgians abroad is not itself abroad
    Given a case about "belgians-abroad" in "belgium" involving an "unknown"
    When the duty officer asks who leads
    Then the fact "nationals-abroad" holds
    And the fact "abroad" does not hold

  Scenario: Every case goes through the liaison officers
    Given a case about "espionage" in "abroad" involving a "company"
    When the duty officer asks who leads
    Then the consultation is "liaison"
    And the decision rests on rule "general.liaison"

  Scenario: A foreign intelligence officer at work in Belgium concerns both services
    Given a case about "extremism" in "belgium" involving a "foreign-intelligence-service"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And "adiv" is among the partners
    And the decision rests on rule "competence.foreign-intelligence-service"

  Scenario: Abroad the services work with their foreign partners
    Given a case about "sectarian-organisation" in "abroad" involving a "sectarian-group"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "adiv, foreign-services"
    And the decision rests on rules "general.foreign-partners-abroad, general.collection-abroad"

  Scenario: A case at an EU institution involves the EU
    Given a case about "espionage" in "international-institution" involving a "state-proxy"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "eu"
    And the decision rests on rule "general.international-institution"

  Scenario: A threat to critical infrastructure involves the National Crisis Centre
    Given a case about "cyber-attack" in "civil-network" involving a "state-proxy"
    And the target is "critical-infrastructure"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "ccb, nccn"
    And the decision rests on rule "general.critical-infrastructure"
