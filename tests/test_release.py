"""The release script (scripts/release_action_yml.py): the version and its tags, the rewrite of action.yml's
``runs.image`` (still valid action metadata, every other byte kept), the release notes, and the check of the
pushed image against a fake registry on 127.0.0.1 that asks for an anonymous token as ghcr.io does."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "release_action_yml.py"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(SCRIPT.parent))

import release_action_yml as release  # noqa: E402

ACTION = (ROOT / "action.yml").read_text(encoding="utf-8")
REPOSITORY = "Acme/Awesome-Jobs-Action"
REFERENCE = "docker://ghcr.io/acme/awesome-jobs-action:v1.4.0"


def script(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=60, check=False
    )


# --- versions and tags ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("1.4.0", ["v1.4.0", "v1.4", "v1"]),
        ("v1.4.0", ["v1.4.0", "v1.4", "v1"]),
        ("0.1.0", ["v0.1.0", "v0.1", "v0"]),
        ("10.20.30", ["v10.20.30", "v10.20", "v10"]),
        ("1.4.0-rc.1", ["v1.4.0-rc.1"]),
        ("2.0.0-beta", ["v2.0.0-beta"]),
    ],
)
def test_a_version_gives_its_tags_and_a_pre_release_moves_none(text, tags):
    assert release.parse_version(text).tags == tags


@pytest.mark.parametrize(
    "text",
    [
        "",
        "v",
        "1",
        "1.4",
        "1.4.0.1",
        "01.4.0",
        "1.04.0",
        "1.4.00",
        "1.4.0-",
        "1.4.0-rc.01",
        "1.4.0+build.5",
        "V1.4.0",
        "1.4.0 rc",
        "x.y.z",
        "1.4.0\nv2.0.0",
        "vv1.4.0",
        "-1.4.0",
    ],
)
def test_a_bad_version_is_refused_with_the_expected_form(text):
    with pytest.raises(release.ReleaseError, match=r"give MAJOR\.MINOR\.PATCH such as 1\.4\.0"):
        release.parse_version(text)


def test_the_plan_names_the_image_in_lower_case_and_the_tags_to_move():
    assert release.plan_lines(release.parse_version("1.4.0"), REPOSITORY) == [
        "version=v1.4.0",
        "image=ghcr.io/acme/awesome-jobs-action",
        f"reference={REFERENCE}",
        "tags=v1.4.0 v1.4 v1",
        "moving=v1.4 v1",
        "image_tags=ghcr.io/acme/awesome-jobs-action:v1.4.0,ghcr.io/acme/awesome-jobs-action:v1.4,"
        "ghcr.io/acme/awesome-jobs-action:v1",
        "prerelease=false",
    ]
    completed = script("plan", "1.4.0-rc.1", "--repository", REPOSITORY)
    assert completed.returncode == 0, completed.stderr
    assert "moving=\n" in completed.stdout and "prerelease=true" in completed.stdout
    assert "image_tags=ghcr.io/acme/awesome-jobs-action:v1.4.0-rc.1\n" in completed.stdout


@pytest.mark.parametrize("repository", ["acme", "acme/", "/name", "a/b/c", "acme/na me", "-acme/name"])
def test_a_bad_repository_is_refused(repository):
    with pytest.raises(release.ReleaseError, match="is not OWNER/NAME"):
        release.image_name(repository)


# --- the rewrite of action.yml ------------------------------------------------------------------------------


def check_action_schema(path: Path) -> None:
    """check-jsonschema with the GitHub Actions metadata schema it vendors, as tests/test_static_checks.py runs it."""
    completed = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-actions", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_the_rewritten_action_yml_names_the_image_and_keeps_every_other_byte(tmp_path):
    rewritten = release.rewrite(ACTION, REFERENCE)
    assert rewritten.replace(f"  image: {REFERENCE}\n", "  image: Dockerfile\n") == ACTION
    changed = [(old, new) for old, new in zip(ACTION.split("\n"), rewritten.split("\n"), strict=True) if old != new]
    assert changed == [("  image: Dockerfile", f"  image: {REFERENCE}")]
    before, after = yaml.safe_load(ACTION), yaml.safe_load(rewritten)
    assert after["runs"] == {"using": "docker", "image": REFERENCE}
    assert {key: value for key, value in after.items() if key != "runs"} == {
        key: value for key, value in before.items() if key != "runs"
    }
    path = tmp_path / "action.yml"
    path.write_text(rewritten, encoding="utf-8")
    check_action_schema(path)


def test_the_script_rewrites_the_file_in_place_byte_for_byte(tmp_path):
    path = tmp_path / "action.yml"
    original = ACTION.replace("\n", "\r\n").replace("  image: Dockerfile", "  image: 'Dockerfile'  # built on main")
    path.write_bytes(original.encode("utf-8"))
    completed = script("rewrite", "v1.4.0", "--repository", REPOSITORY, "--file", path)
    assert completed.returncode == 0, completed.stderr
    assert REFERENCE in completed.stdout
    expected = original.replace("  image: 'Dockerfile'  # built on main", f"  image: {REFERENCE}  # built on main")
    assert path.read_bytes() == expected.encode("utf-8")
    check_action_schema(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (release.rewrite(ACTION, REFERENCE), "not Dockerfile: release from a commit of main"),
        (ACTION.replace("  using: docker\n", "  using: composite\n"), "must be a docker action"),
        (ACTION.replace("\nruns:\n", "\nruns_:\n"), "one top-level `runs:` block"),
        (ACTION + "runs:\n  using: docker\n  image: Dockerfile\n", "one top-level `runs:` block"),
        (ACTION.replace("  image: Dockerfile\n", "  image: Dockerfile\n  image: Dockerfile\n"), "one `image:` line"),
    ],
    ids=["already-released", "composite", "no-runs", "two-runs", "two-images"],
)
def test_an_action_yml_that_does_not_build_from_the_dockerfile_is_refused(text, message):
    with pytest.raises(release.ReleaseError, match=message.replace("`", ".")):
        release.rewrite(text, REFERENCE)


def test_a_bad_version_leaves_the_file_untouched_and_exits_2(tmp_path):
    path = tmp_path / "action.yml"
    path.write_text(ACTION, encoding="utf-8")
    completed = script("rewrite", "1.4", "--repository", REPOSITORY, "--file", path)
    assert completed.returncode == 2
    assert "version '1.4' is not a release version" in completed.stderr
    assert path.read_text(encoding="utf-8") == ACTION


# --- release notes ------------------------------------------------------------------------------------------------

CHANGELOG = """# Changelog

## [Unreleased]

- Next thing.

## [1.4.0] - 2027-01-15

### Added

- The prebuilt image.

## [1.3.2] - 2026-12-01

- A fix.

[Unreleased]: https://github.com/OWNER/awesome-jobs-action/compare/v1.4.0...main
"""


def test_the_notes_are_the_version_s_changelog_section(tmp_path):
    assert release.release_notes(CHANGELOG, release.parse_version("1.4.0")) == "### Added\n\n- The prebuilt image.\n"
    assert release.release_notes(CHANGELOG, release.parse_version("1.3.2")) == "- A fix.\n"
    with pytest.raises(release.ReleaseError, match=r"no `## \[1\.5\.0\] - YYYY-MM-DD` section"):
        release.release_notes(CHANGELOG, release.parse_version("1.5.0"))
    path = tmp_path / "CHANGELOG.md"
    path.write_text(CHANGELOG, encoding="utf-8")
    completed = script("notes", "v1.4.0", "--changelog", path)
    assert (completed.returncode, completed.stdout) == (0, "### Added\n\n- The prebuilt image.\n")


# --- the pushed image, checked as a user's runner sees it -------------------------------------------------------


def index(*platforms: str) -> bytes:
    manifests = [
        {
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "digest": f"sha256:{n:064x}",
            "size": 1,
            "platform": {"os": platform.split("/")[0], "architecture": platform.split("/")[1]},
        }
        for n, platform in enumerate(platforms)
    ]
    manifests.append(  # buildx's provenance attestation
        {
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "digest": f"sha256:{9:064x}",
            "size": 1,
            "platform": {"os": "unknown", "architecture": "unknown"},
        }
    )
    return json.dumps(
        {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": manifests}
    ).encode()


class FakeRegistry:
    """Token-authenticated like ghcr.io: a manifest request without a token gets 401 and a Bearer challenge; the
    token endpoint gives an anonymous pull token for a public package and 403 for a private one."""

    def __init__(self, manifests: dict[str, bytes], public: bool = True) -> None:
        self.manifests = manifests
        self.public = public
        self.token_queries: list[dict[str, list[str]]] = []
        registry = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                if url.path == "/token":
                    registry.token_queries.append(parse_qs(url.query))
                    if not registry.public:
                        return self._send(403, b'{"errors":[{"code":"DENIED"}]}')
                    return self._send(200, b'{"token":"anonymous-pull"}')
                if self.headers.get("Authorization") != "Bearer anonymous-pull":
                    challenge = (
                        f'Bearer realm="{registry.url}/token",service="registry.test",'
                        f'scope="repository:{url.path.split("/manifests/")[0].removeprefix("/v2/")}:pull"'
                    )
                    return self._send(401, b"{}", {"WWW-Authenticate": challenge})
                body = registry.manifests.get(url.path)
                if body is None:
                    return self._send(404, b'{"errors":[{"code":"MANIFEST_UNKNOWN"}]}')
                return self._send(200, body, {"Content-Type": "application/vnd.oci.image.index.v1+json"})

            def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> FakeRegistry:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()


PATH = "/v2/acme/awesome-jobs-action/manifests/v1.4.0"


@pytest.fixture
def registry() -> Iterator[FakeRegistry]:
    with FakeRegistry({PATH: index("linux/amd64", "linux/arm64")}) as server:
        yield server


def digest_of(body: bytes) -> str:
    return "sha256:" + hashlib.sha256(body).hexdigest()


def test_the_pushed_image_is_checked_anonymously_for_its_digest_and_both_platforms(registry):
    digest = digest_of(registry.manifests[PATH])
    message = release.verify_image(registry.url, "acme/awesome-jobs-action", "v1.4.0", digest)
    assert message == (
        f"acme/awesome-jobs-action:v1.4.0 is {digest}, pullable without credentials, for linux/amd64, linux/arm64"
    )
    assert registry.token_queries == [
        {"service": ["registry.test"], "scope": ["repository:acme/awesome-jobs-action:pull"]}
    ]
    completed = script(
        "verify-image", "1.4.0", "--repository", REPOSITORY, "--digest", digest, "--registry-url", registry.url
    )
    assert completed.returncode == 0, completed.stderr


def test_an_image_without_arm64_or_with_another_digest_fails_the_check(registry):
    registry.manifests[PATH] = index("linux/amd64")
    with pytest.raises(release.ReleaseError, match=r"has no linux/arm64 image \(it has \['linux/amd64'\]\)"):
        release.verify_image(registry.url, "acme/awesome-jobs-action", "v1.4.0", digest_of(registry.manifests[PATH]))
    with pytest.raises(release.ReleaseError, match="not the image just pushed"):
        release.verify_image(registry.url, "acme/awesome-jobs-action", "v1.4.0", f"sha256:{1:064x}")


def test_a_private_or_missing_image_fails_the_check_and_says_what_to_do(registry):
    registry.public = False
    digest = digest_of(registry.manifests[PATH])
    completed = script(
        "verify-image", "1.4.0", "--repository", REPOSITORY, "--digest", digest, "--registry-url", registry.url
    )
    assert completed.returncode == 2
    assert "make the package public" in completed.stderr and "re-run the failed jobs" in completed.stderr
    registry.public = True
    with pytest.raises(release.ReleaseError, match="HTTP 404 with an anonymous token"):
        release.verify_image(registry.url, "acme/awesome-jobs-action", "v9.9.9", digest)
    completed = script("verify-image", "1.4.0", "--repository", REPOSITORY, "--digest", "sha256:abc")
    assert completed.returncode == 2 and "is not sha256:<64 hex digits>" in completed.stderr
