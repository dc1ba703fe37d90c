"""Service settings, read once from `DRIFTAUDIT_*` environment variables.

Every setting is validated at start: a bad value stops the start with a message that
names the variable. The README's settings table is generated from this class
(`driftaudit settings --markdown`), so the two cannot disagree.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from scoring.config import DEFAULT_MODEL


class Settings(BaseSettings):
    """Everything the service reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="DRIFTAUDIT_", extra="ignore", validate_default=True)

    data_dir: Path = Field(Path("data"), description="Directory for the SQLite database and other state.")
    database_url: str = Field("", description="SQLAlchemy URL, e.g. postgresql+psycopg://user:pw@host/db. "
                                              "Empty: SQLite file `driftaudit.db` in the data directory.")
    model: str = Field(DEFAULT_MODEL, description="sentence-transformers model: a local directory or a name "
                                                  "found offline (default: the bundled all-MiniLM-L6-v2).")
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
    fetch_timeout: float = Field(15.0, gt=0, description="Seconds allowed for fetching an article URL.")
    fetch_max_bytes: int = Field(3_000_000, ge=1_000, description="Largest article page fetched.")
    fetch_allow: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Comma-separated hosts or networks (CIDR) that URL fetching may reach "
                                          "even though they are private or loopback, e.g. `10.0.0.0/8,cms.local`.")
    match_top: int = Field(5, ge=1, le=100, description="Originals aligned in full after the vector prefilter.")
    job_lease_seconds: int = Field(300, ge=10, description="A claimed background audit not finished within "
                                                           "this time is given to another worker.")
    job_poll_seconds: float = Field(0.5, gt=0, description="How often idle workers look for new audits.")
    log_level: Literal["debug", "info", "warning", "error"] = Field("info", description="Log level.")
    log_format: Literal["json", "text"] = Field("json", description="Log lines as JSON objects or plain text.")
    secret_key: str = Field("", description="Key that signs dashboard session cookies. Empty: a random key "
                                            "kept in the data directory.")
    samples_dir: Path = Field(Path("samples"), description="Where `load_samples` finds the sample articles.")
    load_samples: bool = Field(False, description="On start with an empty database, store the sample articles "
                                                  "and audit them (what `make run` does).")

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
        if value and not value.startswith(("sqlite", "postgresql")):
            raise ValueError("use sqlite:///path or postgresql+psycopg://user:password@host/db")
        return value

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'driftaudit.db').resolve()}"


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
