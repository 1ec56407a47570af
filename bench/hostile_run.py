"""Five hostile sources beside one good one, in one real ``entrypoint.py`` run (as a runner starts it).

The hostile sources, on a loopback server started here: a redirect loop; headers sent one byte every 0.2 s
(never finishing within the 60 s source deadline); a redirect to a cloud metadata address; a 400-digit number
as a date; an error answer whose body holds a secret. The good one is the bundled example feed. Prints how long
the run took, what it published and what it said about each source.

    .venv/bin/python bench/hostile_run.py
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakes.github import FakeGitHub  # noqa: E402
from fakes.sources import FakeSources, Reply  # noqa: E402
from runner import example_feed, run_entrypoint, runner_env, write_feed  # noqa: E402

REPOSITORY = "acme/awesome-backend-jobs"
SECRET = "wJalrXUtnFEMI"


def main() -> int:
    item = {"company": "X", "title": "Backend Developer", "url": "https://x.example/1", "posted_at": int("9" * 400)}
    with tempfile.TemporaryDirectory() as folder, FakeGitHub() as fake, FakeSources() as server:
        workspace = Path(folder)
        fake.add_repo(REPOSITORY, {})
        server.route("/loop", Reply(302, headers={"Location": "/loop"}))
        server.route("/slow-headers", Reply(body=b"[]", header_drip=0.2))
        server.route("/metadata", Reply(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}))
        server.route("/huge-number", Reply(body=json.dumps({"jobs": [item]}).encode()))
        server.route("/secret", Reply(500, json.dumps({"SecretAccessKey": SECRET}).encode()))
        bad = [
            f"json:{server.url(path)}" for path in ("/loop", "/slow-headers", "/metadata", "/huge-number", "/secret")
        ]
        env = runner_env(workspace, fake, {"sources": "\n".join([*bad, write_feed(workspace, example_feed())])})
        started = time.monotonic()
        result = run_entrypoint(env, timeout=300, subprocess=True)
        elapsed = time.monotonic() - started
    report = result.report[0]
    print(f"exit code {result.returncode}; {report['status']}, {report['jobs']} jobs published in {elapsed:.1f} s")
    for line in result.stdout.splitlines():
        if line.startswith(("::warning", "source ")):
            print("  " + line)
    leaked = SECRET in result.stdout + result.summary + json.dumps(result.outputs)
    print(f"secret in the log, summary or outputs: {'yes' if leaked else 'no'}")
    return 0 if result.returncode == 0 and not leaked else 1


if __name__ == "__main__":
    raise SystemExit(main())
