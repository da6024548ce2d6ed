"""Benchmarks: a synthetic corpus at several sizes, and the measurements of `make bench`."""
