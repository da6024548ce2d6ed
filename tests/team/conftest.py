"""The team-library tests: their server fixtures live in tests/conftest.py, for every suite.

``pg_server`` (one throwaway PostgreSQL per session), ``pg_url`` (an empty database of
its own), ``server_url`` (that URL, checked), ``pg_library_url`` (a migrated, empty
library). If the server cannot start, every test that needs it fails with the
server's log: the suite never skips its way to green.
"""
