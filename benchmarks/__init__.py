"""Benchmarks of the dashboard at scale, each measured against the nearest library limit (`python -m benchmarks`)."""
