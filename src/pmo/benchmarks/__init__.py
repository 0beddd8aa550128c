"""Benchmark inputs straight into engine arrays: PSPLIB instances and generated networks."""
