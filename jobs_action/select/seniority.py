"""Seniority: the ``seniority`` input (``senior`` or ``junior``) and the level a posting states.

The title decides; the source's own level field (``Job.levels``: Himalayas "Entry-level", Jobicy "Senior",
Arbeitnow "Mid-senior", SmartRecruiters "Mid-Senior Level") is read only when the title names no level, and only
words that are a level and nothing else (a skill such as "Architect" is not a level). Tags are never levels:
boards such as Remote OK fill them with keywords ("senior", "lead", "director"). A text naming both levels
("Junior to Senior") names none.
Words match whole and case-insensitively:

- **senior**: senior, sr, staff (not "Staff Accountant", "Staff Nurse", "Member of Technical Staff"; a
  "(Senior)" in parentheses is optional, so the lower end: mid), principal, lead (not "Lead
  Generation"), tech lead, architect, distinguished, head of, director, VP, chief, CTO, an engineering manager
  and the manager of an engineering function ("DevOps Manager", "Group Manager - Data Science");
- **junior**: junior, jr, entry level, graduate, new grad, fresher, intern, internship, trainee, apprentice,
  working student (Werkstudent), Praktikant, Indian campus batches ("2023-24 pass out", "2024 batch"), and
  associate before an engineer, analyst, scientist or researcher role ("Associate Software Engineer"; not
  "Warehouse Associate", "Associate Director", "Associate Product Manager"); new college grad, undergrad, EIT,
  level 1.

A job whose level is unknown is in neither list.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from jobs_action.errors import ConfigError
from jobs_action.models import Job
from jobs_action.select.titles import listed_roles

Level = Literal["senior", "junior"]
Wanted = Literal["", "senior", "junior"]  # the input: "" keeps every level

# "Associate" is a level only before an engineer or analyst role ("Associate Software Engineer"), not in
# "Warehouse Associate" or "Associate Director".
_ROLES = (
    r"(?:engineer|developer|programmer|analyst|scientist|researcher|technologist|administrator)s?"
    r"(?!\w)|data science"
)

_SENIOR = re.compile(
    r"(?<!\w)(?:"
    r"senior|sr\.?|snr"
    r"|(?<!technical )(?<!chief of )staff(?![\s-]+(?:accountant|nurse|writer|auditor|assistant|pharmacist|attorney))"
    r"|principal|distinguished"
    r"|lead(?![\s-]+(?:gen|generation|qualification))"
    r"|architect|\w*architekt(?:in)?|head of|head(?=\s*[-–—,:]\s)|director|[ase]?vp|vice president"
    r"|chief(?! of staff)|cto"
    r"|leaders?|leitung|leiter(?:in)?"
    r"|engineering managers?|(?:software|hardware|linux|platform|application) development managers?"
    # the manager of an engineering function is an engineering manager ("DevOps Manager", "Game Development
    # Manager", "Data Science Research Manager", "Group Manager - Data Science")
    r"|(?:devops|data science|machine learning|game development|site reliability|sre)(?:\s+(?:research|engineering))?"
    r"\s+managers?|managers?\s*(?:[-–,]|of)\s*(?:data science|machine learning|devops)|group managers?"
    # "Manager, Engineering", "Manager I, Engineering", "Manager, Offensive Security", "Manager, Software Engineering"
    r"|managers?(?:\s+(?:i{1,3}|[1-3]))?,?\s+(?:of\s+)?(?:[\w-]+\s+)?(?:engineering|security|software)"
    r"|l(?:[6-9]|1[0-2])|e[6-9]|ic[5-9]"
    r")(?!\w)",
    re.IGNORECASE,
)
_JUNIOR = re.compile(
    r"(?<!\w)(?:"
    r"junior|jr\.?|entry[\s-]?level|graduates?|new[\s-]grads?|freshers?|interns?|internships?|trainees?"
    r"|(?:new )?college grad(?:uate)?s?|undergrad(?:uate)?s?|eit|duales studium|level[\s-](?:i|1)"
    rf"|associate(?=\s*(?:[/,]\s*|\s)(?:[\w.+#-]+\s+){{0,2}}(?:{_ROLES}))"
    r"|(?:(?<=engineer )|(?<=analyst )|(?<=engineering )|(?<=developer ))associate|new associate"
    r"|associate(?=\s*(?:,|or |and )\s*(?:mid|experienced|senior))|\(\s*associate(?=[\s,)])"
    r"|apprentices?|apprenticeship|working student|werkstudent(?:in)?|praktikant(?:in)?|praktikum"
    r"|berufseinsteiger(?:in)?|co-?op|early[\s-]career|university grad(?:uate)?s?|campus"
    r"|alternance|alternant(?:e)?|stagiaire|ausbildung|azubi|auszubildende[rn]?|^stage"
    r"|(?:19|20)\d\d(?:\s*[-/]\s*\d{2,4})?\s*(?:pass[\s-]?outs?|passed[\s-]out|batch|grads?|graduates?)"
    r"|class of (?:19|20)\d\d"
    r")(?!\w)",
    re.IGNORECASE,
)


# Level one after a role ("Software Engineer I", "SDE 1", "Engineer I/II": a range takes its lower end).
_LEVEL_ONE = re.compile(
    r"(?<!\w)(?:engineer|developer|programmer|analyst|scientist|designer|sde|swe|specialist|associate|manager)s?"
    r"[\s-]+(?:i|1)(?:\s*/\s*(?:ii|2))?(?![\w/])",
    re.IGNORECASE,
)
# Level one as a Roman numeral after any role ("Accountant I", "NOC Tech I", "Software Eng I : Level"), then a
# separator or the end: upper case only, so "i" as a word is not read.
_ROMAN_ONE = re.compile(r"(?<=[A-Za-z])[\s-]+I(?:\s*/\s*II)?(?=\s*(?:$|[,;:()\[\]|]|[-–—]\s))")
# "Mid-Senior", "Mid / Senior", "Intermediate/Senior", "Semi Senior" (Latin America's mid level): a range whose
# lower end is mid, so no level.
_MID_RANGE = re.compile(
    r"(?<!\w)(?:(?:mid(?:dle)?|intermediate|medior)(?:[\s-]*level)?\s*(?:[-/+]|to|&|and|or)\s*(?:senior|sr\.?)"
    r"|(?:senior|sr\.?)\s*(?:[-/+]|to|&|and|or)\s*(?:mid(?:dle)?|intermediate|medior)(?:[\s-]*level)?(?!\w)"
    r"|semi[\s-]?senior|ssr"
    r"|\(\s*(?:senior|sr\.?)\s*\))(?!\w)",  # "(Senior) Software Engineer": senior optional, so the lower end
    re.IGNORECASE,
)

_LEVEL_SUFFIX = re.compile(r"[\s-]+(?:level|role|position)$", re.IGNORECASE)
_NOT_LEVEL_TAGS = re.compile(r"architect|chief|cto", re.IGNORECASE)


# "Jr." ending a person's name in an employer's ("Monroe Carell Jr. Children's Hospital") is no junior level.
_NAME_JR = re.compile(
    r"(?<=[a-z]) Jr\.?(?= [A-Z][a-z]+['’]s\b| (?:[A-Z][a-z]+ ){0,2}(?:Hospital|University|School|College))"
)


def _level(text: str) -> Level | None:
    """The level a text names; with both ("Junior to Senior", "Junior/Mid") the lower end, as a range takes."""
    text = _MID_RANGE.sub("mid", _NAME_JR.sub("", text) if "Jr" in text else text)
    if _JUNIOR.search(text):
        return "junior"
    senior = bool(_SENIOR.search(text))
    if not senior and (_LEVEL_ONE.search(text) or _ROMAN_ONE.search(text)):
        return "junior"  # "Software Engineer I"; but "Senior Machine Learning Engineer I" is a senior rank
    return "senior" if senior else None


def _names_a_level(text: str) -> bool:
    return bool(
        _MID_RANGE.search(text)
        or _SENIOR.search(text)
        or _JUNIOR.search(text)
        or _LEVEL_ONE.search(text)
        or _ROMAN_ONE.search(text)
    )


def _is_level_tag(tag: str) -> bool:
    """A tag that is a level and nothing else ("Senior", "Entry-level"), not a skill such as "Architect"."""
    text = tag.strip()
    if _NOT_LEVEL_TAGS.fullmatch(text):
        return False
    return any(_SENIOR.fullmatch(form) or _JUNIOR.fullmatch(form) for form in (text, _LEVEL_SUFFIX.sub("", text)))


def seniority_of(job: Job) -> Level | None:
    """``"senior"``, ``"junior"``, or ``None`` (mid, or no level stated). The title decides when it names a level
    (a mid range such as "Mid-Senior" is a level: mid); the source's level field only when the title names none. A
    title that lists several roles takes the lowest level it lists ("Senior Backend Engineer, Software Engineer"
    is mid: a range takes its lower end)."""
    if _names_a_level(job.title):
        return _title_level(job.title)
    levels = [level for level in job.levels if _is_level_tag(level)]
    return _level(" | ".join(levels)) if levels else None


@lru_cache(maxsize=65_536)
def _title_level(title: str) -> Level | None:
    roles = listed_roles(title)
    if len(roles) < 2:
        return _level(title)
    levels = [_level(role) for role in roles]
    if "junior" in levels:
        return "junior"
    return None if None in levels else "senior"


def matches_seniority(job: Job, wanted: str) -> bool:
    """Whether ``job`` has the ``wanted`` level; an empty ``wanted`` keeps every job."""
    return not wanted or seniority_of(job) == wanted


_ALIASES: dict[str, Level] = {
    "senior": "senior",
    "sr": "senior",
    "junior": "junior",
    "jr": "junior",
    "entrylevel": "junior",
}


def validate_seniority(value: str) -> Level:
    """The canonical level for ``value`` ("Senior" -> "senior"), or a ``ConfigError`` naming ``seniority``."""
    key = re.sub(r"[\s_.-]+", "", str(value)).casefold()
    if key in _ALIASES:
        return _ALIASES[key]
    shown = str(value)[:60]
    raise ConfigError(f"seniority: expected `senior` or `junior`, got {shown!r}.")
