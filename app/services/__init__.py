"""The one place that submits, runs and finishes audits, stores originals and records
verdicts: API routes, dashboard routes and background workers all call these.

* `runner`: `AuditService`, the loaded `scoring.pipeline.Auditor` with its concurrency
  slots, the vector index of stored originals, and running one audit;
* `audits`: submitting an audit (in the request, or queued for a worker), a worker's run;
* `corpus`: storing originals and finding a candidate's original;
* `reviews`: verdicts on flags, under the caller's identity.
"""
