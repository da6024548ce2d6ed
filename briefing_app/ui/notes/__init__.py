"""The notes panel, the list of a claim's notes and the deleted notes."""
