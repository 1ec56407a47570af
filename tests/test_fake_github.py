"""Tests of the fake GitHub server itself, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import base64

import github
import pytest
import requests
from fakes.github import FakeGitHub

TOKEN = "ghs_test_token"

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
def fake():
    with FakeGitHub(token=TOKEN) as server:
        server.add_repo("octo/jobs", {"README.md": "# Jobs\n", "data/old.txt": b"old"})
        yield server


@pytest.fixture
def gh(fake):
    client = github.Github(auth=github.Auth.Token(TOKEN), base_url=fake.api_url, retry=None)
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
