"""Titles that list several roles: "Software Engineers, Engineering Managers", "Web, Android, iOS, Backend, SRE".

Job boards fed by "who is hiring" threads (Hacker News) and multi-opening posts name several roles in one title.
Such a title is read role by role: the job is in each role's categories (docs/selection.md, "Categories"), and
its level is the lowest one listed (a range takes its lower end: "Senior Backend Engineer, Software Engineer" is
mid). A title with one role and its team ("Software Engineer, Backend", "Data Scientist, Security") is one role.
"""

from __future__ import annotations

import re
from functools import lru_cache

# The separators of a list of roles; parentheses are dropped first ("Software Engineers (DevOps, SDET, UI)").
_SEPARATORS = re.compile(r"\s*[,;/+]\s*|\s+(?:and|&|or)\s+", re.IGNORECASE)
_BRACKETS = re.compile(r"[()\[\]]")
# A word that makes a part a role of its own ("Engineering Managers", "Designers"); "Engineering" alone is a team.
ROLE_WORD = re.compile(
    r"(?<![\w+#])(?:engineers?|developers?(?!\s+(?:experience|productivity|tools|platform|relations|advocacy"
    r"|infrastructure|ecosystem|portal|success))|devs?|programmers?|scientists?|analysts?|designers?|managers?"
    r"|architects?|researchers?|swes?|sdes?|sres?|sdets?|testers?|administrators?|specialists?|owners?"
    r"|directors?|leads?(?=\s*$)|consultants?|representatives?|recruiters?|writers?|artists?|animators?|marketers?)"
    r"(?![\w+#])",
    re.IGNORECASE,
)


# Pairs joined by a slash or a plus that are one thing, not two roles: "UI/UX", "AI/ML", "CI/CD", "C/C++",
# "Data/ML" ("Senior Data/ML Engineer, Product" is one engineer on the product team).
_COMPOUND = re.compile(
    r"(?<![\w+#])(?:ui\s*/\s*ux|ux\s*/\s*ui|ai\s*/\s*ml|ml\s*/\s*ai|ci\s*/\s*cd|ar\s*/\s*vr|c\s*/\s*c\+\+|tcp\s*/\s*ip"
    r"|react\s*\+\s*ts|data\s*/\s*(?:ml|ai)|(?:ml|ai)\s*/\s*data)(?![\w#])",
    re.IGNORECASE,
)


@lru_cache(maxsize=16_384)
def listed_parts(text: str) -> tuple[str, ...]:
    """The parts of a title between list separators, without brackets (one part when there is no list)."""
    text = _COMPOUND.sub(lambda match: match.group().translate(_HIDE), _BRACKETS.sub(" ", text))
    return tuple(part.translate(_SHOW) for part in (p.strip() for p in _SEPARATORS.split(text)) if part)


# A compound's slash and plus are hidden from the split as private-use characters, then given back.
_HIDE = str.maketrans({"/": "\ue000", "+": "\ue001"})
_SHOW = str.maketrans({"\ue000": "/", "\ue001": "+"})


# A list of openings as the levels read it: commas, semicolons, "and", "&", "+"; a slash joins two names of one
# opening ("Senior Data Analyst / BI Developer" is a senior analyst or a senior BI developer).
_OPENINGS = re.compile(r"\s*[,;+]\s*|\s+(?:and|&)\s+", re.IGNORECASE)


@lru_cache(maxsize=16_384)
def listed_roles(text: str) -> tuple[str, ...]:
    """The openings a title lists, each a part that names a role; fewer than two means the title is one opening. A
    bare role word takes the part before it ("Staff Product Designer & Researcher" is one staff opening)."""
    roles: list[str] = []
    for part in (p.strip() for p in _OPENINGS.split(_BRACKETS.sub(" ", text))):
        if not ROLE_WORD.search(part):
            continue
        if roles and ROLE_WORD.fullmatch(part):
            roles[-1] = f"{roles[-1]} & {part}"
        else:
            roles.append(part)
    return tuple(roles)
