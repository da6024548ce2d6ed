"""The article pane: the whole document, the claim and the search words marked."""
