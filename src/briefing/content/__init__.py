"""Read, check and describe a briefing's source: YAML with positions -> typed, validated model."""
