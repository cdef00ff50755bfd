Feature: The command line at the duty desk
  `allocator decide` answers in text for a person or in JSON for a program. A mistake in the
  case or in the rule files gets a clear message and its exit status, never a traceback.

  Scenario: A decision as JSON carries every key of the contract
    When the duty officer runs "allocator decide --topic terrorism --location belgium --actor terrorist-group --format json"
    Then the exit status is 0
    And the output is one JSON object with the keys "lead, partners, consultation, competent, competence, rules, ruleset"
    And the JSON field "lead" is "vsse"
    And the JSON field "competence" is "exclusive"
    And no traceback is shown

  Scenario: A decision in text comes first and brief: lead, competence, partners, channel, one line of why
    When the duty officer runs "allocator decide --topic terrorism --location military-site --actor terrorist-group"
    Then the exit status is 0
    And the output says "Lead:         General Intelligence and Security Service (ADIV)"
    And the output says "shared: both services are competent; the lead follows terrorism.defence-nexus"
    And the output says "Partners:     Coordination Unit for Threat Analysis (CUTA), State Security (VSSE)"
    And the output says "Consultation: 1. Liaison officers, 2. Joint ADIV–VSSE platform"
    And the output says "Why:          terrorism.defence-nexus (priority 400, outranks terrorism.art8-threat)"
    And the output does not say "Reasoning"

  Scenario: With --why a decision in text gives the reasoning and the legal basis of every rule
    When the duty officer runs "allocator decide --topic terrorism --location military-site --actor terrorist-group --why"
    Then the exit status is 0
    And the output says "ADIV"
    And the output says "State Security (VSSE)"
    And the output says "shared"
    And the output says "terrorism.defence-nexus"
    And the output says "Organic Law of 30 November 1998"
    And the output says "art. 11"

  Scenario: The explanation of a screening says that a refusal can be appealed
    When the duty officer runs "allocator decide --topic security-screening --location belgium --actor belgian-civilian --target defence --why"
    Then the exit status is 0
    And the output says "ADIV"
    And the output says "screening.defence-candidate"
    And the output says "appeal"
    And no traceback is shown

  Scenario: The new topic sabotage is known to the command line
    When the duty officer runs "allocator decide --topic sabotage --location belgium --actor state-proxy --target critical-infrastructure --format json"
    Then the exit status is 0
    And the JSON field "lead" is "vsse"
    And the JSON field "competence" is "exclusive"
    And no traceback is shown

  Scenario: A mistyped topic lists the valid topics and suggests the nearest
    When the duty officer runs "allocator decide --topic terrorsm --location belgium --actor terrorist-group"
    Then the exit status is 2
    And the error output says "unknown topic `terrorsm`"
    And the error output says "did you mean `terrorism`?"
    And the error output says "valid topics: terrorism, radicalisation, extremism"
    And no traceback is shown

  Scenario: A missing attribute is a usage error
    When the duty officer runs "allocator decide --location belgium --actor terrorist-group"
    Then the exit status is 2
    And the error output says "missing topic"
    And no traceback is shown

  Scenario: A rule file with a syntax error stops every command with its position
    Given a copy of the rules in force
    And in the rule file "terrorism.yaml" "      topic: [terrorism, radicalisation, extremism]" is replaced by "      topic: [terrorism, radicalisation, extremism"
    When the duty officer runs "allocator decide --topic terrorism --location belgium --actor terrorist-group"
    Then the exit status is 3
    And the error output says "terrorism.yaml:"
    And the error output says "yaml-syntax: invalid YAML"
    And the error output says "nothing was loaded"
    And no traceback is shown

  Scenario: A misspelt key in a rule file is named with its line and column, and a suggestion
    Given a copy of the rules in force
    And the rule file "broken.yaml" contains:
      """
      rules:
        - id: broken.example
          title: An example
          basis: None
          description: An example with a misspelt key.
          when:
            topc: terrorism
          then:
            partners: ocad
      """
    When the duty officer runs "allocator rules"
    Then the exit status is 3
    And the error output says "broken.yaml:7:7: unknown-key: unknown key `topc`"
    And the error output says "did you mean `topic`?"

  Scenario: An unknown id in a rule file is named, with the nearest valid one
    Given a copy of the rules in force
    And in the rule file "flags.yaml" "partners: nccn" is replaced by "partners: ncnn"
    When the duty officer runs "allocator decide --topic terrorism --location belgium --actor lone-actor"
    Then the exit status is 3
    And the error output says "unknown-id: unknown partner `ncnn`"
    And the error output says "did you mean `nccn`?"

  Scenario: A duplicate key in a rule file is refused
    Given a copy of the rules in force
    And in the rule file "flags.yaml" "      partners: nccn" is replaced by "      partners: nccn\n      partners: ocad"
    When the duty officer runs "allocator --version"
    Then the exit status is 3
    And the error output says "duplicate-key: duplicate key `partners`"

  Scenario: The version names the rule set in force
    When the duty officer runs "allocator --version"
    Then the exit status is 0
    And the output says "allocator 0.1.0"
    And the output says "sha256:"

  Scenario: Every rule is listed with its basis and place
    When the duty officer runs "allocator rules"
    Then the exit status is 0
    And the output says "terrorism.art8-threat"
    And the output says "foreign-service.civil-target"
    And the output says "competence.yaml:"
    And the output says "terrorism.yaml:"
