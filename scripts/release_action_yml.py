"""The release's action.yml: ``runs.image`` names the image the release workflow pushed, literally.

    python3 scripts/release_action_yml.py plan 1.4.0 --repository OWNER/awesome-jobs-action
    python3 scripts/release_action_yml.py notes 1.4.0 [--changelog CHANGELOG.md]
    python3 scripts/release_action_yml.py verify-image 1.4.0 --repository OWNER/awesome-jobs-action --digest sha256:...
    python3 scripts/release_action_yml.py rewrite 1.4.0 --repository OWNER/awesome-jobs-action [--file action.yml]

``plan`` checks the version and prints, as ``name=value`` lines for ``$GITHUB_OUTPUT``: ``version`` (v1.4.0),
``image`` (ghcr.io/owner/awesome-jobs-action, lower case as registries require), ``reference``
(docker://ghcr.io/owner/awesome-jobs-action:v1.4.0), ``tags`` (v1.4.0 v1.4 v1; a pre-release such as 1.4.0-rc.1
gets only its own tag), ``moving`` (the tags that move: v1.4 v1) and ``image_tags`` (the image's full names).
``notes`` prints the version's section of CHANGELOG.md (the release notes) and fails when there is none.
``verify-image`` asks the registry, without credentials as a user's runner does, for the version's image: it
must be the digest just pushed and hold linux/amd64 and linux/arm64. ``rewrite`` changes the one line
``image: Dockerfile`` of the ``runs:`` block of action.yml to ``image: docker://...:vX.Y.Z`` and leaves every
other byte as it is; it refuses a file whose ``runs:`` does not build from the Dockerfile (``main``'s action.yml
always does; only release commits differ).

Standard library only: the release workflow runs it with the runner's python3. ``tests/test_release.py`` checks
it, against a fake registry, and that the rewritten file still matches the GitHub Actions metadata schema.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REGISTRY = "ghcr.io"
PLATFORMS = ("linux/amd64", "linux/arm64")
TIMEOUT = 30  # seconds, for each request to the registry
# What a runner asks for when it pulls: a multi-platform index (OCI or Docker's), or one image's manifest.
_MANIFEST_TYPES = ", ".join(
    (
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    )
)
# Semantic versioning 2.0 without build metadata: numbers without leading zeros, an optional pre-release.
_VERSION = re.compile(
    r"v?(?P<major>0|[1-9]\d*)\.(?P<minor>0|[1-9]\d*)\.(?P<patch>0|[1-9]\d*)"
    r"(?:-(?P<pre>(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
)
_REPOSITORY = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
_RUNS = re.compile(r"^runs:[ \t]*(?:#[^\r\n]*)?\r?$", re.MULTILINE)
_TOP_LEVEL = re.compile(r"^\S", re.MULTILINE)
# One key of the block: its indentation, a plain or quoted value, an optional comment, the line's own ending.
_KEY_LINE = (
    r"^(?P<indent>[ \t]+){key}:[ \t]*(?P<value>\"[^\"\r\n]*\"|'[^'\r\n]*'|[^\s#]+)"
    r"(?P<rest>[ \t]*(?:#[^\r\n]*)?)(?P<cr>\r?)$"
)
_IMAGE_LINE = re.compile(_KEY_LINE.format(key="image"), re.MULTILINE)
_USING_LINE = re.compile(_KEY_LINE.format(key="using"), re.MULTILINE)


class ReleaseError(ValueError):
    """A version, repository or action.yml this script will not release; the message says how to fix it."""


@dataclass(frozen=True)
class Version:
    major: int
    minor: int
    patch: int
    prerelease: str = ""

    @property
    def tag(self) -> str:
        return f"v{self.major}.{self.minor}.{self.patch}" + (f"-{self.prerelease}" if self.prerelease else "")

    @property
    def tags(self) -> list[str]:
        """The tags this release sets, on the image and on the release commit: vX.Y.Z, vX.Y and vX; a
        pre-release moves neither vX.Y nor vX."""
        if self.prerelease:
            return [self.tag]
        return [self.tag, f"v{self.major}.{self.minor}", f"v{self.major}"]


def parse_version(text: str) -> Version:
    found = _VERSION.fullmatch(text.strip())
    if not found:
        raise ReleaseError(
            f"version {text!r} is not a release version: give MAJOR.MINOR.PATCH such as 1.4.0 "
            "(a leading v is allowed; a pre-release is 1.4.0-rc.1)"
        )
    return Version(int(found["major"]), int(found["minor"]), int(found["patch"]), found["pre"] or "")


def image_name(repository: str) -> str:
    if not _REPOSITORY.fullmatch(repository):
        raise ReleaseError(f"repository {repository!r} is not OWNER/NAME")
    return f"{REGISTRY}/{repository.lower()}"


def image_reference(repository: str, version: Version) -> str:
    return f"docker://{image_name(repository)}:{version.tag}"


def rewrite(text: str, reference: str) -> str:
    """action.yml with ``runs.image: Dockerfile`` replaced by ``reference``; every other byte unchanged."""
    runs = list(_RUNS.finditer(text))
    if len(runs) != 1:
        raise ReleaseError("action.yml must have one top-level `runs:` block")
    start = runs[0].end()
    following = _TOP_LEVEL.search(text, start + 1)
    end = following.start() if following else len(text)
    block = text[start:end]
    using = [match["value"].strip("'\"") for match in _USING_LINE.finditer(block)]
    images = list(_IMAGE_LINE.finditer(block))
    if using != ["docker"] or len(images) != 1:
        raise ReleaseError("action.yml's `runs:` must be a docker action with one `image:` line")
    image = images[0]
    if image["value"].strip("'\"") != "Dockerfile":
        raise ReleaseError(
            f"action.yml's runs.image is {image['value']!r}, not Dockerfile: release from a commit of main, "
            "whose action.yml builds from the Dockerfile"
        )
    line = f"{image['indent']}image: {reference}{image['rest']}{image['cr']}"
    return text[: start + image.start()] + line + text[start + image.end() :]


def plan_lines(version: Version, repository: str) -> list[str]:
    image = image_name(repository)
    return [
        f"version={version.tag}",
        f"image={image}",
        f"reference={image_reference(repository, version)}",
        f"tags={' '.join(version.tags)}",
        f"moving={' '.join(version.tags[1:])}",
        f"image_tags={','.join(f'{image}:{tag}' for tag in version.tags)}",
        f"prerelease={'true' if version.prerelease else 'false'}",
    ]


def release_notes(changelog: str, version: Version) -> str:
    """The text under ``## [X.Y.Z]`` in CHANGELOG.md, up to the next version's heading."""
    number = version.tag.removeprefix("v")
    heading = re.search(rf"^## \[{re.escape(number)}\][^\n]*\n", changelog, re.MULTILINE)
    if not heading:
        raise ReleaseError(
            f"CHANGELOG.md has no `## [{number}] - YYYY-MM-DD` section: move the Unreleased entries under it and "
            "merge that before releasing"
        )
    following = re.search(r"^## \[|^\[[^\]]+\]: ", changelog[heading.end() :], re.MULTILINE)
    notes = changelog[heading.end() : heading.end() + following.start() if following else len(changelog)].strip()
    if not notes:
        raise ReleaseError(f"CHANGELOG.md's section {number} is empty: say what changed")
    return notes + "\n"


# --- the pushed image, as a user's runner sees it ----------------------------------------------------------------


def published_index(registry_url: str, image_path: str, tag: str) -> tuple[str, set[str]]:
    """The digest and the platforms of ``image_path:tag``, asked anonymously (a registry's token challenge is
    answered without credentials, as ``docker pull`` does for a public image)."""
    url = f"{registry_url.rstrip('/')}/v2/{image_path}/manifests/{tag}"
    try:
        body = _get(url, _MANIFEST_TYPES, token=None)
    except urllib.error.HTTPError as exc:
        if exc.code != 401:
            raise ReleaseError(f"{url} answered HTTP {exc.code}: is the image pushed?") from exc
        token = _anonymous_token(exc.headers.get("WWW-Authenticate", ""), url)
        try:
            body = _get(url, _MANIFEST_TYPES, token=token)
        except urllib.error.HTTPError as again:
            raise ReleaseError(
                f"{url} answered HTTP {again.code} with an anonymous token: is the image pushed, and public?"
            ) from again
    document = json.loads(body)
    digest = "sha256:" + hashlib.sha256(body).hexdigest()  # a manifest's digest is that of its bytes
    manifests = document.get("manifests")
    if manifests is None:  # one image, no index
        return digest, set()
    platforms = {
        f"{entry['platform']['os']}/{entry['platform']['architecture']}"
        for entry in manifests
        if entry.get("platform", {}).get("os") not in (None, "unknown")  # attestations are "unknown/unknown"
    }
    return digest, platforms


def verify_image(registry_url: str, image_path: str, tag: str, digest: str) -> str:
    published, platforms = published_index(registry_url, image_path, tag)
    if published != digest:
        raise ReleaseError(f"{image_path}:{tag} is {published}, not the image just pushed ({digest})")
    missing = sorted(set(PLATFORMS) - platforms)
    if missing:
        raise ReleaseError(f"{image_path}:{tag} has no {', '.join(missing)} image (it has {sorted(platforms)})")
    return f"{image_path}:{tag} is {digest}, pullable without credentials, for {', '.join(sorted(platforms))}"


def _get(url: str, accept: str, token: str | None) -> bytes:
    headers = {"Accept": accept, "User-Agent": "awesome-jobs-action-release"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=TIMEOUT) as response:
        body: bytes = response.read()
        return body


def _anonymous_token(challenge: str, url: str) -> str:
    fields = dict(re.findall(r'(\w+)="([^"]*)"', challenge))
    if not challenge.lower().startswith("bearer ") or "realm" not in fields:
        raise ReleaseError(f"{url} asks for credentials ({challenge or 'no challenge'}): make the package public")
    query = urllib.parse.urlencode({key: value for key, value in fields.items() if key in ("service", "scope")})
    try:
        answer = json.loads(_get(f"{fields['realm']}?{query}", "application/json", token=None))
    except urllib.error.HTTPError as exc:
        raise ReleaseError(
            f"the registry gives no anonymous pull token (HTTP {exc.code}): make the package public (the package's "
            "settings on GitHub, Change visibility), then re-run the failed jobs"
        ) from exc
    token = answer.get("token") or answer.get("access_token")
    if not isinstance(token, str) or not token:
        raise ReleaseError("the registry's token answer holds no token")
    return token


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["plan", "notes", "verify-image", "rewrite"])
    parser.add_argument("version", help="MAJOR.MINOR.PATCH, e.g. 1.4.0 (or v1.4.0, 1.4.0-rc.1)")
    parser.add_argument("--repository", help="OWNER/NAME of the action's repository (plan, verify-image, rewrite)")
    parser.add_argument("--file", type=Path, default=Path("action.yml"), help="the action.yml to rewrite")
    parser.add_argument("--changelog", type=Path, default=Path("CHANGELOG.md"), help="for notes")
    parser.add_argument("--digest", help="verify-image: the digest the build pushed (sha256:...)")
    parser.add_argument("--registry-url", default=f"https://{REGISTRY}", help="verify-image: the registry's URL")
    args = parser.parse_args(argv)
    try:
        version = parse_version(args.version)
        if args.command == "notes":
            print(release_notes(args.changelog.read_text(encoding="utf-8"), version), end="")
            return 0
        if not args.repository:
            raise ReleaseError(f"{args.command} needs --repository OWNER/NAME")
        if args.command == "plan":
            print("\n".join(plan_lines(version, args.repository)))
        elif args.command == "verify-image":
            if not re.fullmatch(r"sha256:[0-9a-f]{64}", args.digest or ""):
                raise ReleaseError(f"--digest {args.digest!r} is not sha256:<64 hex digits>")
            path = image_name(args.repository).removeprefix(f"{REGISTRY}/")
            print(verify_image(args.registry_url, path, version.tag, args.digest))
        else:
            text = args.file.read_bytes().decode("utf-8")  # bytes in, bytes out: no newline translation
            args.file.write_bytes(rewrite(text, image_reference(args.repository, version)).encode("utf-8"))
            print(f"{args.file}: runs.image is {image_reference(args.repository, version)}")
    except (ReleaseError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
