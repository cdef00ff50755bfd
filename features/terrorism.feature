Feature: Terrorism, radicalisation, extremism and terrorism financing
  Terrorism (the radicalisation process included) and extremism are threats of art. 8, 1°, b
  and c of the Organic Law of 30 November 1998: VSSE's under art. 7, 1°, wherever they come
  from or play out. Abroad VSSE still leads; ADIV is a partner that collects there (art. 11)
  and the foreign services help. A Belgian foreign fighter in a conflict zone is a VSSE case:
  the threat is to Belgium and the local task forces follow the person. Only where Belgian
  forces are deployed (an operations theatre), or with another Defence nexus, does ADIV lead
  (art. 11: extremism inside the armed forces is military security); both services are then
  competent.
  OCAD must always be informed (law of 10 July 2006); every terrorism, radicalisation and
  extremism case goes through the joint ADIV-VSSE platform (it covers terrorism and extremism); a person followed is entered in the common
  database T.E.R. and discussed in the local task force (law of 29 March 2024); a foreign
  national brings in the Immigration Office, one of OCAD's support services. Terrorism
  financing is VSSE's, with CFI and OCAD, also when the money moves abroad.

  Scenario: A jihadist network plans an attack in Brussels
    Given a case about "terrorism" in "belgium" involving a "terrorist-group"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And the partners are "ocad"
    And "adiv" is not among the partners
    And the consultation is "liaison, joint-platform"
    And the decision rests on rules "terrorism.art8-threat, terrorism.ocad, terrorism.joint-platform, competence.vsse.art8, fact.art8-threat"

  Scenario: A lone actor radicalised online prepares an attack in a Belgian city
    Given a case about "terrorism" in "belgium" involving a "lone-actor"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And the consultation is "liaison, joint-platform, task-force"
    And the fact "individual-followed" holds
    And the decision rests on rules "terrorism.task-force, fact.individual-followed"

  Scenario: A Belgian foreign fighter joins a terrorist group in a conflict zone without Belgian troops
    Given a case about "terrorism" in "abroad" involving a "belgian-civilian"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the competent services are "vsse"
    And "adiv" is among the partners
    And "ocad" is among the partners
    And "foreign-services" is among the partners
    And "foreign-affairs" is among the partners
    And the consultation goes through "joint-platform, task-force"
    And the fact "abroad" holds
    And the fact "defence-nexus" does not hold
    And the decision rests on rules "terrorism.art8-threat, general.collection-abroad, general.foreign-partners-abroad, general.belgians-abroad-concerned"
    And the decision does not rest on rule "terrorism.defence-nexus"

  Scenario: A Belgian fights with a militia in the theatre where Belgian forces are deployed
    Given a case about "terrorism" in "operations-theatre" involving a "belgian-civilian"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And "vsse" is among the partners
    And "ocad" is among the partners
    And the consultation goes through "task-force"
    And the decision rests on rules "terrorism.defence-nexus, fact.defence-nexus.location"

  Scenario: A terrorist group plans an attack on a barracks
    Given a case about "terrorism" in "military-site" involving a "terrorist-group"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the competent services are "adiv, vsse"
    And the partners are "ocad, vsse"
    And the fact "defence-nexus" holds
    And the decision rests on rules "terrorism.defence-nexus, fact.defence-nexus.location, competence.adiv.defence-nexus, competence.vsse.art8"

  Scenario: A soldier is being radicalised (the lesson of the Conings case)
    Given a case about "radicalisation" in "belgium" involving a "belgian-military"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the partners are "ocad, vsse"
    And the consultation is "liaison, joint-platform, task-force"
    And the decision rests on rules "terrorism.defence-nexus, terrorism.task-force, fact.defence-nexus.actor, fact.individual-followed"

  Scenario: A foreign hate preacher radicalises young people in Antwerp
    Given a case about "radicalisation" in "belgium" involving a "foreign-national"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the partners are "immigration-office, ocad"
    And the consultation is "liaison, joint-platform, task-force"
    And the decision rests on rule "terrorism.immigration-office"

  Scenario: A returnee of foreign nationality spreads extremist propaganda from abroad
    Given a case about "extremism" in "abroad" involving a "foreign-national"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the partners are "adiv, foreign-services, immigration-office, ocad"
    And the consultation is "liaison, joint-platform, task-force"
    And the decision rests on rules "terrorism.art8-threat, terrorism.immigration-office"

  Scenario: An extremist threat against a deployed Belgian contingent
    Given a case about "extremism" in "operations-theatre" involving an "extremist-group"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the fact "defence-nexus" holds
    And the fact "abroad" holds
    And the decision rests on rule "terrorism.defence-nexus"
    And the consultation goes through "joint-platform"

  Scenario: An extremist group targets Defence personnel in a Belgian town
    Given a case about "extremism" in "belgium" involving an "extremist-group"
    And the target is "defence"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"
    And the partners are "ocad, vsse"
    And the decision rests on rules "terrorism.defence-nexus, fact.defence-nexus.target"

  Scenario Outline: Who leads a terrorism, radicalisation or extremism case
    Given a case about "<topic>" in "<location>" involving a "<actor>"
    And the target is "<target>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the competence is "<competence>"
    And the partners are "<partners>"
    And the consultation is "<consultation>"
    And the decision rests on rule "<rule>"

    Examples: In Belgium, at an international institution or online: VSSE leads
      | topic          | location                  | actor            | target             | lead | competence | partners                 | consultation                        | rule                         |
      | terrorism      | belgium                   | lone-actor       | population         | vsse | exclusive  | ocad                     | liaison, joint-platform, task-force | terrorism.art8-threat        |
      | terrorism      | international-institution | terrorist-group  | unspecified        | vsse | exclusive  | eu, ocad                 | liaison, joint-platform             | terrorism.art8-threat        |
      | radicalisation | civil-network             | foreign-national | unspecified        | vsse | exclusive  | immigration-office, ocad | liaison, joint-platform, task-force | terrorism.immigration-office |
      | extremism      | belgium                   | extremist-group  | democratic-process | vsse | exclusive  | ocad                     | liaison, joint-platform             | terrorism.ocad               |
      | extremism      | belgium                   | belgian-civilian | public-figure      | vsse | exclusive  | ocad                     | liaison, joint-platform, task-force | terrorism.task-force         |

    Examples: Defence nexus: ADIV leads, both services competent, VSSE a partner
      | topic          | location              | actor            | target               | lead | competence | partners         | consultation                        | rule                    |
      | terrorism      | nato-site             | terrorist-group  | unspecified          | adiv | shared     | nato, ocad, vsse | liaison, joint-platform             | terrorism.defence-nexus |
      | terrorism      | military-network      | terrorist-group  | unspecified          | adiv | shared     | ocad, vsse       | liaison, joint-platform             | terrorism.defence-nexus |
      | terrorism      | belgium               | terrorist-group  | armed-forces-mission | adiv | shared     | ocad, vsse       | liaison, joint-platform             | terrorism.defence-nexus |
      | extremism      | belgium               | belgian-military | unspecified          | adiv | shared     | ocad, vsse       | liaison, joint-platform, task-force | terrorism.task-force    |
      | radicalisation | defence-industry-site | lone-actor       | unspecified          | adiv | shared     | ocad, vsse       | liaison, joint-platform, task-force | terrorism.defence-nexus |

    Examples: Abroad: still VSSE, ADIV and the foreign services help; ADIV only where Belgian forces are deployed
      | topic          | location           | actor            | target      | lead | competence | partners                                         | consultation                        | rule                         |
      | terrorism      | abroad             | terrorist-group  | unspecified | vsse | exclusive  | adiv, foreign-services, ocad                     | liaison, joint-platform             | terrorism.art8-threat        |
      | radicalisation | abroad             | foreign-national | unspecified | vsse | exclusive  | adiv, foreign-services, immigration-office, ocad | liaison, joint-platform, task-force | terrorism.immigration-office |
      | extremism      | abroad             | extremist-group  | unspecified | vsse | exclusive  | adiv, foreign-services, ocad                     | liaison, joint-platform             | general.collection-abroad    |
      | terrorism      | operations-theatre | terrorist-group  | unspecified | adiv | shared     | foreign-services, ocad, vsse                     | liaison, joint-platform             | terrorism.defence-nexus      |

  Scenario: Money for a jihadist group is collected in Antwerp
    Given a case about "terrorism-financing" in "belgium" involving a "belgian-civilian"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And the partners are "cfi, ocad"
    And the consultation is "liaison, joint-platform"
    And the decision rests on rules "terrorism-financing.art8-threat, terrorism-financing.partners"

  Scenario Outline: Who leads a terrorism financing case
    Given a case about "terrorism-financing" in "<location>" involving a "<actor>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"
    And the competence is "<competence>"
    And the partners are "<partners>"
    And the decision rests on rule "<rule>"

    Examples: VSSE wherever the money goes, ADIV with a Defence nexus
      | location                  | actor            | lead | competence | partners                          | rule                              |
      | civil-network             | company          | vsse | exclusive  | cfi, ocad                         | terrorism-financing.art8-threat   |
      | international-institution | company          | vsse | exclusive  | cfi, eu, ocad                     | terrorism-financing.partners      |
      | military-site             | belgian-military | adiv | shared     | cfi, ocad, vsse                   | terrorism-financing.defence-nexus |
      | abroad                    | terrorist-group  | vsse | exclusive  | adiv, cfi, foreign-services, ocad | terrorism-financing.art8-threat   |
      | operations-theatre        | terrorist-group  | adiv | shared     | cfi, foreign-services, ocad, vsse | terrorism-financing.defence-nexus |
