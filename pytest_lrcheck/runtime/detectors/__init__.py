"""Detectors: each reads evidence gathered by a check and returns symptoms with their numbers.

`curve` reads only the per-step loss curve and decides the verdict; the others explain a
failure and run only once a run is unhealthy.
"""
