# The action's image. `main`, forks and CI build it from this file (`image: Dockerfile`); each release tag's
# action.yml names the image built from it and pushed by the release workflow (`image: docker://ghcr.io/...`).
# Pinned by digest (the multi-platform index of this tag); Dependabot proposes new digests. The tag says what the
# digest is; the digest is what is pulled.
FROM python:3.12.13-slim-bookworm@sha256:4766d8b510c428e595d74b9cc5bbb2fae8e26316fffb4adc89908d79aacd58a2

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Dependencies first, so a code change does not reinstall them.
COPY requirements.txt /app/requirements.txt
RUN pip install --no-cache-dir -r /app/requirements.txt

COPY entrypoint.py /app/entrypoint.py
# The inputs and their defaults are read from action.yml at run time (jobs_action/config/inputs.py).
COPY action.yml /app/action.yml
# The package, with its place tables (select/places/places.json.gz, read at run time, never built here).
COPY jobs_action /app/jobs_action
# Bytecode now, once: PYTHONDONTWRITEBYTECODE keeps each run from writing it, so without this step every run
# would compile the package again (about 70 ms).
RUN python -m compileall -q /app/jobs_action

# Exec form: a shell would drop the INPUT_ variables whose names contain hyphens. GitHub runs container
# actions as root with the workspace mounted at /github/workspace, so there is no USER and no WORKDIR here.
ENTRYPOINT ["python", "/app/entrypoint.py"]
