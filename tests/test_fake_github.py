"""Tests of the fake GitHub server itself, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import base64

import github
import pytest
import requests
from fakes.github import DEFAULT_TOKEN

TOKEN = DEFAULT_TOKEN  # what the shared ``fake`` accepts

READ_README = """
query ($owner: String!, $name: String!, $ref: String!, $path: String!) {
  repository(owner: $owner, name: $name) {
    nameWithOwner
    viewerPermission
    ref(qualifiedName: $ref) {
      name
      target {
        oid
        ... on Commit {
          file(path: $path) { path object { ... on Blob { text isTruncated isBinary byteSize } } }
        }
      }
    }
  }
}
"""

COMMIT = """
mutation ($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) {
    commit { oid url messageHeadline }
    ref { name target { oid } }
    clientMutationId
  }
}
"""


@pytest.fixture
def fake_with_repo(fake):
    """``fake`` with octo/jobs; every test here starts from it."""
    fake.add_repo("octo/jobs", {"README.md": "# Jobs\n", "data/old.txt": b"old"})
    return fake


pytestmark = pytest.mark.usefixtures("fake_with_repo")


def pygithub(fake, **options):
    """PyGithub on the fake, without retries and without its pauses between requests (1 s before a write)."""
    return github.Github(
        auth=github.Auth.Token(TOKEN),
        base_url=fake.api_url,
        retry=None,
        seconds_between_requests=0,
        seconds_between_writes=0,
        **options,
    )


@pytest.fixture
def gh(fake):
    client = pygithub(fake)
    yield client
    client.close()


def post_graphql(fake, query, variables=None, token=TOKEN):
    response = requests.post(
        fake.graphql_url,
        json={"query": query, "variables": variables or {}},
        headers={"Authorization": f"bearer {token}"},
        timeout=5,
    )
    return response.status_code, response.json()


def commit_input(fake, additions=None, deletions=(), expected=None, branch="main"):
    return {
        "branch": {"repositoryNameWithOwner": "octo/jobs", "branchName": branch},
        "expectedHeadOid": expected or fake.head("octo/jobs"),
        "message": {"headline": "Update jobs", "body": "Refreshed by the action."},
        "fileChanges": {
            "additions": [
                {"path": path, "contents": base64.b64encode(data).decode()} for path, data in (additions or {}).items()
            ],
            "deletions": [{"path": path} for path in deletions],
        },
        "clientMutationId": "m1",
    }


def test_pygithub_derives_the_graphql_url_and_reads_a_file(fake, gh):
    assert gh.requester.graphql_url == fake.graphql_url
    variables = {"owner": "octo", "name": "jobs", "ref": "refs/heads/main", "path": "README.md"}
    _, data = gh.requester.graphql_query(READ_README, variables)

    repository = data["data"]["repository"]
    assert repository["viewerPermission"] == "WRITE"
    assert repository["ref"]["target"]["oid"] == fake.head("octo/jobs")
    blob = repository["ref"]["target"]["file"]["object"]
    assert blob == {"text": "# Jobs\n", "isTruncated": False, "isBinary": False, "byteSize": 7}
    assert gh.get_repo("octo/jobs").default_branch == "main"
    assert [record.kind for record in fake.requests] == ["query", "rest"]


def test_batched_read_with_a_missing_repository_gives_partial_data_and_not_found(fake):
    fake.add_repo("octo/other", {"README.md": "other"}, branch="release/2026", writable=False)
    query = """
    query {
      r0: repository(owner: "octo", name: "jobs") { nameWithOwner defaultBranchRef { name } }
      r1: repository(owner: "octo", name: "gone") { nameWithOwner }
      r2: repository(owner: "octo", name: "other") {
        viewerPermission
        ref(qualifiedName: "release/2026") { prefix target { ... on Commit { file(path: "nope") { oid } } } }
        missing: ref(qualifiedName: "refs/heads/main") { name }
      }
    }
    """
    status, body = post_graphql(fake, query)

    assert status == 200
    assert body["data"] == {
        "r0": {"nameWithOwner": "octo/jobs", "defaultBranchRef": {"name": "main"}},
        "r1": None,
        "r2": {
            "viewerPermission": "READ",
            "ref": {"prefix": "refs/heads/", "target": {"file": None}},
            "missing": None,
        },
    }
    [error] = body["errors"]
    assert error["type"] == "NOT_FOUND"
    assert error["path"] == ["r1"]
    assert error["message"] == "Could not resolve to a Repository with the name 'octo/gone'."


def test_create_commit_on_branch_applies_files_and_moves_the_head(fake, gh):
    parent = fake.head("octo/jobs")
    new_readme = b"# Jobs\n\n| Company | Role |\n"
    _, data = gh.requester.graphql_query(
        COMMIT, {"input": commit_input(fake, {"README.md": new_readme}, deletions=["data/old.txt"])}
    )

    payload = data["data"]["createCommitOnBranch"]
    oid = payload["commit"]["oid"]
    assert oid == fake.head("octo/jobs") != parent
    assert payload["commit"]["url"] == f"https://github.com/octo/jobs/commit/{oid}"
    assert payload["ref"] == {"name": "main", "target": {"oid": oid}}
    assert payload["clientMutationId"] == "m1"
    assert fake.files("octo/jobs") == {"README.md": new_readme}
    record = fake.commit_record("octo/jobs")
    assert (record.parent, record.headline, record.body) == (
        parent,
        "Update jobs",
        "Refreshed by the action.",
    )
    assert record.additions == {"README.md": new_readme} and record.deletions == ("data/old.txt",)
    assert fake.commit_count("octo/jobs") == 2
    assert fake.count("mutation") == 1


def test_a_concurrent_commit_makes_the_mutation_stale(fake):
    fake.before_mutation = lambda server, _input: server.commit("octo/jobs", {"OTHER.md": "someone else"})
    status, body = post_graphql(fake, COMMIT, {"input": commit_input(fake, {"README.md": b"mine"})})

    assert status == 200
    assert body["data"] == {"createCommitOnBranch": None}
    [error] = body["errors"]
    assert error["type"] == "STALE_DATA"
    assert error["path"] == ["createCommitOnBranch"]
    assert "Pull and try again." in error["message"]
    assert fake.file_bytes("octo/jobs", "README.md") == b"# Jobs\n"
    assert fake.commit_count("octo/jobs") == 2  # the initial commit and the concurrent one


def test_write_spacing_refuses_a_write_too_soon_after_the_last_one_and_never_a_read(fake):
    """GitHub's guidance for content-creating requests: at least a second between writes. A write that comes sooner
    gets the secondary rate limit and does nothing; reads are never refused; spacing counts on ``monotonic``."""
    now = [100.0]
    fake.monotonic = lambda: now[0]
    fake.write_spacing = 1.0
    status, _ = post_graphql(fake, COMMIT, {"input": commit_input(fake, {"README.md": b"first"})})
    assert status == 200 and fake.commit_count("octo/jobs") == 2
    now[0] += 0.5
    assert (
        post_graphql(fake, READ_README, {"owner": "octo", "name": "jobs", "ref": "main", "path": "README.md"})[0] == 200
    )
    response = requests.post(
        fake.graphql_url,
        json={"query": COMMIT, "variables": {"input": commit_input(fake, {"README.md": b"too soon"})}},
        headers={"Authorization": f"bearer {TOKEN}"},
        timeout=5,
    )
    assert response.status_code == 403 and response.headers["Retry-After"] == "1"
    assert "secondary rate limit" in response.json()["message"]
    assert fake.file_bytes("octo/jobs", "README.md") == b"first" and fake.spacing_refusals == 1
    now[0] += 1.0  # a second after the refused write was answered
    status, _ = post_graphql(fake, COMMIT, {"input": commit_input(fake, {"README.md": b"spaced"})})
    assert status == 200 and fake.file_bytes("octo/jobs", "README.md") == b"spaced"
    assert fake.spacing_refusals == 1
    assert [record.injected for record in fake.requests if record.kind == "mutation"] == [None, "write_spacing", None]


@pytest.mark.parametrize(
    ("setup", "change", "error_type"),
    [
        (lambda fake: fake.set_permission("octo/jobs", "READ"), {}, "FORBIDDEN"),
        (lambda fake: None, {"branch": "nope"}, "NOT_FOUND"),
        (lambda fake: None, {"contents": "not base64!"}, "UNPROCESSABLE"),
    ],
)
def test_rejected_mutations_change_nothing(fake, setup, change, error_type):
    setup(fake)
    mutation_input = commit_input(fake, {"README.md": b"x"}, branch=change.get("branch", "main"))
    if "contents" in change:
        mutation_input["fileChanges"]["additions"][0]["contents"] = change["contents"]
    _, body = post_graphql(fake, COMMIT, {"input": mutation_input})

    assert body["data"] == {"createCommitOnBranch": None}
    assert [error["type"] for error in body["errors"]] == [error_type]
    assert fake.commit_count("octo/jobs") == 1


def test_an_invalid_document_is_rejected_and_not_executed(fake, gh):
    fake.before_mutation = lambda server, _input: pytest.fail("must not execute")
    status, body = post_graphql(fake, COMMIT.replace("messageHeadline", "headline"), {"input": {}})

    assert status == 200
    assert "data" not in body
    assert any("headline" in error["message"] and error["locations"] for error in body["errors"])
    assert fake.commit_count("octo/jobs") == 1
    assert fake.requests[-1].kind == "mutation" and fake.requests[-1].status == 200
    with pytest.raises(github.GithubException):
        gh.requester.graphql_query('query { repository(owner: "octo", name: "jobs") { stars } }', {})


def test_wrong_token_gets_401(fake):
    status, body = post_graphql(fake, "query { rateLimit { remaining } }", token="wrong")
    assert status == 401
    assert body["message"] == "Bad credentials"
    assert requests.get(f"{fake.api_url}/repos/octo/jobs", timeout=5).status_code == 401
    assert fake.count(status=401) == 2


def test_faults_answer_with_an_error_and_execute_nothing(fake):
    fake.fail_next(403, headers={"Retry-After": "7"}, kind="mutation")
    fake.fail_next(502, kind="query", times=2)
    response = requests.post(
        fake.graphql_url,
        json={"query": COMMIT, "variables": {"input": commit_input(fake, {"README.md": b"x"})}},
        headers={"Authorization": f"token {TOKEN}"},
        timeout=5,
    )
    assert response.status_code == 403
    assert response.headers["Retry-After"] == "7"
    assert "secondary rate limit" in response.json()["message"]
    assert fake.commit_count("octo/jobs") == 1

    statuses = [post_graphql(fake, "{ rateLimit { remaining } }")[0] for _ in range(3)]
    assert statuses == [502, 502, 200]


def test_apply_then_fail_is_an_ambiguous_write(fake):
    fake.apply_then_fail_next_mutation(502)
    status, _ = post_graphql(fake, COMMIT, {"input": commit_input(fake, {"README.md": b"applied"})})

    assert status == 502
    assert fake.file_bytes("octo/jobs", "README.md") == b"applied"
    assert fake.requests[-1].injected == "apply_then_fail"


def test_large_and_binary_blobs(fake):
    fake.truncate_at = 10
    fake.commit("octo/jobs", {"big.md": "x" * 11, "logo.png": b"\x89PNG\0\xff"})
    query = """
    query {
      repository(owner: "octo", name: "jobs") {
        big: object(expression: "main:big.md") { ... on Blob { text isTruncated } }
        logo: object(expression: "HEAD:logo.png") { ... on Blob { text isBinary } }
      }
    }
    """
    _, body = post_graphql(fake, query)
    assert body["data"]["repository"] == {
        "big": {"text": "x" * 10, "isTruncated": True},
        "logo": {"text": None, "isBinary": True},
    }


# ------------------------------------------------------------------------- REST: refs and pull requests
# Driven with PyGithub itself, to prove the fake answers what PyGithub sends with what PyGithub reads.


def feature_branch(fake, gh, branch="jobs/backend", files=None):
    """A branch made over REST from main's head, with one commit of its own; returns PyGithub's repo."""
    repo = gh.get_repo("octo/jobs")
    repo.create_git_ref(f"refs/heads/{branch}", fake.head("octo/jobs"))
    fake.commit("octo/jobs", files or {"README.md": "# Jobs\n\n| new |\n"}, branch=branch, message="Update jobs")
    return repo


def test_get_repo_gives_pygithub_the_fields_it_reads_eager_or_lazy(fake):
    for lazy in (False, True):
        client = pygithub(fake, lazy=lazy)
        fake.clear_requests()
        repo = client.get_repo("octo/jobs")
        assert fake.count("rest") == (0 if lazy else 1)

        assert (repo.full_name, repo.name, repo.owner.login) == ("octo/jobs", "jobs", "octo")
        assert repo.default_branch == "main"
        assert repo.html_url == "https://github.com/octo/jobs"
        assert repo.url == f"{fake.api_url}/repos/octo/jobs"
        assert repo.permissions.push is True and repo.permissions.admin is False
        client.close()


def test_a_branch_created_over_rest_can_be_read_matched_and_not_created_twice(fake, gh):
    repo = gh.get_repo("octo/jobs")
    head = fake.head("octo/jobs")

    created = repo.create_git_ref("refs/heads/jobs/backend", head)
    repo.create_git_ref("refs/heads/jobs/frontend", head)

    assert created.ref == "refs/heads/jobs/backend"
    assert created.object.sha == head and created.object.type == "commit"
    assert created.url == f"{fake.api_url}/repos/octo/jobs/git/refs/heads/jobs/backend"
    assert repo.get_git_ref("heads/jobs/backend").object.sha == head
    assert [ref.ref for ref in repo.get_git_matching_refs("heads/jobs/")] == [
        "refs/heads/jobs/backend",
        "refs/heads/jobs/frontend",
    ]
    assert list(repo.get_git_matching_refs("heads/nothing")) == []
    with pytest.raises(github.UnknownObjectException):
        repo.get_git_ref("heads/jobs").object  # noqa: B018
    with pytest.raises(github.GithubException) as raised:
        repo.create_git_ref("refs/heads/jobs/backend", head)
    assert raised.value.status == 422
    assert raised.value.data["message"] == "Reference already exists"
    with pytest.raises(github.GithubException, match="Object does not exist"):
        repo.create_git_ref("refs/heads/other", "0" * 40)
    assert fake.branches("octo/jobs") == {"main": head, "jobs/backend": head, "jobs/frontend": head}
    assert [(u.action, u.ref, u.new_sha) for u in fake.ref_updates] == [
        ("create", "refs/heads/jobs/backend", head),
        ("create", "refs/heads/jobs/frontend", head),
    ]


def test_graphql_commits_onto_a_branch_created_over_rest(fake, gh):
    repo = gh.get_repo("octo/jobs")
    repo.create_git_ref("refs/heads/jobs/backend", fake.head("octo/jobs"))

    mutation_input = commit_input(
        fake,
        {"README.md": b"# Jobs\n\nfresh\n"},
        expected=fake.head("octo/jobs", "jobs/backend"),
        branch="jobs/backend",
    )
    _, data = gh.requester.graphql_query(COMMIT, {"input": mutation_input})

    oid = data["data"]["createCommitOnBranch"]["commit"]["oid"]
    assert repo.get_git_ref("heads/jobs/backend").object.sha == oid == fake.head("octo/jobs", "jobs/backend")
    assert fake.file_bytes("octo/jobs", "README.md", branch="jobs/backend") == b"# Jobs\n\nfresh\n"
    assert fake.file_bytes("octo/jobs", "README.md") == b"# Jobs\n"


def test_a_ref_moves_forward_freely_but_a_rewrite_needs_force(fake, gh):
    repo = gh.get_repo("octo/jobs")
    start = fake.head("octo/jobs")
    ref = repo.create_git_ref("refs/heads/update", start)
    ahead = fake.commit("octo/jobs", {"A.md": "a"})

    ref.edit(ahead)  # a fast forward
    assert ref.object.sha == ahead == fake.head("octo/jobs", "update")

    theirs = fake.commit("octo/jobs", {"B.md": "b"}, branch="update")  # someone pushed to the branch
    mine = fake.commit("octo/jobs", {"C.md": "c"})  # a new base; the branch is no ancestor of it
    with pytest.raises(github.GithubException) as raised:
        ref.edit(mine)
    assert raised.value.status == 422
    assert raised.value.data["message"] == "Update is not a fast forward"
    assert fake.head("octo/jobs", "update") == theirs

    ref.edit(mine, force=True)
    assert fake.head("octo/jobs", "update") == mine
    assert [(u.action, u.old_sha, u.new_sha, u.force) for u in fake.ref_updates] == [
        ("create", None, start, False),
        ("update", start, ahead, False),
        ("update", theirs, mine, True),
    ]
    assert fake.requests[-1].body == {"sha": mine, "force": True}


def test_deleting_a_branch_removes_it_and_closes_its_pull_request(fake, gh):
    repo = feature_branch(fake, gh)
    pull = repo.create_pull(base="main", head="jobs/backend", title="Update jobs", body="")

    repo.get_git_ref("heads/jobs/backend").delete()

    assert "jobs/backend" not in fake.branches("octo/jobs")
    assert fake.ref_updates[-1].action == "delete"
    assert repo.get_pull(pull.number).state == "closed"
    with pytest.raises(github.UnknownObjectException):
        repo.get_git_ref("heads/jobs/backend").object  # noqa: B018
    with pytest.raises(github.GithubException, match="Reference does not exist"):
        github.GitRef.GitRef(
            gh.requester, url=f"{fake.api_url}/repos/octo/jobs/git/refs/heads/jobs/backend", completed=True
        ).delete()


def test_a_pull_request_is_opened_found_by_head_and_edited(fake, gh):
    repo = feature_branch(fake, gh)

    pull = repo.create_pull(base="main", head="octo:jobs/backend", title="Update Awesome Jobs", body="3 new jobs")

    assert pull.number == 1
    assert pull.html_url == "https://github.com/octo/jobs/pull/1"
    assert pull.url == f"{fake.api_url}/repos/octo/jobs/pulls/1"
    assert (pull.state, pull.title, pull.body, pull.draft, pull.merged) == (
        "open",
        "Update Awesome Jobs",
        "3 new jobs",
        False,
        False,
    )
    assert (pull.head.ref, pull.head.label, pull.head.sha) == (
        "jobs/backend",
        "octo:jobs/backend",
        fake.head("octo/jobs", "jobs/backend"),
    )
    assert (pull.base.ref, pull.base.sha, pull.base.repo.full_name) == ("main", fake.head("octo/jobs"), "octo/jobs")
    assert pull.user.login == "github-actions[bot]"
    assert pull.created_at is not None and pull.updated_at is not None

    found = repo.get_pulls(state="open", head="octo:jobs/backend", base="main")
    assert [p.number for p in found] == [1]
    assert fake.requests[-1].params == {"state": "open", "head": "octo:jobs/backend", "base": "main"}
    assert list(repo.get_pulls(state="open", head="octo:other")) == []
    assert list(repo.get_pulls(state="open", head="someone-else:jobs/backend")) == []
    assert list(repo.get_pulls(state="open", base="release")) == []

    newer = fake.commit("octo/jobs", {"README.md": "# Jobs\n\n| newer |\n"}, branch="jobs/backend")
    pull.edit(title="Update Awesome Jobs (5)", body="5 new jobs")
    assert (pull.title, pull.body, pull.head.sha) == ("Update Awesome Jobs (5)", "5 new jobs", newer)
    assert repo.get_pull(1).body == "5 new jobs"
    assert fake.pull("octo/jobs", 1)["title"] == "Update Awesome Jobs (5)"

    pull.edit(state="closed")
    assert pull.state == "closed" and pull.closed_at is not None
    assert list(repo.get_pulls(state="open")) == []
    assert [p.number for p in repo.get_pulls(state="closed")] == [1]
    assert [p["number"] for p in fake.pulls("octo/jobs")] == [1]


def test_a_second_pull_request_from_the_same_branch_is_refused(fake, gh):
    repo = feature_branch(fake, gh)
    repo.create_pull(base="main", head="jobs/backend", title="Update jobs", body="")

    with pytest.raises(github.GithubException) as raised:
        repo.create_pull(base="main", head="jobs/backend", title="Update jobs again", body="")

    assert raised.value.status == 422
    assert raised.value.data["message"] == "Validation Failed"
    assert raised.value.data["errors"] == [
        {"resource": "PullRequest", "code": "custom", "message": "A pull request already exists for octo:jobs/backend."}
    ]
    assert len(fake.pulls("octo/jobs")) == 1


def test_a_pull_request_without_commits_is_refused(fake, gh):
    repo = gh.get_repo("octo/jobs")
    repo.create_git_ref("refs/heads/empty", fake.head("octo/jobs"))

    for head in ("main", "empty"):
        with pytest.raises(github.GithubException) as raised:
            repo.create_pull(base="main", head=head, title="Nothing", body="")
        assert raised.value.status == 422
        assert raised.value.data["errors"][0]["message"] == f"No commits between main and {head}"
    with pytest.raises(github.GithubException) as raised:
        repo.create_pull(base="main", head="missing", title="Nothing", body="")
    assert raised.value.data["errors"] == [{"resource": "PullRequest", "field": "head", "code": "invalid"}]
    assert fake.pulls("octo/jobs") == []


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda fake: fake.set_permission("octo/jobs", "READ"), "Resource not accessible by integration"),
        (lambda fake: fake.set_archived("octo/jobs"), "Repository was archived so is read-only."),
    ],
)
def test_rest_writes_to_a_read_only_repository_are_forbidden(fake, gh, setup, message):
    repo = feature_branch(fake, gh)
    pull = repo.create_pull(base="main", head="jobs/backend", title="Update jobs", body="")
    ref = repo.get_git_ref("heads/jobs/backend")
    setup(fake)
    fake.clear_requests()

    writes = [
        lambda: repo.create_git_ref("refs/heads/other", fake.head("octo/jobs")),
        lambda: ref.edit(fake.head("octo/jobs"), force=True),
        lambda: ref.delete(),
        lambda: repo.create_pull(base="main", head="jobs/backend", title="Again", body=""),
        lambda: pull.edit(title="Changed"),
    ]
    for write in writes:
        with pytest.raises(github.GithubException) as raised:
            write()
        assert raised.value.status == 403
        assert raised.value.data["message"] == message

    assert fake.count("rest", status=403) == len(writes)
    assert set(fake.branches("octo/jobs")) == {"main", "jobs/backend"}
    assert [p["title"] for p in fake.pulls("octo/jobs")] == ["Update jobs"]
    assert repo.get_pull(pull.number).title == "Update jobs"  # reads still work


def test_pull_requests_are_listed_newest_first_across_pages(fake):
    for branch in ("a", "b", "c"):
        fake.add_branch("octo/jobs", branch)
        fake.commit("octo/jobs", {f"{branch}.md": branch}, branch=branch)
        fake.add_pull("octo/jobs", branch, title=f"From {branch}")
    client = pygithub(fake, per_page=2)

    titles = [pull.title for pull in client.get_repo("octo/jobs").get_pulls(state="all")]

    assert titles == ["From c", "From b", "From a"]
    assert [r.params.get("page") for r in fake.requests if r.path.endswith("/pulls")] == [None, "2"]
    client.close()


def test_a_head_filter_without_owner_filters_nothing_like_github(fake, gh):
    feature_branch(fake, gh)
    fake.add_pull("octo/jobs", "jobs/backend")
    fake.add_branch("octo/jobs", "other")
    fake.add_pull("octo/jobs", "other")

    assert len(list(gh.get_repo("octo/jobs").get_pulls(head="jobs/backend"))) == 2


def test_a_route_added_by_a_test_overrides_a_built_in_one(fake, gh):
    fake.add_route(
        "POST", r"/repos/octo/jobs/pulls", lambda server, body: (502, {"message": "Server Error"}, {"X-Test": "1"})
    )
    repo = feature_branch(fake, gh)

    with pytest.raises(github.GithubException) as raised:
        repo.create_pull(base="main", head="jobs/backend", title="Update jobs", body="")
    assert raised.value.status == 502
    assert raised.value.headers["x-test"] == "1"
    assert fake.pulls("octo/jobs") == []
