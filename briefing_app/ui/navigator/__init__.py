"""The navigator: All, the themes, the special views and saved searches."""
