"""Use cases shared by the window and the command line: the only door to the store."""
