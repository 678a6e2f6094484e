"""Hypothesis profiles: a bounded one for CI, a thorough one for local runs.

Select with ``HYPOTHESIS_PROFILE=ci|dev|thorough``; CI (``CI`` set) defaults to ``ci``.
"""

import os

from hypothesis import HealthCheck, settings

# CI draws the same examples every run (a red run then means a change, not luck); dev and
# thorough draw new ones each time and keep failures in the local example database.
settings.register_profile(
    "ci", max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# Compiled rule sets go to a cache folder of this test run, never the user's own (~/.cache/algokader).
if "ALGOKADER_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["ALGOKADER_CACHE_DIR"] = tempfile.mkdtemp(prefix="algokader-test-cache-")
