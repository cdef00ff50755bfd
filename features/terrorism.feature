Feature: Terrorism, radicalisation and extremism
  VSSE leads in the civil setting; ADIV leads with a Defence nexus and abroad.
  OCAD is always informed, the joint ADIV-VSSE platform handles the counter-terrorism
  overlap, and individuals are followed in the local task forces.

  Scenario: A jihadist network plans an attack in Brussels
    Given a case about "terrorism" in "belgium" involving a "terrorist-group"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And "ocad" is among the partners
    And "adiv" is not among the partners
    And the consultation is "liaison, joint-platform"
    And the decision rests on rules "terrorism.civil-setting, terrorism.ocad, terrorism.joint-platform, fact.civil-setting"

  Scenario: A terrorist group plans an attack on a barracks
    Given a case about "terrorism" in "military-site" involving a "terrorist-group"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And "vsse" is among the partners
    And "ocad" is among the partners
    And the fact "defence-nexus" holds
    And the fact "civil-setting" does not hold
    And the decision rests on rules "terrorism.defence-nexus, fact.defence-nexus.location, general.vsse-mandate-touched"

  Scenario: A soldier is being radicalised (the lesson of the Conings case)
    Given a case about "radicalisation" in "belgium" involving a "belgian-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the partners are "ocad, vsse"
    And the consultation is "liaison, joint-platform, task-force"
    And the decision rests on rules "terrorism.defence-nexus, terrorism.task-force, fact.defence-nexus.actor, fact.individual-followed"

  Scenario: Belgian fighters with a terrorist group in a conflict zone abroad
    Given a case about "terrorism" in "abroad" involving a "belgian-civilian"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And "vsse" is among the partners
    And the consultation goes through "task-force"
    And the fact "abroad" holds
    And the decision rests on rules "terrorism.abroad, fact.abroad"
    And the decision does not rest on rule "general.vsse-mandate-touched"

  Scenario: An extremist threat against a deployed Belgian contingent
    Given a case about "extremism" in "operations-theatre" involving an "extremist-group"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the fact "defence-nexus" holds
    And the fact "abroad" holds
    And the decision rests on rule "terrorism.defence-nexus"
    And the consultation does not go through "joint-platform"

  Scenario: An extremist group targets Defence personnel in a Belgian town
    Given a case about "extremism" in "belgium" involving an "extremist-group"
    And the target is "defence"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the decision rests on rules "terrorism.defence-nexus, fact.defence-nexus.target"

  Scenario Outline: Who leads a terrorism, radicalisation or extremism case
    Given a case about "<topic>" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the consultation is "<consultation>"
    And the decision rests on rule "<rule>"

    Examples: Civil setting: VSSE leads
      | topic          | location                  | actor            | target             | lead | partners | consultation                        | rule                    |
      | terrorism      | belgium                   | lone-actor       | population         | vsse | ocad     | liaison, joint-platform, task-force | terrorism.civil-setting |
      | terrorism      | international-institution | terrorist-group  | unspecified        | vsse | eu, ocad | liaison, joint-platform             | terrorism.civil-setting |
      | radicalisation | civil-network             | foreign-national | unspecified        | vsse | ocad     | liaison, joint-platform, task-force | terrorism.civil-setting |
      | extremism      | belgium                   | extremist-group  | democratic-process | vsse | ocad     | liaison                             | terrorism.civil-setting |
      | extremism      | belgium                   | belgian-civilian | public-figure      | vsse | ocad     | liaison, task-force                 | terrorism.task-force    |

    Examples: Defence nexus: ADIV leads, VSSE informed
      | topic          | location              | actor            | target      | lead | partners         | consultation                        | rule                    |
      | terrorism      | nato-site             | terrorist-group  | unspecified | adiv | nato, ocad, vsse | liaison, joint-platform             | terrorism.defence-nexus |
      | terrorism      | military-network      | terrorist-group  | unspecified | adiv | ocad, vsse       | liaison, joint-platform             | terrorism.defence-nexus |
      | extremism      | belgium               | belgian-military | unspecified | adiv | ocad, vsse       | liaison, task-force                 | terrorism.task-force    |
      | radicalisation | defence-industry-site | lone-actor       | unspecified | adiv | ocad, vsse       | liaison, joint-platform, task-force | terrorism.defence-nexus |

    Examples: Abroad: ADIV leads, VSSE informed of the spill-over
      | topic          | location | actor            | target      | lead | partners                     | consultation                        | rule             |
      | terrorism      | abroad   | terrorist-group  | unspecified | adiv | foreign-services, ocad, vsse | liaison, joint-platform             | terrorism.abroad |
      | radicalisation | abroad   | foreign-national | unspecified | adiv | foreign-services, ocad, vsse | liaison, joint-platform, task-force | terrorism.abroad |

  Scenario: Money for a jihadist group is collected in Antwerp
    Given a case about "terrorism-financing" in "belgium" involving a "belgian-civilian"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the partners are "cfi, ocad"
    And the consultation is "liaison, joint-platform"
    And the decision rests on rules "terrorism-financing.civil-setting, terrorism-financing.partners"

  Scenario Outline: Who leads a terrorism financing case
    Given a case about "terrorism-financing" in "<location>" involving a "<actor>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the partners are "<partners>"
    And the decision rests on rule "<rule>"

    Examples: VSSE in Belgium, ADIV with a Defence nexus or abroad
      | location      | actor            | lead | partners                          | rule                              |
      | civil-network | company          | vsse | cfi, ocad                         | terrorism-financing.civil-setting |
      | military-site | belgian-military | adiv | cfi, ocad, vsse                   | terrorism-financing.defence-nexus |
      | abroad        | terrorist-group  | adiv | cfi, foreign-services, ocad, vsse | terrorism-financing.abroad        |
