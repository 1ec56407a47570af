"""Render the bundled example list the way GitHub shows a README, and screenshot it for the README's pictures.

    .venv/bin/python scripts/screenshot.py              # writes docs/images/example-list.png
    .venv/bin/python scripts/screenshot.py --html page.html   # also keep the HTML page
    .venv/bin/python scripts/screenshot.py --picture columns  # one picture of an option (see PICTURES)
    .venv/bin/python scripts/screenshot.py --all         # every picture of docs/images/

Steps: ``python -m jobs_action --example --output-dir <tmp>`` writes the example README (bundled jobs, no network,
no token), with the picture's inputs as options; cmarkgfm (GitHub's cmark-gfm) renders it with GitHub's extensions
and raw HTML left out; a small GitHub-like stylesheet frames it; headless Chromium takes the screenshot. The
picture of an option shows only what stands between the markers (the table or the sections), under a header
naming the inputs. The page is a pure function of the README text, so two runs on the same day give the same HTML
(``--example`` moves the dates to today). Chromium is not a Python package and is not needed by the tests or CI.
On Debian or Ubuntu:

    sudo apt-get install chromium fonts-liberation fonts-noto-color-emoji
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cmarkgfm
from cmarkgfm.cmark import Options

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
DEFAULT_OUTPUT = IMAGES / "example-list.png"


@dataclass(frozen=True)
class Picture:
    """One picture of docs/images/: the inputs it renders the example with; ``whole`` shows the whole README."""

    inputs: tuple[tuple[str, str], ...] = ()
    whole: bool = False

    @property
    def options(self) -> list[str]:
        return [part for name, value in self.inputs for part in (f"--{name}", value)]

    @property
    def caption(self) -> str:
        return " · ".join(f"{name}: {value}" for name, value in self.inputs)


# The README's pictures: the example list, and one per option of the table (the recipes link them).
PICTURES = {
    "example-list": Picture(whole=True),
    "columns": Picture((("columns", "Company, Position, Location, Salary, Type, Posted, Apply"),)),
    "new-badge": Picture(
        (
            ("columns", "Company, Position, Location, Age, Posted, Apply"),
            ("data-file", "jobs.json"),
            ("new-badge", "🆕 2"),
        )
    ),
    "sections-category": Picture(
        (("category", "backend, frontend, ml, devops"), ("sections", "category"), ("max-jobs", "4"))
    ),
    "sections-place": Picture(
        (
            ("category", "tech"),
            ("sections", "USA, India, Remote"),
            ("other-section", "true"),
            ("max-jobs", "3"),
        )
    ),
}
WIDTH = 1200
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)
# GitHub's extensions for README files; raw HTML (the generated-file and marker comments) is left out.
EXTENSIONS = ("table", "autolink", "strikethrough", "tagfilter")
# A reduced copy of GitHub's light theme for a rendered README (markdown-body), written for this script.
STYLESHEET = """
body { margin: 0; background: #ffffff; color: #1f2328;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif,
    "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji";
  font-size: 16px; line-height: 1.5; }
.frame { max-width: 1012px; margin: 24px auto; border: 1px solid #d1d9e0; border-radius: 6px; }
.frame-header { padding: 8px 16px; border-bottom: 1px solid #d1d9e0; font-size: 14px; font-weight: 600; }
.markdown-body { padding: 32px; word-wrap: break-word; }
.markdown-body > *:first-child { margin-top: 0; }
.markdown-body h1, .markdown-body h2 { margin: 24px 0 16px; font-weight: 600; line-height: 1.25;
  padding-bottom: .3em; border-bottom: 1px solid #d1d9e0b3; }
.markdown-body h1 { font-size: 2em; }
.markdown-body h2 { font-size: 1.5em; }
.markdown-body h3 { margin: 24px 0 16px; font-size: 1.25em; font-weight: 600; line-height: 1.25; }
.markdown-body p, .markdown-body ul, .markdown-body table { margin: 0 0 16px; }
.markdown-body ul { padding-left: 2em; }
.markdown-body a { color: #0969da; text-decoration: none; }
.markdown-body table { display: block; width: max-content; max-width: 100%; overflow: auto;
  border-spacing: 0; border-collapse: collapse; font-variant: tabular-nums; }
.markdown-body th { font-weight: 600; }
.markdown-body th, .markdown-body td { padding: 6px 13px; border: 1px solid #d1d9e0; }
.markdown-body tr { background: #ffffff; border-top: 1px solid #d1d9e0b3; }
.markdown-body tr:nth-child(2n) { background: #f6f8fa; }
"""
# Measures the page so the screenshot is exactly as tall as the content.
MEASURE = "<script>document.body.dataset.height = Math.ceil(document.documentElement.scrollHeight);</script>"


class ScreenshotError(Exception):
    """A step failed; the message says which and how to fix it."""


def example_readme(workdir: Path, options: Sequence[str] = ()) -> str:
    """The README that ``python -m jobs_action --example`` renders from the bundled jobs, with ``options``."""
    command = [sys.executable, "-m", "jobs_action", "--example", "--link-query", "utm=github", *options]
    result = subprocess.run(
        [*command, "--output-dir", str(workdir)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise ScreenshotError(f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}{result.stderr}")
    return (workdir / "README.md").read_text(encoding="utf-8")


def between_markers(markdown: str) -> str:
    """What the action keeps between the markers: the picture of an option shows only that."""
    return markdown.split("<!-- JOBS:START -->\n", 1)[1].split("\n<!-- JOBS:END -->", 1)[0]


def render_page(markdown: str, *, measure: bool = False, header: str = "README.md") -> str:
    """A standalone HTML page showing ``markdown`` as GitHub renders a README, under ``header``."""
    body = cmarkgfm.markdown_to_html_with_extensions(
        markdown, options=Options.CMARK_OPT_DEFAULT, extensions=list(EXTENSIONS)
    )
    title = html.escape(markdown_title(markdown))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{STYLESHEET}</style>\n</head>\n<body>\n"
        f'<div class="frame">\n<div class="frame-header">{html.escape(header)}</div>\n'
        f'<article class="markdown-body">\n{body}</article>\n</div>\n'
        f"{MEASURE if measure else ''}\n</body>\n</html>\n"
    )


def markdown_title(markdown: str) -> str:
    match = re.search(r"^# (.+)$", markdown, re.MULTILINE)
    return match[1] if match else "README"


def find_chromium() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ScreenshotError(
        "Chromium was not found (tried: " + ", ".join(CHROMIUM_NAMES) + "). Install it and the fonts, e.g. "
        "`sudo apt-get install chromium fonts-liberation fonts-noto-color-emoji` on Debian or Ubuntu."
    )


def run_chromium(chromium: str, profile: Path, height: int, *args: str) -> str:
    command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={WIDTH},{height}", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0:
        raise ScreenshotError(f"Chromium exited {result.returncode}:\n{result.stderr[-2000:]}")
    return result.stdout


def page_height(chromium: str, workdir: Path, markdown: str, header: str = "README.md") -> int:
    """The rendered height of the page at the screenshot width, read back from the DOM."""
    probe = workdir / "measure.html"
    probe.write_text(render_page(markdown, measure=True, header=header), encoding="utf-8")
    dom = run_chromium(chromium, workdir / "profile-measure", 800, "--dump-dom", probe.as_uri())
    match = re.search(r'data-height="(\d+)"', dom)
    if not match:
        raise ScreenshotError("Chromium did not report the page height (is JavaScript disabled?).")
    return int(match[1])


def take_screenshot(output: Path, keep_html: Path | None, picture: Picture = PICTURES["example-list"]) -> Path:
    chromium = find_chromium()
    with tempfile.TemporaryDirectory(prefix="jobs-screenshot-") as tmp:
        workdir = Path(tmp)
        markdown = example_readme(workdir / "out", picture.options)
        header = "README.md"
        if not picture.whole:
            markdown, header = between_markers(markdown), f"README.md with {picture.caption}"
        page = workdir / "example-list.html"
        page.write_text(render_page(markdown, header=header), encoding="utf-8")
        if keep_html:
            keep_html.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
        height = page_height(chromium, workdir, markdown, header)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.unlink(missing_ok=True)
        run_chromium(chromium, workdir / "profile", height, f"--screenshot={output}", page.as_uri())
    if not output.is_file():
        raise ScreenshotError(f"Chromium finished but wrote no {output}.")
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--output",
        type=Path,
        help=f"PNG to write (default: {DEFAULT_OUTPUT.relative_to(ROOT)}, or docs/images/<picture>.png)",
    )
    parser.add_argument("--html", type=Path, metavar="FILE", help="also write the HTML page here")
    parser.add_argument("--picture", choices=sorted(PICTURES), default="example-list", help="which picture")
    parser.add_argument("--all", action="store_true", help="every picture, each at docs/images/<picture>.png")
    args = parser.parse_args(argv)
    names = sorted(PICTURES) if args.all else [args.picture]
    try:
        for name in names:
            output = args.output.resolve() if args.output and not args.all else IMAGES / f"{name}.png"
            path = take_screenshot(output, None if args.all else args.html, PICTURES[name])
            print(f"wrote {path}")
    except ScreenshotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
