"""Addresses derived from the runner's environment: the API endpoints, the web host, a list's page."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from jobs_action.config.settings import ListSpec


def api_url(env: Mapping[str, str]) -> str:
    return (env.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/")


def graphql_url(env: Mapping[str, str], api: str) -> str:
    """``GITHUB_GRAPHQL_URL`` as given; else derived from the REST base: ``api.github.com`` and ``api.X.ghe.com``
    (GitHub Enterprise Cloud with data residency) serve it at ``/graphql``, a GitHub Enterprise Server at
    ``/api/graphql``."""
    given = env.get("GITHUB_GRAPHQL_URL")
    if given:
        return given.rstrip("/")
    parts = urlsplit(api)
    host = parts.hostname or ""
    if host == "api.github.com" or (host.startswith("api.") and host.endswith(".ghe.com")):
        return f"{parts.scheme}://{parts.netloc}/graphql"
    return f"{parts.scheme}://{parts.netloc}/api/graphql"


def server_url(env: Mapping[str, str]) -> str:
    """The web host every link the action writes is built from: ``GITHUB_SERVER_URL`` (github.com, a GitHub
    Enterprise Server, ``https://X.ghe.com``), never derived from the API URL."""
    return (env.get("GITHUB_SERVER_URL") or "https://github.com").rstrip("/")


def list_url(spec: ListSpec, web: str) -> str:
    """The web address of a list: its repository's page, or the file when it is not the README."""
    target = spec.targets[0]
    if spec.path == "README.md":
        return f"{web}/{target.repository}" + (f"/tree/{target.branch}" if target.branch else "")
    return f"{web}/{target.repository}/blob/{target.branch or 'HEAD'}/{spec.path}"
