"""Service settings, read once from `DRIFTAUDIT_*` environment variables.

Every setting is validated at start: a bad value stops the start with a message that
names the variable. The README's settings table is generated from this class
(`driftaudit settings --markdown`), so the two cannot disagree.
"""

from __future__ import annotations

import ipaddress
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from scoring.config import DEFAULT_MODEL
from scoring.embed import Encoder

# The names of this machine's loopback interface that a Host header may carry.
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
HOSTNAME = re.compile(r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?")


class Settings(BaseSettings):
    """Everything the service reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="DRIFTAUDIT_", extra="ignore", validate_default=True)

    data_dir: Path = Field(Path("data"), description="Directory for the SQLite database and other state.")
    database_url: str = Field("", description="SQLAlchemy URL, e.g. postgresql+psycopg://user:pw@host/db. "
                                              "Empty: SQLite file `driftaudit.db` in the data directory.")
    model: str = Field(DEFAULT_MODEL, description="sentence-transformers model: a local directory or a name "
                                                  "found offline (default: the bundled all-MiniLM-L6-v2).")
    encoder: Encoder = Field(
        "onnx-int8", description="Backend that runs the model: onnx-int8 (quantised ONNX, fastest; exported into "
                                 "the cache directory at first start), onnx-fp32, or torch (sentence-transformers).")
    cache_dir: str = Field("", description="Where the exported ONNX graphs of the model are kept (written at "
                                           "first start or by `driftaudit prepare-model`). Empty: "
                                           "~/.cache/driftaudit, or $XDG_CACHE_HOME/driftaudit.")
    model_wait_seconds: float = Field(30.0, ge=0, description="How long a request that needs the model waits for "
                                                               "it while it loads at start-up (then 503).")
    drift_model: str = Field("", description="Drift model file written by `driftaudit calibrate` "
                                             "(empty: the one shipped, fitted on human MQM judgements).")
    multilingual_model: str = Field("use-multilingual-v3", description="Encoder for pairs in two languages: "
                                    "use-multilingual-v3 (bundled, offline, 16 languages), multilingual-e5-small "
                                    "(bundled, ~100 languages, ~20x slower), or `none` to refuse such pairs.")
    multilingual_fallback_model: str = Field("multilingual-e5-small", description="Encoder for pairs with a "
                                             "language the multilingual encoder was not trained on (Czech, Swedish, "
                                             "Hungarian, ...), when it reads both: multilingual-e5-small, or `none` "
                                             "to audit them with the multilingual encoder anyway (with a warning).")
    cross_drift_model: str = Field("", description="Drift model file for pairs in two languages, written by "
                                   "`driftaudit calibrate` on pairs with original_lang/candidate_lang (empty: the one "
                                   "shipped, fitted on WMT21 MQM en-de judgements).")
    mono_drift_model: str = Field("", description="Drift model file for pairs in one language other than English "
                                  "(German against German...), written by `driftaudit calibrate` on such pairs "
                                  "(empty: the one shipped, fitted on German-German pairs of WMT21 MQM en-de).")
    host: str = Field("127.0.0.1", description="Address `driftaudit serve` binds to. Anything but loopback "
                                               "needs at least one API key.")
    port: int = Field(8000, ge=1, le=65535, description="Port `driftaudit serve` listens on.")
    workers: int = Field(1, ge=0, le=32, description="Background audit worker threads per process "
                                                     "(0: this process only answers requests).")
    sync_max_sentences: int = Field(400, ge=0, description="Pairs with at most this many sentences in all are "
                                                           "audited in the request; larger ones answer 202.")
    max_body_bytes: int = Field(4_000_000, ge=1_000, description="Largest request body accepted.")
    max_chars: int = Field(1_000_000, ge=100, description="Longest document accepted, in characters.")
    max_sentences: int = Field(3_000, ge=1, description="Most sentences accepted per document.")
    max_concurrent_audits: int = Field(2, ge=1, description="Audits run in requests at the same time; "
                                                            "more wait in line.")
    max_waiting_audits: int = Field(32, ge=0, description="Requests allowed to wait for an audit slot; "
                                                          "beyond that the answer is 503 with Retry-After.")
    fetch_timeout: float = Field(15.0, gt=0, description="Seconds allowed for the whole fetch of an article URL: "
                                                         "connect, every redirect and the body.")
    fetch_max_bytes: int = Field(3_000_000, ge=1_000, description="Largest article page fetched.")
    fetch_allow: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Comma-separated hosts or networks (CIDR) that URL fetching may reach "
                                          "even though they are private or loopback, e.g. `10.0.0.0/8,cms.local`.")
    match_top: int = Field(5, ge=1, le=100, description="Originals aligned in full after the vector prefilter.")
    job_lease_seconds: int = Field(300, ge=10, description="A claimed background audit not finished within "
                                                           "this time is given to another worker.")
    job_poll_seconds: float = Field(0.5, gt=0, description="How often idle workers look for new audits.")
    job_max_attempts: int = Field(3, ge=1, description="A background audit whose worker died this many times "
                                                       "while running it fails (`worker_crashed`) instead of "
                                                       "being tried again.")
    max_pending_audits: int = Field(1000, ge=0, description="Background audits allowed to wait for a worker; "
                                                            "beyond that the answer is 503 with Retry-After.")
    max_audit_seconds: float = Field(300.0, gt=0, description="An audit still running after this many seconds "
                                                              "is stopped (`audit_too_long`).")
    webhook_max_attempts: int = Field(6, ge=1, le=50, description="Deliveries of one webhook event tried before "
                                                                   "it is marked failed (the log keeps it).")
    webhook_retry_seconds: float = Field(5.0, gt=0, le=3600, description="Wait before the first retry of a failed "
                                                                         "webhook delivery; doubled after each.")
    webhook_timeout: float = Field(10.0, gt=0, le=120, description="Seconds allowed for one webhook delivery "
                                                                   "(connect, send, answer).")
    log_level: Literal["debug", "info", "warning", "error"] = Field("info", description="Log level.")
    log_format: Literal["json", "text"] = Field("json", description="Log lines as JSON objects or plain text.")
    secret_key: str = Field("", description="Key that signs dashboard session cookies, at least 32 characters. "
                                            "Empty: a random key kept in the data directory.")
    samples_dir: Path = Field(Path("samples"), description="Where `load_samples` finds the sample articles.")
    load_samples: bool = Field(False, description="On start with an empty database, store the sample articles "
                                                  "and audit them (what `make run` does).")
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: list(LOOPBACK_NAMES),
        description="Comma-separated names the service answers to in the Host header, besides DRIFTAUDIT_HOST and the "
                    "address a request arrived on; any other Host gets 400 (a guard against DNS rebinding). `*`: any "
                    "(only behind a proxy that checks it).")
    login_max_failures: int = Field(5, ge=1, le=1000, description="Failed dashboard sign-ins allowed per client "
                                                                  "address and per account within "
                                                                  "DRIFTAUDIT_LOGIN_WINDOW_SECONDS; beyond that the "
                                                                  "answer is 429 with Retry-After.")
    login_window_seconds: int = Field(300, ge=1, le=86_400, description="The window, in seconds, in which failed "
                                                                        "sign-ins are counted.")

    @field_validator("fetch_allow", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("fetch_allow")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for item in value:
            if "/" in item:
                ipaddress.ip_network(item, strict=False)  # raises ValueError with the bad item
        return value

    @field_validator("database_url")
    @classmethod
    def _url(cls, value: str) -> str:
        # The messages never repeat the value: it may hold a password.
        if not value:
            return value
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError("use sqlite:///path or postgresql+psycopg://user:password@host/db")
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            url = make_url(value)
        except (ArgumentError, ValueError) as exc:
            raise ValueError("not a database URL; use sqlite:///path or "
                             "postgresql+psycopg://user:password@host:5432/db") from exc
        if url.drivername not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
            raise ValueError(f"the driver of {url.drivername}:// is not installed; "
                             "use postgresql+psycopg:// (psycopg 3) or sqlite:///")
        return value

    @field_validator("data_dir")
    @classmethod
    def _writable(cls, value: Path) -> Path:
        if value.exists():
            if not value.is_dir():
                raise ValueError(f"{value} exists and is not a directory")
            if not os.access(value, os.W_OK | os.X_OK):
                raise ValueError(f"{value} is not writable by this user (uid {os.getuid()}); mount a writable volume")
            return value
        parent = value.absolute().parent
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
            raise ValueError(f"{value} does not exist and cannot be created in {parent} (not writable)")
        return value

    @field_validator("cache_dir")
    @classmethod
    def _cache_dir(cls, value: str) -> str:
        """May be read-only (an image with the graph exported at build), but must be a directory."""
        if value and Path(value).expanduser().exists() and not Path(value).expanduser().is_dir():
            raise ValueError(f"{value} exists and is not a directory")
        return value

    @field_validator("model")
    @classmethod
    def _model(cls, value: str) -> str:
        """The model must load offline: the bundled one, a local directory, or one in the local cache."""
        from scoring.embed import resolve_model_path
        from scoring.errors import ModelUnavailable

        try:
            resolve_model_path(value)
        except ModelUnavailable as exc:
            raise ValueError(f"{exc.message}; {exc.hint}") from exc
        return value

    @field_validator("encoder")
    @classmethod
    def _encoder(cls, value: str, info: ValidationInfo) -> str:
        """The ONNX encoders export the model from its directory: a name in the hub cache needs torch."""
        model = info.data.get("model")
        if value != "torch" and model:
            from scoring.embed import resolve_model_path

            if not Path(resolve_model_path(model)).is_dir():
                raise ValueError(f"the ONNX encoders need a model directory, and {model!r} is a name in the local "
                                 "cache; set DRIFTAUDIT_ENCODER=torch, or DRIFTAUDIT_MODEL to the model's directory")
        return value

    @field_validator("multilingual_model", "multilingual_fallback_model")
    @classmethod
    def _multilingual_model(cls, value: str, info: ValidationInfo) -> str:
        from scoring.embed_multilingual import E5_MODEL, MULTILINGUAL_MODEL, multilingual_name
        from scoring.errors import ModelUnavailable

        if not value.strip():  # empty is the default, as for every other setting
            return MULTILINGUAL_MODEL if info.field_name == "multilingual_model" else E5_MODEL
        try:
            return multilingual_name(value)  # "none" and "off" are ""
        except ModelUnavailable:
            raise ValueError(f"{value!r} is not a multilingual encoder driftaudit has: use {MULTILINGUAL_MODEL}, "
                             f"{E5_MODEL}, or none") from None

    @field_validator("drift_model", "cross_drift_model", "mono_drift_model")
    @classmethod
    def _drift_model(cls, value: str) -> str:
        """A calibrated model must be readable now, not at the first audit."""
        if value.strip():
            from scoring.drift import DriftModel
            from scoring.errors import ModelUnavailable

            try:
                DriftModel.load(value)
            except ModelUnavailable as exc:
                raise ValueError(exc.message) from exc
        return value

    @field_validator("host")
    @classmethod
    def _host(cls, value: str) -> str:
        try:
            ipaddress.ip_address(value)
            return value
        except ValueError:
            pass
        if not HOSTNAME.fullmatch(value):
            raise ValueError(f"{value!r} is neither an IP address nor a host name (e.g. 127.0.0.1 or 0.0.0.0)")
        return value

    @field_validator("log_level", "log_format", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("secret_key")
    @classmethod
    def _secret(cls, value: str) -> str:
        if value and len(value) < 32:
            raise ValueError("shorter than 32 characters; use e.g. `python -c 'import secrets; "
                             "print(secrets.token_urlsafe(32))'`, or leave it empty for a key kept in the data directory")
        return value

    @field_validator("load_samples")
    @classmethod
    def _samples(cls, value: bool, info: ValidationInfo) -> bool:
        folder = info.data.get("samples_dir")
        if value and folder is not None and not (Path(folder) / "cnn_original.txt").is_file():
            raise ValueError(f"the samples directory {folder} (DRIFTAUDIT_SAMPLES_DIR) has no cnn_original.txt")
        return value

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("allowed_hosts")
    @classmethod
    def _hosts(cls, value: list[str]) -> list[str]:
        """Host names or IP addresses (IPv6 with or without brackets), lower case; `*` allows any."""
        names = []
        for item in value:
            name = host_name(item)
            if name != "*" and not HOSTNAME.fullmatch(name):
                try:
                    ipaddress.ip_address(name)
                except ValueError:
                    raise ValueError(f"{item!r} is neither a host name nor an IP address (e.g. audit.example.org, "
                                     "10.0.0.5, ::1 or *)") from None
            names.append(name)
        return names or list(LOOPBACK_NAMES)  # empty (e.g. `${VAR:-}` in compose): the default

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'driftaudit.db').resolve()}"


def host_name(value: str) -> str:
    """The host part of a Host header or allowed-host entry: no port, no IPv6 brackets, no final dot, lower case."""
    value = value.strip().lower()
    if value.startswith("["):  # [::1] or [::1]:8000
        return value[1:].split("]", 1)[0]
    if value.count(":") == 1:  # name:port (more than one colon: a bare IPv6 address)
        value = value.split(":", 1)[0]
    return value.rstrip(".")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def settings_table() -> str:
    """The settings as a Markdown table: variable, default, meaning."""
    rows = ["| Variable | Default | Meaning |", "|---|---|---|"]
    for name, info in Settings.model_fields.items():
        default = info.default_factory() if info.default_factory else info.default  # type: ignore[call-arg]
        shown = ",".join(default) if isinstance(default, list) else str(default)
        rows.append(f"| `DRIFTAUDIT_{name.upper()}` | `{shown}` | {info.description} |")
    return "\n".join(rows)
