"""The entry point (jobs_action/main.py): an unexpected exception still ends with the token masked and scrubbed,
and the runner's debug switches never turn on HTTP header dumps (HOSTILE-CASES D3)."""

from __future__ import annotations

import http.client
import io
import logging

from helpers import REPO, TOKEN

import jobs_action.app as action_app
import jobs_action.main as action_main


def test_d3_an_unexpected_exception_prints_a_scrubbed_traceback(tmp_path, monkeypatch, capsys):
    def explode(*_args, **_kwargs):
        raise RuntimeError(f"boom with {TOKEN} inside")

    monkeypatch.setattr(action_app, "fetch_sources", explode)
    stream = io.StringIO()
    env = {
        "INPUT_GITHUB-TOKEN": TOKEN,
        "GITHUB_REPOSITORY": REPO,
        "GITHUB_WORKSPACE": str(tmp_path),
        "INPUT_SOURCES": "file:jobs.json",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
    }
    assert action_main.main(env, stream) == 1
    printed = stream.getvalue()
    assert printed.split("\n")[0] == f"::add-mask::{TOKEN}"
    assert TOKEN not in printed.split("\n", 1)[1] and "boom with *** inside" in printed
    assert "Traceback" in printed and "::error title=Unexpected error::" in printed
    captured = capsys.readouterr()
    assert TOKEN not in captured.out + captured.err
    for name in ("summary", "output"):
        path = tmp_path / name
        assert not path.exists() or TOKEN not in path.read_text(encoding="utf-8")


def test_d3_http_debug_logging_stays_off(tmp_path, monkeypatch):
    monkeypatch.setattr(action_app, "fetch_sources", lambda *a, **k: [])
    env = {"INPUT_GITHUB-TOKEN": TOKEN, "GITHUB_REPOSITORY": REPO, "GITHUB_WORKSPACE": str(tmp_path),
           "INPUT_SOURCES": "file:jobs.json", "RUNNER_DEBUG": "1", "ACTIONS_STEP_DEBUG": "true"}  # fmt: skip
    action_main.main(env, io.StringIO())
    assert http.client.HTTPConnection.debuglevel == 0
    for name in ("", "github", "urllib3", "requests"):
        assert not logging.getLogger(name).isEnabledFor(logging.DEBUG), name


def test_the_batch_collector_is_restored_whatever_happens_inside_and_frees_the_batchs_cycles():
    """During the batch the collector is off with everything older frozen; afterwards it is on again, with its
    thresholds, nothing frozen, and a reference cycle the batch made is collected like any other."""
    import gc
    import weakref

    import pytest

    class Node:
        pass

    thresholds = gc.get_threshold()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    with pytest.raises(KeyError), action_app.batch_collector():
        assert not gc.isenabled() and gc.get_freeze_count() > 0
        node = Node()
        node.me = node  # type: ignore[attr-defined]
        survivor = weakref.ref(node)
        del node
        raise KeyError("a failure inside the batch")
    assert gc.isenabled() and gc.get_threshold() == thresholds and gc.get_freeze_count() == 0
    assert survivor() is not None  # nothing collected it during the batch
    gc.collect()
    assert survivor() is None


def test_the_batch_collector_leaves_frozen_what_someone_else_froze():
    import gc

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with action_app.batch_collector():
            pass
        assert gc.get_freeze_count() >= frozen and gc.isenabled()
    finally:
        gc.unfreeze()
