# A stand-in for python:3.11-slim built from Debian packages, for machines that cannot
# pull from a registry (scripts/image_check.py). The build context is a folder holding
# the host's locally added CA certificates (ca/, possibly empty): an intercepting HTTPS
# proxy's CA must be trusted for pip to reach PyPI from the build steps.
ARG ROOTFS_IMAGE=localhost/driftaudit-debian-base
FROM ${ROOTFS_IMAGE}
SHELL ["/bin/sh", "-eu", "-c"]
COPY ca/ /usr/local/share/ca-certificates/
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 python3-venv python3-pip ca-certificates \
    && update-ca-certificates \
    && ln -s /usr/bin/python3 /usr/local/bin/python \
    && rm -rf /var/lib/apt/lists/*
ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    LANG=C.UTF-8
CMD ["python3"]
