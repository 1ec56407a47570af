"""A family of lists from one lists file: seven lists, seven repositories, six sources, one run.

Each source is fetched once, GitHub is read with one query, each changed list costs one mutation (serial, at
least a second apart), a second identical run costs none, a missing repository fails alone.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
import yaml
from fakes.sources import json_reply
from runner import SkippingClock, run_entrypoint, runner_env

from jobs_action.sources.feed import parse_feed

OWNER = "acme"
LISTS = {
    # name: (repository, keys)
    "backend": ("awesome-backend-jobs", {"category": "backend"}),
    "frontend": ("awesome-frontend-jobs", {"category": "frontend"}),
    "devops": ("awesome-devops-jobs", {"category": "devops"}),
    "india": ("tech-jobs-india", {"category": "all", "location": "India", "title": "Tech Jobs in India"}),
    "usa": ("tech-jobs-usa", {"category": "all", "location": "United States", "title": "Tech Jobs in the USA"}),
    "senior": ("senior-tech-jobs", {"category": "all", "seniority": "senior", "title": "Senior Tech Jobs"}),
    "high-paying": (
        "high-paying-tech-jobs",
        {"category": "all", "min-salary": "150000 USD", "title": "High Paying Tech Jobs"},
    ),
}
MISSING = "tech-jobs-usa"

# (title, company, location, remote, salary): spread over six sources below.
JOBS = [
    ("Senior Backend Engineer (Go)", "Acme Pay", "Berlin, Germany", False, "€80k–100k"),
    ("Backend Developer - Node.js", "Idea Usher", "India", False, None),
    ("Software Engineer, Backend", "Visa", "Bengaluru East, Karnataka, India", False, None),
    ("Python Backend Engineer", "Stripe", "San Francisco, CA, USA", False, "$160,000 - $210,000"),
    ("Staff Backend Engineer", "Shopify", "Remote - US only", True, "$190k-$240k"),
    ("Java Backend Developer", "Allegro", "Warsaw, Poland", False, None),
    ("Frontend Engineer (React)", "Vercel", "Remote", True, "$110k-$140k"),
    ("Senior Frontend Developer", "Zalando", "Berlin, Germany", False, None),
    ("Vue.js Frontend Developer", "Razorpay", "Bengaluru, Karnataka, India", False, "₹18-25 LPA"),
    ("UI Engineer, TypeScript", "Canva", "Sydney, Australia", False, None),
    ("Frontend Engineer", "Atlassian", "Austin, TX", False, "$150,000/year"),
    ("JavaScript Developer", "Wix", "Tel Aviv, Israel", False, None),
    ("DevOps Engineer", "GitLab", "Remote (Worldwide)", True, None),
    ("Site Reliability Engineer", "Google", "New York, NY, United States", False, "$180,000 - $250,000"),
    ("Senior Platform Engineer (Kubernetes)", "Datadog", "Paris, France", False, None),
    ("Cloud Infrastructure Engineer", "Infosys", "Pune, Maharashtra, India", False, None),
    ("DevOps Engineer - AWS", "Takealot", "Cape Town, South Africa", False, None),
    ("SRE", "Systems Ltd", "Lahore, Pakistan", False, None),
    ("Senior Data Engineer", "Netflix", "Los Gatos, California", False, "$200k - $300k"),
    ("Machine Learning Engineer", "Flipkart", "Bangalore, India", False, None),
    ("iOS Developer", "Duolingo", "Pittsburgh, PA", False, None),
    ("Product Designer", "Figma", "Remote, US", True, "$150k-$190k"),
    ("Lead Security Engineer", "Cloudflare", "London, UK", False, None),
    ("QA Automation Engineer", "TCS", "Mumbai Metropolitan Region", False, None),
    ("Principal Engineer, Payments", "Adyen", "Amsterdam, Netherlands", False, "€120k–150k"),
    ("Embedded Software Engineer", "Bosch", "Stuttgart, Deutschland", False, None),
    ("Sales Manager", "HubSpot", "Dublin, Ireland", False, None),
    ("Full Stack Engineer", "Notion", "Remote - Anywhere", True, "$170k-$200k"),
    ("Head of Engineering", "Zepto", "Mumbai, India", False, None),
    ("Backend Engineer (Rust)", "Discord", "Seattle, WA", False, "$170,000 - $200,000"),
]
SOURCES = 6


def feeds(now: datetime) -> list[dict]:
    """Six normalized feeds; each job posted a few hours apart, newest first."""
    parts: list[list[dict]] = [[] for _ in range(SOURCES)]
    for index, (title, company, location, remote, salary) in enumerate(JOBS):
        job = {
            "id": f"job-{index}",
            "company": company,
            "title": title,
            "location": location,
            "remote": remote,
            "posted_at": (now - timedelta(hours=3 * index + 1)).isoformat(),
            "url": f"https://jobs.example/{index}?utm_source=feed",
        }
        if salary:
            job["salary"] = salary
        parts[index % SOURCES].append(job)
    return [{"jobs": part} for part in parts]


def lists_file(source_urls: list[str]) -> str:
    document = {
        "defaults": {
            "sources": source_urls,
            "max-age-days": 15,
            "link-query": "utm=github",
            "data-file": "jobs.json",
            "feed-file": "jobs.atom",
        },
        "lists": [
            {"name": name, "repository": f"{OWNER}/{repository}", **keys} for name, (repository, keys) in LISTS.items()
        ],
    }
    return yaml.safe_dump(document, sort_keys=False)


@pytest.fixture
def family(tmp_path, fake, server):
    """The shared fakes set up for the family: each source on ``server``, each repository but MISSING on ``fake``,
    the lists file in the workspace; ``fake`` stamps requests on the run's clock."""
    now = datetime.now(UTC)
    clock = SkippingClock()
    fake.monotonic = clock.monotonic
    sources = server
    for name, payload in zip([f"/feed{n}.json" for n in range(SOURCES)], feeds(now), strict=True):
        sources.route(name, *[json_reply(payload)] * 10)
    for repository, _ in LISTS.values():
        if repository != MISSING:
            fake.add_repo(f"{OWNER}/{repository}", {"LICENSE": "MIT"})
    config = tmp_path / ".github" / "awesome-jobs.yml"
    config.parent.mkdir()
    config.write_text(lists_file([f"json:{sources.url(f'/feed{n}.json')}" for n in range(SOURCES)]), "utf-8")
    env = runner_env(tmp_path, fake, {"config": ".github/awesome-jobs.yml"}, repository=f"{OWNER}/lists")
    env["GITHUB_EVENT_NAME"] = "workflow_dispatch"
    return fake, sources, env, clock


def test_family_fetches_once_reads_once_and_writes_once_per_changed_list(family):
    fake, sources, env, clock = family
    result = run_entrypoint(env, timeout=120, clock=clock)

    assert result.returncode == 1, result.stdout + result.stderr  # the missing repository
    for n in range(SOURCES):
        assert len(sources.requests_to(f"/feed{n}.json")) == 1, result.stdout
    assert fake.count("query") == 1
    assert fake.count("mutation") == len(LISTS) - 1
    writes = [record.timestamp for record in fake.requests if record.kind == "mutation"]
    assert all(later - earlier >= 0.99 for earlier, later in itertools.pairwise(writes))

    statuses = {report["list"]: report["status"] for report in result.report}
    assert statuses == {name: ("failed" if repo == MISSING else "updated") for name, (repo, _) in LISTS.items()}
    failed = next(report for report in result.report if report["status"] == "failed")
    assert failed["repository"] == f"{OWNER}/{MISSING}"
    assert "GitHub App token or a fine-grained token" in failed["error"]
    assert f"::error title=List not published::{OWNER}/{MISSING} (usa)" in result.stdout


def test_family_writes_keep_githubs_spacing_and_the_read_waits_for_nothing(family):
    """Against a GitHub that refuses a write sooner than a second after the last one, no write is refused: the
    publisher waits before each mutation but the first, and never before the read query."""
    fake, _, env, clock = family
    fake.write_spacing = 1.0
    result = run_entrypoint(env, timeout=120, clock=clock)

    assert fake.spacing_refusals == 0, result.stdout
    assert fake.count("query") == 1 and fake.count("mutation") == len(LISTS) - 1
    assert len(clock.sleeps) == fake.count("mutation") - 1 and all(0 < wait <= 1.0 for wait in clock.sleeps)
    kinds = [record.kind for record in fake.requests]
    assert kinds[0] == "query" and set(kinds[1:]) == {"mutation"}


def test_family_lists_hold_the_right_jobs_and_link_each_other(family):
    fake, _, env, clock = family
    run_entrypoint(env, timeout=120, clock=clock)

    def companies(name: str) -> set[str]:
        data = json.loads(fake.file_bytes(f"{OWNER}/{LISTS[name][0]}", "jobs.json"))
        return {job["company"] for job in data["jobs"]}

    assert {"Acme Pay", "Idea Usher", "Visa", "Stripe", "Shopify", "Allegro", "Discord"} <= companies("backend")
    assert not {"Vercel", "Wix", "HubSpot", "Figma"} & companies("backend")  # JavaScript is not Java
    assert {"Vercel", "Zalando", "Razorpay", "Atlassian", "Wix"} <= companies("frontend")
    assert {"GitLab", "Google", "Datadog", "Infosys", "Takealot", "Systems Ltd"} <= companies("devops")
    india = companies("india")
    assert {"Idea Usher", "Visa", "Razorpay", "Infosys", "Flipkart", "TCS", "Zepto"} <= india
    assert not {"Takealot", "Systems Ltd", "Shopify", "Stripe"} & india  # South Africa, Pakistan, US-only
    assert {"Shopify", "Cloudflare", "Adyen", "Netflix", "Zalando", "Zepto"} <= companies("senior")
    assert not {"Vercel", "Idea Usher"} & companies("senior")
    assert companies("high-paying") >= {"Stripe", "Shopify", "Google", "Netflix", "Discord", "Notion"}
    assert not {"Razorpay", "Vercel", "Acme Pay"} & companies("high-paying")

    web = fake.api_url.removesuffix("/api/v3")  # an Enterprise-style host: links follow GITHUB_API_URL
    backend = fake.file_bytes(f"{OWNER}/awesome-backend-jobs", "README.md").decode()
    assert "## Other Awesome Job Lists" in backend
    for name, (repository, _keys) in LISTS.items():
        if name != "backend":
            assert f"]({web}/{OWNER}/{repository})" in backend
    assert f"]({web}/{OWNER}/awesome-backend-jobs)" not in backend  # not itself
    assert f"[jobs feed]({web}/{OWNER}/awesome-backend-jobs/raw/main/jobs.atom)" in backend


def test_family_data_and_feed_files_are_valid_and_committed_with_the_readme(family):
    fake, _, env, clock = family
    run_entrypoint(env, timeout=120, clock=clock)
    repository = f"{OWNER}/awesome-devops-jobs"
    record = fake.commit_record(repository)
    assert set(record.additions) == {"README.md", "jobs.json", "jobs.atom"}  # one atomic commit

    data = fake.file_bytes(repository, "jobs.json")
    parsed = json.loads(data)
    assert parsed["generated_at"] and parsed["category"] == "devops"
    readme = fake.file_bytes(repository, "README.md").decode()
    assert len(parsed["jobs"]) == readme.count("[Apply](") > 0
    assert [job.title for job in parse_feed(data, "json").jobs] == [job["title"] for job in parsed["jobs"]]

    feed = feedparser.parse(fake.file_bytes(repository, "jobs.atom"))
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == [f"{j['title']} at {j['company']}" for j in parsed["jobs"]]
    assert all(entry.link.endswith("utm=github") for entry in feed.entries)
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)


def test_c9_second_identical_run_writes_nothing_and_retries_only_the_failed_target(family):
    fake, _sources, env, clock = family
    run_entrypoint(env, timeout=120, clock=clock)
    fake.clear_requests()
    second = run_entrypoint(env, timeout=120, clock=clock)
    assert second.returncode == 1
    assert (fake.count("query"), fake.count("mutation")) == (1, 0)
    assert {report["status"] for report in second.report} == {"unchanged", "failed"}

    fake.add_repo(f"{OWNER}/{MISSING}", {})
    fake.clear_requests()
    third = run_entrypoint(env, timeout=120, clock=clock)
    assert third.returncode == 0, third.stdout
    assert (fake.count("query"), fake.count("mutation")) == (1, 1)
    assert [report["list"] for report in third.report if report["status"] == "updated"] == ["usa"]
    usa = json.loads(fake.file_bytes(f"{OWNER}/{MISSING}", "jobs.json"))
    assert {"Stripe", "Shopify", "Google", "Atlassian", "Netflix", "Discord", "Duolingo"} <= {
        job["company"] for job in usa["jobs"]
    }


def test_matrix_job_runs_one_list_of_the_family(family):
    fake, _sources, env, clock = family
    result = run_entrypoint({**env, "INPUT_LIST": "india"}, timeout=120, clock=clock)
    assert result.returncode == 0, result.stdout
    assert [report["list"] for report in result.report] == ["india"]
    assert fake.count("mutation") == 1
    readme = fake.file_bytes(f"{OWNER}/tech-jobs-india", "README.md").decode()
    assert "\n# Tech Jobs in India\n" in readme
    web = fake.api_url.removesuffix("/api/v3")
    assert f"]({web}/acme/awesome-backend-jobs)" in readme  # still links the whole family
