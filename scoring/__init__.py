"""driftaudit's scoring library: translation drift auditing, no web code.

Pipeline stages, one module each: clean -> segment -> embed -> align -> score -> check
-> flag -> report. `scoring.pipeline.Auditor` is the one entry point.
"""

__version__ = "0.1.0"
