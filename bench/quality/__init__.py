"""Audit quality benchmark: generated perturbation items and documents, the auditor
against sacrebleu, embedding and Bertalign baselines (`python -m bench.quality`)."""
