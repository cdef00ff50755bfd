Feature: The order of precedence of docs/domain.md, through allocator decide
  The interpretation the rule set encodes, in order:
  1. A Defence nexus goes to ADIV (art. 11 of the Organic Law of 30 November 1998): a military
     actor, a Defence target or a military place. One exception: for espionage, interference,
     disinformation and sabotage by a foreign intelligence service or a foreign military, a
     civil target decides: VSSE leads and ADIV is competent too. Without a target, the actor's
     nature decides.
  2. ADIV's own external mandates go to ADIV (art. 11): a foreign military threat, and the
     security of Belgian nationals abroad.
  3. An art. 8 threat without a Defence nexus goes to VSSE (art. 7, 1° and 8, 1°) wherever it
     is located: in Belgium, at an international institution, on a civil network and abroad.
  4. A criminal organisation with no link to an art. 8 threat and no destabilising effect
     (art. 8, 1°, f) has no intelligence lead and goes to the police, wherever it is located.
  Then the topic-specific points. Each row is asked through the command line exactly as a duty
  officer would, and says who leads and whether one service or both are competent.

  Scenario Outline: Who leads, as docs/domain.md describes it
    When the duty officer runs "allocator decide --topic <topic> --location <location> --actor <actor> --target <target> --format json"
    Then the exit status is 0
    And the JSON field "lead" is "<lead>"
    And the JSON field "competence" is "<competence>"

    Examples: 1. A Defence nexus goes to ADIV: a military actor, a Defence target, a military place
      | topic             | location              | actor            | target               | lead | competence |
      | terrorism         | belgium               | belgian-military | unspecified          | adiv | shared     |
      | espionage         | belgium               | foreign-military | unspecified          | adiv | shared     |
      | extremism         | belgium               | extremist-group  | defence              | adiv | shared     |
      | interference      | belgium               | state-proxy      | armed-forces-mission | adiv | shared     |
      | espionage         | belgium               | company          | allied-forces        | adiv | shared     |
      | terrorism         | military-site         | terrorist-group  | unspecified          | adiv | shared     |
      | proliferation     | defence-industry-site | company          | unspecified          | adiv | shared     |
      | espionage         | nato-site             | state-proxy      | unspecified          | adiv | shared     |
      | terrorism         | operations-theatre    | belgian-civilian | unspecified          | adiv | shared     |
      | sabotage          | military-site         | state-proxy      | unspecified          | adiv | shared     |
      | cyber-attack      | military-network      | unknown          | unspecified          | adiv | exclusive  |
      | military-security | belgium               | belgian-civilian | unspecified          | adiv | exclusive  |

    Examples: 1. The exception: a foreign service or military against a civil target goes to VSSE, ADIV competent too
      | topic          | location      | actor                        | target                  | lead | competence |
      | espionage      | belgium       | foreign-military             | government              | vsse | shared     |
      | interference   | belgium       | foreign-military             | democratic-process      | vsse | shared     |
      | disinformation | civil-network | foreign-military             | population              | vsse | shared     |
      | sabotage       | belgium       | foreign-military             | critical-infrastructure | vsse | shared     |
      | espionage      | nato-site     | foreign-intelligence-service | economy-science         | vsse | shared     |
      | interference   | belgium       | foreign-military             | unspecified             | adiv | shared     |
      | espionage      | belgium       | foreign-military             | public-figure           | adiv | shared     |

    Examples: 2. ADIV's own external mandates: a foreign military threat, Belgians abroad
      | topic                   | location | actor                 | target                   | lead | competence |
      | foreign-military-threat | belgium  | foreign-military      | unspecified              | adiv | exclusive  |
      | belgians-abroad         | abroad   | unknown               | belgian-nationals-abroad | adiv | exclusive  |
      | belgians-abroad         | belgium  | unknown               | unspecified              | adiv | exclusive  |
      | terrorism               | abroad   | terrorist-group       | belgian-nationals-abroad | adiv | shared     |
      | criminal-organisation   | abroad   | criminal-organisation | belgian-nationals-abroad | adiv | exclusive  |

    Examples: 3. An art. 8 threat without a Defence nexus goes to VSSE, wherever it is located
      | topic                  | location                  | actor                        | target                  | lead | competence |
      | terrorism              | belgium                   | terrorist-group              | population              | vsse | exclusive  |
      | radicalisation         | civil-network             | lone-actor                   | unspecified             | vsse | exclusive  |
      | extremism              | belgium                   | extremist-group              | unspecified             | vsse | exclusive  |
      | espionage              | international-institution | foreign-intelligence-service | government              | vsse | shared     |
      | interference           | belgium                   | state-proxy                  | government              | vsse | exclusive  |
      | disinformation         | civil-network             | state-proxy                  | democratic-process      | vsse | exclusive  |
      | proliferation          | belgium                   | company                      | unspecified             | vsse | exclusive  |
      | sectarian-organisation | belgium                   | sectarian-group              | population              | vsse | exclusive  |
      | terrorism-financing    | belgium                   | belgian-civilian             | unspecified             | vsse | exclusive  |
      | sabotage               | belgium                   | state-proxy                  | critical-infrastructure | vsse | exclusive  |
      | cyber-attack           | civil-network             | state-proxy                  | economy-science         | vsse | exclusive  |
      | criminal-organisation  | belgium                   | criminal-organisation        | democratic-process      | vsse | exclusive  |
      | criminal-organisation  | belgium                   | criminal-organisation        | economy-science         | vsse | exclusive  |
      | criminal-organisation  | belgium                   | terrorist-group              | unspecified             | vsse | exclusive  |

    Examples: 3. ... and abroad: ADIV is then a partner that collects, not the lead
      | topic                  | location | actor                        | target             | lead | competence |
      | terrorism              | abroad   | terrorist-group              | unspecified        | vsse | exclusive  |
      | terrorism              | abroad   | belgian-civilian             | unspecified        | vsse | exclusive  |
      | espionage              | abroad   | foreign-national             | unspecified        | vsse | exclusive  |
      | espionage              | abroad   | foreign-intelligence-service | government         | vsse | exclusive  |
      | interference           | abroad   | state-proxy                  | democratic-process | vsse | exclusive  |
      | proliferation          | abroad   | company                      | unspecified        | vsse | exclusive  |
      | sectarian-organisation | abroad   | sectarian-group              | unspecified        | vsse | exclusive  |
      | terrorism-financing    | abroad   | terrorist-group              | unspecified        | vsse | exclusive  |
      | cyber-attack           | abroad   | state-proxy                  | unspecified        | vsse | exclusive  |
      | criminal-organisation  | abroad   | terrorist-group              | unspecified        | vsse | exclusive  |

    Examples: 4. A criminal organisation with no art. 8 link and no destabilising effect goes to the police, wherever
      | topic                 | location      | actor                 | target          | lead | competence |
      | criminal-organisation | belgium       | criminal-organisation | unspecified     | none | none       |
      | criminal-organisation | abroad        | criminal-organisation | unspecified     | none | none       |
      | criminal-organisation | civil-network | company               | public-figure   | none | none       |
      | cyber-attack          | civil-network | criminal-organisation | economy-science | none | none       |

    Examples: The topic-specific points
      | topic                 | location      | actor            | target           | lead | competence |
      | economic-potential    | belgium       | company          | economy-science  | vsse | exclusive  |
      | economic-potential    | abroad        | state-proxy      | economy-science  | vsse | exclusive  |
      | economic-potential    | belgium       | company          | defence-industry | adiv | shared     |
      | protection-of-persons | belgium       | lone-actor       | public-figure    | vsse | exclusive  |
      | protection-of-persons | abroad        | lone-actor       | public-figure    | vsse | exclusive  |
      | protection-of-persons | military-site | lone-actor       | defence          | adiv | shared     |
      | security-screening    | military-site | belgian-military | unspecified      | adiv | exclusive  |
      | security-screening    | belgium       | belgian-civilian | defence          | adiv | exclusive  |
      | security-screening    | belgium       | belgian-civilian | defence-industry | adiv | exclusive  |
      | security-screening    | belgium       | belgian-civilian | unspecified      | vsse | exclusive  |
