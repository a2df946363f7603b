"""From a question to an Answer: query understanding, composition, the Answer itself."""
