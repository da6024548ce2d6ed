"""Developer scripts: gazetteer generation, schema fixtures, screenshots."""
