"""Cleaning untrusted text (jobs_action/text.py): format characters deleted, controls and breaks made spaces, NFC,
mojibake repaired only where it is certain (HOSTILE-CASES A9, B9)."""

from __future__ import annotations

import unicodedata

import pytest
from factories import border_job
from render_checks import assert_clean_table

from jobs_action.text import clean_text, repair_mojibake

FORMAT_CHARS = ["\u202e", "\u2066", "\u2067", "\u2068", "\u2069", *map(chr, range(0x200B, 0x2010)), "\u061c"]
FORMAT_CHARS += ["\u2060", "\ufeff"]
CONTROLS = ["\x00", "\x01", "\x7f", *map(chr, range(0x80, 0xA0))]


@pytest.mark.parametrize("char", FORMAT_CHARS)
def test_a9_format_characters_are_deleted(char):
    assert clean_text(f"Goo{char}gle") == "Google"


@pytest.mark.parametrize("char", CONTROLS)
def test_a9_control_characters_become_spaces(char):
    assert clean_text(f"Goo{char}gle") == "Goo gle"


def test_a9_output_is_nfc_and_letters_of_every_script_are_kept():
    assert clean_text("Cafe\u0301") == "Café" and unicodedata.is_normalized("NFC", clean_text("Cafe\u0301"))
    kept = "شركة عربية · חברה ישראלית · 株式会社 · 🇩🇪 · 📍"
    assert clean_text(kept) == kept
    assert_clean_table([border_job(title=kept, company=kept, location=kept)])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("MecÃ¡nico", "Mecánico"),
        ("ð\x9f\x93\x8d Remote", "📍 Remote"),
        ("I’m", "I’m"),
        ("naïve", "naïve"),
        ("ＡＢＣ（株）", "ＡＢＣ（株）"),
        ("CI&T", "CI&T"),
        ("ðŸ“ Remote", " Remote"),  # pinned: a fragment that lost a byte is dropped
        ("ğŸ“ Remote", " Remote"),
    ],
)
def test_b9_repair_is_pinned_and_a_lost_byte_never_becomes_the_wrong_emoji(raw, expected):
    assert repair_mojibake(raw) == expected and "📠" not in repair_mojibake(raw)
