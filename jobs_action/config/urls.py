"""Addresses derived from the runner's environment: the API endpoints, the web host, a list's page."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from jobs_action.config.settings import ListSpec


def api_url(env: Mapping[str, str]) -> str:
    return (env.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/")


def graphql_url(env: Mapping[str, str], api: str) -> str:
    given = env.get("GITHUB_GRAPHQL_URL")
    if given:
        return given.rstrip("/")
    parts = urlsplit(api)
    if parts.hostname == "api.github.com":
        return "https://api.github.com/graphql"
    return f"{parts.scheme}://{parts.netloc}/api/graphql"


def web_url(api: str) -> str:
    """The web host of the API: github.com, or the Enterprise server's host."""
    parts = urlsplit(api)
    if parts.hostname == "api.github.com":
        return "https://github.com"
    return f"{parts.scheme}://{parts.netloc}"


def list_url(spec: ListSpec, web: str) -> str:
    """The web address of a list: its repository's page, or the file when it is not the README."""
    target = spec.targets[0]
    if spec.path == "README.md":
        return f"{web}/{target.repository}" + (f"/tree/{target.branch}" if target.branch else "")
    return f"{web}/{target.repository}/blob/{target.branch or 'HEAD'}/{spec.path}"
