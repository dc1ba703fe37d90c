# driftaudit: `make run` audits the sample pair, `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch is pinned in the same command as everything else: pip then takes the CPU
	# build instead of pulling a CUDA build of several GB.
	$(BIN)/pip install --quiet torch==2.13.0 -e '.[model,dev]'
	touch $(STAMP)

setup: $(STAMP)

# Starts the service on 127.0.0.1:8000 with the sample audits loaded; open the printed URL.
run: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/driftaudit serve --load-samples

# Also installs and starts Debian's Chromium and PostgreSQL for the browser and store
# tests (needs root or sudo); without them those tests are skipped with the reason.
test: $(STAMP)
	@services="$$(scripts/test-services.sh)" || services="echo 'test services unavailable: browser and Postgres tests skip' >&2"; \
	eval "$$services"; HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -n 2 tests

lint: $(STAMP)
	$(BIN)/ruff check scoring app tests bench scripts
	$(BIN)/mypy

bench: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/python bench/speed.py

# Audit quality against baselines; writes bench/results/quality.md. Bertalign 2.0.1
# declares Python >= 3.12: only its numba kernels (corelib.py) are used, so it is
# installed without its dependencies, next to numba.
.PHONY: bench-quality
bench-quality: $(STAMP)
	$(BIN)/pip install --quiet numba==0.68.1
	$(BIN)/pip install --quiet --no-deps --ignore-requires-python bertalign==2.0.1
	HF_HUB_OFFLINE=1 $(BIN)/python -m bench.quality

clean:
	rm -rf $(VENV) build dist *.egg-info

# The Docker image. `docker` builds it with a Docker engine. `image-check` builds the same
# Dockerfile with podman (installed with apt-get when missing; a base image from Debian
# packages when the official one cannot be pulled) and proves the image: non-root, read-only
# root, the seed pair audited over HTTP, restart, and with PostgreSQL in a pod, the app
# killed mid-batch (scripts/image_check.py; about 5 minutes, needs root).
.PHONY: docker docker-check image-check
docker:
	docker build -t driftaudit .

image-check: $(STAMP)
	$(BIN)/python scripts/image_check.py

docker-check: $(STAMP)
	$(BIN)/hadolint Dockerfile
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest tests/ops
