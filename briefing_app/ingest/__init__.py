"""Text to document: decoding, layout, sentences, entities, attribution, hedges, themes."""
