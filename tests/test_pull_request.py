"""`publish: pull-request`: the list's own branch, one pull request, updated in place, never duplicated (C19)."""

from __future__ import annotations

import pytest
import requests
from runner import SkippingClock, example_feed, run_entrypoint, runner_env, write_feed

REPO = "acme/awesome-backend-jobs"
BRANCH = "awesome-jobs/backend"


@pytest.fixture
def fake_with_list(fake):
    """``fake`` with ``REPO`` whose README.md has an empty JOBS section; every test here writes to it."""
    fake.add_repo(REPO, {"README.md": "# Jobs\n\n<!-- JOBS:START -->\n<!-- JOBS:END -->\n", "LICENSE": "MIT"})
    return fake


pytestmark = pytest.mark.usefixtures("fake_with_list")


def run(workspace, fake, feed, clock=None, subprocess=False, **inputs):
    env = runner_env(workspace, fake, {"sources": write_feed(workspace, feed), "publish": "pull-request", **inputs})
    return run_entrypoint(env, clock=clock, subprocess=subprocess)


def test_c19_pull_request_mode_opens_one_pull_request_and_leaves_the_base_alone(tmp_path, fake):
    base_before = fake.head(REPO)
    result = run(tmp_path, fake, example_feed(), subprocess=True)

    assert result.returncode == 0, result.stdout + result.stderr
    assert fake.head(REPO) == base_before  # the protected branch is untouched
    (pull,) = fake.pulls(REPO)
    assert (pull["state"], pull["head"]["ref"], pull["base"]["ref"]) == ("open", BRANCH, "main")
    assert pull["title"] == "Update Awesome Backend Jobs: 12 jobs (+12 -0)"
    assert "later runs update this same pull request" in pull["body"]
    report = result.report[0]
    assert report["status"] == "updated"
    assert report["pull_request_url"] == pull["html_url"]
    assert f"[pull request]({pull['html_url']})" in result.summary
    assert report["commit_sha"] == fake.head(REPO, BRANCH)
    readme = fake.file_bytes(REPO, "README.md", BRANCH).decode()
    assert readme.startswith("# Jobs\n\n<!-- JOBS:START -->\n") and readme.count("[Apply](") == 12
    assert fake.commit_record(REPO, fake.head(REPO, BRANCH)).parent == base_before
    assert [(update.action, update.force) for update in fake.ref_updates] == [("create", False)]


def test_c19_second_run_with_the_same_jobs_adds_no_commit_and_no_pull_request(tmp_path, fake):
    feed = example_feed()
    run(tmp_path, fake, feed)
    branch_head = fake.head(REPO, BRANCH)
    fake.clear_requests()

    second = run(tmp_path, fake, feed)

    assert second.returncode == 0, second.stdout
    assert fake.head(REPO, BRANCH) == branch_head
    assert fake.count("mutation") == 0
    assert len(fake.pulls(REPO)) == 1
    assert second.report[0]["status"] == "unchanged"
    assert second.report[0]["pull_request_url"] == fake.pulls(REPO)[0]["html_url"]
    assert not [record for record in fake.requests if record.kind == "rest" and record.method != "GET"]


def test_c19_new_jobs_update_the_same_pull_request(tmp_path, fake):
    run(tmp_path, fake, example_feed())
    feed = example_feed()
    newest = max(job["posted_at"] for job in feed["jobs"])
    feed["jobs"].append(
        {
            "company": "Newco",
            "title": "Backend Engineer (Elixir)",
            "location": "Remote",
            "remote": True,
            "posted_at": newest,
            "url": "https://jobs.example/newco",
        }
    )

    third = run(tmp_path, fake, feed)

    assert third.returncode == 0, third.stdout
    (pull,) = fake.pulls(REPO)
    assert pull["title"] == "Update Awesome Backend Jobs: 13 jobs (+13 -0)"
    assert "Newco" in fake.file_bytes(REPO, "README.md", BRANCH).decode()
    assert third.report[0]["pull_request_url"] == pull["html_url"]
    # the branch was reset to the base head and rebuilt with one commit: never a pile of commits
    assert fake.commit_record(REPO, fake.head(REPO, BRANCH)).parent == fake.head(REPO)
    assert [(update.action, update.force) for update in fake.ref_updates] == [("create", False), ("update", True)]


def test_c19_merged_pull_request_is_followed_by_a_new_one_only_when_jobs_change(tmp_path, fake):
    feed = example_feed()
    run(tmp_path, fake, feed)
    pull = fake.pulls(REPO)[0]
    # the maintainer merges: the base gets the branch's README, the pull request closes
    fake.commit(REPO, {"README.md": fake.file_bytes(REPO, "README.md", BRANCH)}, message="Merge pull request")
    closed = requests.patch(
        f"{fake.api_url}/repos/{REPO}/pulls/{pull['number']}",
        json={"state": "closed"},
        headers={"Authorization": f"token {fake.token}"},
        timeout=5,
    )
    assert closed.status_code == 200
    fake.clear_requests()

    again = run(tmp_path, fake, feed)

    assert again.returncode == 0, again.stdout
    assert again.report[0]["status"] == "unchanged"
    assert fake.count("mutation") == 0
    assert [item["state"] for item in fake.pulls(REPO)] == ["closed"]  # no new pull request for nothing

    feed["jobs"][0]["title"] = "Senior Backend Engineer (Go)"
    changed = run(tmp_path, fake, feed)
    assert changed.report[0]["status"] == "updated"
    assert sorted(item["state"] for item in fake.pulls(REPO)) == ["closed", "open"]


def test_c19_dry_run_in_pull_request_mode_writes_nothing(tmp_path, fake):
    result = run(tmp_path, fake, example_feed(), **{"dry-run": "true"})
    assert result.returncode == 0
    assert result.report[0]["status"] == "dry-run"
    assert fake.pulls(REPO) == [] and fake.ref_updates == []
    assert fake.count("mutation") == 0


def test_pull_request_mode_without_permission_names_the_fix(tmp_path, fake):
    fake.set_permission(REPO, "read")
    result = run(tmp_path, fake, example_feed())
    assert result.returncode == 1
    error = result.report[0]["error"]
    assert REPO in error and "pull-requests: write" in error
    assert fake.pulls(REPO) == []


def test_c7_a_secondary_limit_on_the_pull_request_calls_is_waited_out(tmp_path, fake):
    fake.fail_next(
        403,
        {"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."},
        headers={"Retry-After": "1"},
        kind="rest",
    )
    clock = SkippingClock()
    fake.monotonic = clock.monotonic
    result = run(tmp_path, fake, example_feed(), clock)

    assert result.returncode == 0, result.stdout
    refused = [record for record in fake.requests if record.kind == "rest" and record.status == 403]
    retried = [record for record in fake.requests if record.kind == "rest" and record.timestamp > refused[0].timestamp]
    assert len(refused) == 1 and retried[0].timestamp - refused[0].timestamp >= 1.0
    assert 1.0 in clock.sleeps
    assert len(fake.pulls(REPO)) == 1
