"""Hypothesis profiles: a bounded one for CI, a thorough one for local runs.

Select with ``HYPOTHESIS_PROFILE=ci|dev|thorough``; CI (``CI`` set) defaults to ``ci``.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
