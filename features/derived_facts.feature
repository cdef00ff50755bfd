Feature: Derived facts and the default channel
  The lead rules reason with facts derived from the case: a Defence nexus, abroad, the civil
  setting. Liaison officers are the default channel of every case.

  Scenario Outline: What gives a case a Defence nexus, puts it abroad or in the civil setting
    Given a case about "terrorism" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the fact "<fact>" holds
    And the decision rests on rule "<rule>"

    Examples:
      | location           | actor            | target               | fact                | rule                        |
      | belgium            | foreign-military | unspecified          | defence-nexus       | fact.defence-nexus.actor    |
      | belgium            | terrorist-group  | armed-forces-mission | defence-nexus       | fact.defence-nexus.target   |
      | military-site      | terrorist-group  | unspecified          | defence-nexus       | fact.defence-nexus.location |
      | operations-theatre | terrorist-group  | unspecified          | abroad              | fact.abroad                 |
      | civil-network      | lone-actor       | unspecified          | civil-setting       | fact.civil-setting          |
      | belgium            | lone-actor       | unspecified          | individual-followed | fact.individual-followed    |
      | belgium            | lone-actor       | unspecified          | art8-threat         | fact.art8-threat            |

  Scenario: A Defence nexus on Belgian soil is not the civil setting
    Given a case about "terrorism" in "belgium" involving a "terrorist-group"
    And the target is "defence-industry"
    When the duty officer asks who leads
    Then the fact "defence-nexus" holds
    And the fact "civil-setting" does not hold
    And the decision does not rest on rule "fact.civil-setting"

  Scenario: Every case goes through the liaison officers
    Given a case about "espionage" in "abroad" involving a "company"
    When the duty officer asks who leads
    Then the consultation is "liaison"
    And the decision rests on rule "general.liaison"

  Scenario: A foreign intelligence officer at work in Belgium concerns both services
    Given a case about "extremism" in "belgium" involving a "foreign-intelligence-service"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And "adiv" is among the partners
    And the decision rests on rule "general.foreign-service-in-belgium"

  Scenario: Abroad the services work with their foreign partners
    Given a case about "sectarian-organisation" in "abroad" involving a "sectarian-group"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "foreign-services, vsse"
    And the decision rests on rule "general.foreign-partners-abroad"

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
