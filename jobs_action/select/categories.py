"""Job categories: which lists (backend, frontend, devops, ...) a posting belongs to.

How a job is categorized (pure; a few compiled, case-insensitive, whole-word patterns):

1. **The title decides first.** Each category has *strong* patterns, words that name the field ("Backend",
   "Back End", "Back-end", "Frontend", "Full-Stack", "DevOps", "SRE", "Data Engineer", "Machine Learning",
   "iOS", "QA", "Firmware", "Designer", "Product Manager", ...). A title may name several fields and then
   belongs to each ("Backend & Frontend Developer" is backend and frontend).
2. **Weak hints only when no field is named.** Languages and frameworks ("Python", "Java", "Golang", "PHP",
   "Node.js", "Django", "API", "React", "Kubernetes", ...) place a job only when the title names no field
   *and* names an engineering role ("developer", "engineer", "programmer", "Entwickler", ...): "Python
   Developer" and "Software Engineer (Go)" are backend, "Data Engineer (Python)" is data only, "Python Tutor"
   is nothing. A plain "Software Engineer" with no hint is in no category.
3. **Role vetoes.** Sales, support and customer-facing titles ("Sales Engineer", "Account Executive",
   "Recruiter", "Customer Support Engineer (Backend)", "Marketing ...") are in no engineering category, unless
   a field word is the title's role ("Backend Engineer, Sales Platform", "Marketing Data Analyst"). Designer
   titles are in ``design`` (game and level designers in ``gamedev`` only), never in an engineering list; a
   designer who builds (a UI/UX developer, a web designer) is in ``design`` and ``frontend``.
   Product-management titles ("Product Manager, APIs") are in ``product`` only.
4. **Then the source's category**, only when the title is not decisive (no field, no hint, no veto) and names
   an engineering role. Only strong patterns are read there, and only engineering categories come out (an
   engineer filed under "Product" is not a product manager): "DevOps & SysAdmin", "Back-End Programming", "Data
   Science". Tags decide no category: boards fill them with skills and keywords ("Senior Shopify Developer"
   tagged backend, frontend, fullstack, mobile, analytics and design; a "Junior Software Developer" tagged
   "Full Stack"), and the role decides (docs/selection.md). Measured on three development sets labelled from
   the definition, reading tags that name one or two categories cost more rows than it placed.

Buzzwords and adjectives: "AI" and "ML" name the ``ml`` field only in a title with an engineering or research
role ("AI Engineer", "Research Engineer, AI Safety"; not "AI Operations Lead"). "Mobile" and "Security" name a
field only as engineering words: before a role ("Mobile App Developer"), as the team at the end of a title part
("Software Engineer, Mobile"), or in compounds ("Information Security"); not "Mobile Mechanic" or "Security
Guard". A team name at the end of a part also counts for ``data`` ("Software Engineer, Data"). A team does not
add its field to a role that is a field of its own ("Data Scientist - Marketing Analytics" is ml only, "QA
Engineer - Back-end" qa only; ``_TEAM_IS_NOT_THE_ROLE``); testers of data ("ETL Test Engineer") are qa.

Word rules: "JavaScript" (and "Java Script") is not "Java"; "Back Office" is not backend; "Backend for
Frontend" (BFF) is backend, not frontend; "Node.js Developer" is backend; "Salesforce" is not "Sales";
"iGaming" is not a game studio.

**Full-stack roles** are in ``fullstack`` only, not in ``backend`` or ``frontend``, unless they name both tracks
(a stack for each: "Full Stack Developer (Django + Vue)" is also backend and frontend). They are the most common
engineering title on remote boards and would crowd a backend or frontend list, whose readers look for
server-side (or browser-side) roles; full-stack roles have a list of their own. A title that names backend (or
frontend) explicitly stays there too ("Full-Stack Engineer, Backend focus" is fullstack and backend); a title
naming both sides, by field or by hint, is in both but not in ``fullstack``, which holds the titles that say full
stack ("Frontend & Backend Developer" is backend and frontend); a list that wants every full-stack job adds the
include keyword "full stack". A title that lists several openings is in each opening's categories
(``select/titles.py``: "Full Stack Developer, Product Manager" is fullstack and product).

``data`` is data engineering and analytics (data engineer, analytics engineer, data analyst, BI, ETL); ``ml``
is machine learning, AI and data science (data scientist, ML engineer, MLOps, LLM, computer vision).
``devops`` covers DevOps, SRE, platform and cloud infrastructure and system administration. ``embedded`` is embedded
software, firmware, drivers and chip front-end design (RTL, design verification); other hardware engineering is a
tech role in no category, and its validation and test are neither a plant's validation nor ``qa``; a "Server
Engineer" is backend (a "Windows Server Engineer" is not); a "Level Designer" is in ``gamedev``. A designer is in
``design`` when the title names what people use on screens (product, UX, UI, interaction, visual, brand, web):
graphic, interior, fashion, CAD and packaging designers are in none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from jobs_action.errors import ConfigError
from jobs_action.models import Job
from jobs_action.select.titles import ROLE_WORD, listed_parts, listed_roles

CATEGORIES: tuple[str, ...] = (
    "backend",
    "frontend",
    "fullstack",
    "devops",
    "data",
    "ml",
    "mobile",
    "security",
    "qa",
    "embedded",
    "gamedev",
    "design",
    "product",
)
# What the `category` input accepts: a category, `tech` (every technology role) or `all` (every job).
CHOICES: tuple[str, ...] = (*CATEGORIES, "tech", "all")

# The engineering categories: every category but the two of designers and product managers.
ENGINEERING: frozenset[str] = frozenset(CATEGORIES) - {"design", "product"}


def _words(*alternatives: str) -> re.Pattern[str]:
    """One case-insensitive pattern matching any alternative as a whole word (alternatives are regexes)."""
    return re.compile(r"(?<![\w+#])(?:" + "|".join(alternatives) + r")(?![\w+#])", re.IGNORECASE)


_SEP = r"[\s_-]?"  # "back end", "back-end", "backend", "back_end"
# Not after a platform or a language: a "Cloud Solution Architect" builds on the cloud and a "Java Solutions
# Architect" in Java, a "Solutions Architect" sells.
_PLATFORM_QUALIFIED = "".join(
    rf"(?<!{platform} )"
    for platform in ("cloud", "gcp", "aws", "azure", "erp", "sap", "salesforce", "servicenow", "java", r"\.net")
)
_ROLE_NOUNS = (
    r"(?:engineer|engineering|developer|programmer|architect|dev|researcher|scientist|qa|tester|sdet|intern)s?"
)
# A word that names a field only as a team, at the end of a title part ("Software Engineer, Data"), ...
_TEAM_END = r"(?=\s*(?:$|[,;:()\[\]|/]|[-–—]\s))"
# ... or right before an engineering role ("Mobile App Developer", "AI Engineer"; not "Mobile Mechanic").
_BEFORE_ROLE = rf"(?=\s+(?:[\w/+#.-]+\s+){{0,2}}{_ROLE_NOUNS}(?![\w+#]))"
_NOT_DESIGN = r"(?![\s-]+design)"  # "Director, Product Design" leads designers, not product managers

_STRONG: dict[str, re.Pattern[str]] = {
    "backend": _words(
        rf"back{_SEP}ends?",
        r"server[\s-]?side",
        r"(?<!windows )(?<!sql )(?<!linux )server (?:engineer|developer|programmer)s?",
        r"bff",
        r"game[\s-]servers?",  # docs/selection.md: game-server developers are backend (and gamedev)
    ),
    "frontend": _words(
        rf"front{_SEP}ends?",
        r"ui (?:software )?(?:developer|engineer|programmer|lead(?![\s-]+gen))s?",
        r"web ui",
        rf"ui{_TEAM_END}",  # "Sr. Software Engineer (UI)"
        # "Senior Principal Software Engineer FE"; not a civil engineer's FE licence ("Civil Engineer (FE/EIT)")
        rf"software (?:engineer|developer)s? \(?fe{_TEAM_END}",
        r"fe (?:software )?(?:engineer|developer)s?",
        rf"web{_TEAM_END}",  # "Engineering Manager - Web"
        r"web platform",
        r"ui platform",
        r"design systems? engineers?",
        # a developer of a design system ("Developer - Carbon Design System"); its designers are designers
        rf"(?:developer|engineer)s?\s*[-–—,(]\s*(?:\w+\s+)?design systems?(?: team)?{_TEAM_END}",
        r"creative (?:developer|technologist)s?",  # builds interactive web experiences
    ),
    "fullstack": _words(rf"full{_SEP}stack", r"mern", r"mean stack"),
    "devops": _words(
        rf"dev{_SEP}ops",
        rf"dev{_SEP}sec{_SEP}ops",
        r"sres?",
        r"site reliability",
        r"(?<!data )(?<!ml )(?<!ui )(?<!web )platform engineer(?:s|ing)?",
        # not the security of infrastructure ("Infrastructure Security Engineer", "Software Engineer - Security
        # Infrastructure": security) or Oracle's product ("Oracle Cloud Infrastructure")
        r"(?<!data )(?<!security )(?<!oracle cloud )infrastructure(?![\s-]+security)",
        r"(?<!oracle )cloud (?:engineer|architect|ops|operations|platform|infrastructure|administrator)s?",
        r"(?:cloud|gcp|aws|azure) solutions? architects?",
        r"infra",
        rf"sys{_SEP}admins?",
        r"systems? admins?",
        r"systems? administrator",
        r"systems? administration",
        r"release engineer",
        r"build (?:engineer|platform|infrastructure)s?",
        r"developer productivity",
        r"(?:linux|unix|windows)(?: server)? (?:administrator|admin|sysadmin)s?",
        r"unix engineers?",
        r"ci\s*/\s*cd",
        r"deployment engineers?",
        r"git\s?ops",
        r"(?:docker|ansible|vmware|virtualization) (?:engineer|administrator|admin|specialist)s?",
        r"(?<!hardware )reliability engineer(?:s|ing)?",
        rf"reliability{_TEAM_END}",  # "Senior Staff Software Engineer (Reliability)"
        r"operations engineers?",
        r"(?:it-)?systemadministrator(?:in)?",
        r"it-administrator(?:in)?",
        r"netzwerk\w*",
        r"infrastruktur",
        r"mlops",
        rf"ml{_SEP}ops",
        rf"ai{_SEP}ops",
        r"machine learning ops",
        r"(?:ml|machine learning) (?:infra|infrastructure|platform)s?",
        rf"sec{_SEP}dev{_SEP}ops",
        r"sap basis",
        r"observability",
        r"kubernetes (?:engineer|administrator|admin|specialist)s?",
        r"network (?:engineer|engineering|administrator|architect)s?",
    ),
    "data": _words(
        r"data (?:engineer|engineering|analyst|analysis|analytics|architect|architecture|warehouse|warehousing|platform"
        r"|pipeline|infrastructure|integration|modeler|modeller)s?",
        r"analytics",
        r"business intelligence",
        r"bi (?:developer|engineer|analyst)s?",
        r"etl",
        r"big data",
        r"data (?:quality|governance|management|stewards?)",
        r"master data",
        rf"data{_SEP}ops",
        r"data migration (?:engineer|developer|analyst)s?",
        r"data operations (?:analyst|specialist|engineer)s?",
        r"(?:business|data|product|customer) insights",
        r"(?:product|growth|marketing|insights?|bi|data science) analysts?",
        r"tableau",
        r"power bi",
        r"database (?:engineer|developer|architect)s?",
        r"r (?:developer|programmer)s?",
        r"r/shiny",
        r"data insights?",
        r"statistical programmers?",
        r"data visuali[sz]ation",
        rf"data{_TEAM_END}",
    ),
    "ml": _words(
        r"machine learning",
        r"mlops",
        rf"ml{_SEP}ops",
        rf"ai{_SEP}ops",
        r"(?:head|director|vp),? (?:of )?(?:ai|ml|machine learning)",
        r"data scien(?:ces?(?![\s-]+analysts?)|tists?)",
        r"deep learning",
        r"nlp",
        r"natural language processing",
        r"computer vision",
        r"llms?",
        r"applied scientists?",
        r"inference",
        r"perception",
        # a research scientist of another science is no ML role ("Quantum Research Scientist", "Research
        # Scientist - Optical System Design", "Associate Research Scientist - Evidence Generation")
        r"(?<!quantum )(?<!physics )(?<!chemistry )(?<!materials )(?<!clinical )research scientists?"
        r"(?!\s*(?:intern\s*)?[-–,:(]\s*(?:optical|optics|photonics|quantum|physics|chemistry|materials|biology"
        r"|clinical|evidence|security|privacy|cryptography))",
        r"research engineers?",
        r"decision scien(?:ce|tists?)",
        # Right before the role, "AI" and "ML" name the field, whatever else the title names ("ML Engineer -
        # Advanced Analytics"); elsewhere they are buzzwords (_WITH_ROLE).
        r"(?:ai|ml|ai/ml|ml/ai) (?:engineer|scientist|researcher|developer|lead(?![\s-]+gen))s?",
        r"(?:ml|ai/ml|ml/ai|machine learning) (?:infra|infrastructure|platform)s?",
        r"(?:ai|artificial intelligence) analysts?",
    ),
    "mobile": _words(
        rf"mobile{_BEFORE_ROLE}",
        r"mobile (?:engineering|development)",
        rf"mobile{_TEAM_END}",
        r"ios",
        r"android",
        r"react native",
        r"flutter",
        r"swiftui",
        r"xamarin",
    ),
    "security": _words(
        r"(?:cyber|information|it|network|cloud|application|product|offensive|defensive|data|platform"
        r"|infrastructure|endpoint|web|software|systems?|identity)[\s-]?security",
        r"security (?:engineer|engineering|analyst|architect|researcher|operations|specialist|consultant"
        r"|auditor|lead|manager|director|champion|tester|team)s?",
        rf"(?<!homeland )security{_TEAM_END}",
        r"head of security",
        r"ciso",
        r"secops",
        rf"dev{_SEP}sec{_SEP}ops",
        rf"cyber{_SEP}security",
        r"infosec",
        r"data protection",
        r"appsec",
        r"penetration tester",
        rf"pen{_SEP}tester",
        r"soc analyst",
        r"threat",
        r"vulnerability",
        # "Security Software Engineer", "Security Automation Engineer"; not "Homeland Security" or a clearance
        rf"(?<!homeland )security(?!\s+clearance){_BEFORE_ROLE}",
        r"detection (?:and|&) response",
        r"incident response",
        r"cryptograph(?:er|ers|y)",
        r"iam (?:engineer|analyst|architect|specialist|developer|consultant)s?",
        r"reverse engineer(?:s|ing)?",  # of malware and binaries
        r"identity (?:and|&) access management",
        r"privacy (?:software )?engineer(?:s|ing)?",
        r"security (?:(?:and |& )?compliance|infrastructure)",
        r"(?:informations|it-|cyber)sicherheit\w*",
        r"informationssicherheitsbeauftragte[rn]?",
        rf"sec{_SEP}dev{_SEP}ops",
        # "Cyber Software Engineer", "Junior Cyber Analyst", "Cyber Network Defense Analyst"
        rf"cyber{_BEFORE_ROLE}",
        r"cyber (?:\w+ )?(?:analyst|defen[cs]e|operations|operator|forensics?)s?",
        r"forensic analysts?",
        r"dlp",  # data loss prevention
        r"grc (?:engineer|analyst|specialist|lead|manager)s?",  # governance, risk and compliance
        r"cno (?:developer|engineer|operator)s?",  # computer network operations
    ),
    "qa": _words(
        r"qa",
        r"quality assurance",
        r"quality engineer(?:ing)?",
        r"test(?:ing)?\s+(?:engineer|automation|analyst|lead|manager|developer)s?",
        r"automation tester",
        r"(?<!penetration )(?<!pen )(?<!pen-)testers?",
        r"sdets?",
        r"software (?:developer|engineer) in test",
        r"(?:developer|engineer)s? in test",  # "JavaScript Developer in Test"
        r"(?:software )?development engineers? in test",
        r"(?:software )?developer engineers? in test",
        r"automation testing",
    ),
    "embedded": _words(
        r"embedded",
        r"firmware",
        r"fpga",
        r"rtos",
        r"microcontrollers?",
        r"iot",
        r"device drivers?",
        r"asic",
        r"avionics",
        r"rtl",
        r"design verification",  # of chips (docs/selection.md: chip front-end design)
        r"rf software engineer(?:s|ing)?",  # radio firmware; a hardware engineer is tech in no category
        r"chip design",
        r"dft",
        r"vlsi",
        r"logic (?:synthesis|design)",
        r"real[\s-]?time (?:systems?|software|embedded|firmware|operating systems?|os|linux)",
        r"(?:kernel|gpu|linux|camera|display|audio|storage|real[\s-]?time) drivers?",
        r"robotics",
    ),
    "gamedev": _words(
        r"games?",
        r"gameplay",
        rf"game{_SEP}dev",
        r"unreal",
        r"unity (?:developer|engineer|programmer)s?",
        rf"unity{_TEAM_END}",  # "Senior Software Engineer (Unity)"
        rf"gaming{_TEAM_END}",  # "Engineering Manager, Backend (Gaming)"
        rf"gaming{_BEFORE_ROLE}",
        r"gaming (?:backend|frontend|fullstack|full stack|server|client)",
        r"technical artists?",
        r"(?:environment|character|3d|prop|tech) artists?",
        r"tech art",
        r"engine (?:programmer|developer)s?",
        r"(?:tools|graphics|audio|physics) programmers?",
        r"graphics engineers?",  # a game's rendering ("Senior Graphics Engineer (Lighting)"), as its programmer
        r"level design(?:ers?)?",
    ),
    "design": _words(
        # A designer of products people use on screens, not of prints, rooms, clothes or parts ("Graphic Designer",
        # "Interior Designer", "CAD Designer" are in no category): the qualifier decides.
        r"(?:product|ux|ui|ui/ux|ux/ui|ux/ui|user experience|user interface|interaction|visual|brand|web|digital"
        r"|digital product|experience|service|content|conversational|design systems?|app|mobile|saas|lead|staff"
        r"|principal|senior product|founding|growth)(?:\s*/\s*\w+)? designers?",  # "Brand/Creative Designer"
        r"ux",
        r"ui/ux",
        r"ux/ui",
        r"user experience",
        r"user research(?:ers?)?",
        r"ux research(?:ers?)?",
        r"(?:head|director|vp|vice president),? (?:of )?(?:product )?design",
        r"(?<!hardware )(?<!chip )(?<!circuit )design (?:lead|manager|director|intern|researcher|team)s?",
        r"(?:product|interaction|visual|brand|web|experience) design",
        r"(?:art|creative) directors?",
        r"designers?\s*[-–—,(]\s*(?:\w+\s+)?design systems?",  # "Senior Designer - Design Systems"
    ),
    "product": _words(
        r"product (?:manager|owner|lead|director|management|head)s?",
        rf"head of product{_NOT_DESIGN}",
        rf"vp,? (?:of )?product{_NOT_DESIGN}",
        rf"director,? (?:of )?product{_NOT_DESIGN}",
        r"chief product officer",
        r"cpo",
    ),
}

# Field words that are also buzzwords ("AI Operations Lead", "AI Policy Lead"): read only beside an engineering
# or research role ("AI Engineer", "Research Engineer, AI Safety").
_WITH_ROLE: dict[str, re.Pattern[str]] = {
    "ml": _words(r"ai", r"ml", rf"gen{_SEP}ai", r"artificial intelligence", r"ai/ml", r"ml/ai"),
}

# Languages and frameworks: read only when the title names no field but names an engineering role.
_WEAK: dict[str, re.Pattern[str]] = {
    "backend": _words(
        r"java(?![\s-]?script)",
        r"python",
        r"golang",
        r"go(?![\s-]?to\b)",
        r"php",
        r"ruby",
        r"rails",
        r"django",
        r"flask",
        r"fastapi",
        r"(?<!fall/)(?<!fall )spring(?: boot)?(?!\s*(?:co-?op|semester|term|20\d\d|intern))",  # not the season
        r"node(?:\.?js)?",
        r"nest\.?js",
        r"scala",
        r"elixir",
        r"erlang",
        r"c#",
        r"\.net",
        r"asp\.net",
        r"dotnet",
        r"laravel",
        r"mulesoft",
        r"symfony",
        r"apis?",
        r"microservices?",
        r"graphql",
        r"kotlin",
    ),
    "frontend": _words(
        r"javascript",
        r"typescript",
        r"react(?:\.?js)?",
        r"vue(?:\.?js)?",
        r"angular(?:js)?",
        r"svelte",
        r"webflow",
        r"next\.?js",
        r"css",
        r"html",
        r"web developer",
    ),
    "devops": _words(r"kubernetes", r"terraform", r"aws", r"azure", r"gcp", r"linux", r"cloud"),
    "data": _words(r"spark", r"dbt", r"snowflake", r"airflow", r"sql"),
    "mobile": _words(r"swift", r"objective-c"),
    "embedded": _words(r"verilog", r"vhdl"),
}

_ROLE = _words(
    r"developers?",
    r"engineers?",
    r"engineering",
    r"programmers?",
    r"devs?",
    r"swes?",
    r"sdes?",
    r"architects?",
    r"coders?",
    r"entwickler(?:in)?",
    r"softwareentwickler(?:in)?",
    r"desarrollador(?:a)?",
    r"développeur(?:se)?",
    r"sviluppatore",
    r"programador(?:a)?",
    r"arquitect[oa]s?",
)

_RESEARCH_ROLE = _words(
    r"researchers?", r"scientists?", r"research (?:intern|internship|fellow|fellowship)s?", r"applied science"
)

# Titles of these roles are in no engineering category, unless the title names a field role: "Sales Engineer"
# and "Customer Support Engineer (Backend)" are in none, "Backend Engineer, Sales Platform" is backend.
_NON_ENGINEERING = _words(
    r"game (?:show )?(?:hosts?|presenters?)",  # a live casino's presenter, not a game developer
    r"(?:live )?(?:casino )?dealers?",
    r"sales",
    r"presales",
    r"pre-sales",
    r"account executives?",
    r"account managers?",
    r"account directors?",
    r"business development",
    r"sdr",
    r"bdr",
    r"recruit(?:er|ers|ing|ment)",
    r"talent acquisition",
    r"sourcer",
    r"customer success",
    r"customer support",
    r"customer service",
    r"customer engineers?",
    rf"{_PLATFORM_QUALIFIED}solutions? (?:architect|engineer|consultant)s?",
    r"(?<!technical )project managers?",
    r"instructors?",
    r"trainers?",  # "Data Science Trainer": teaching, not data science
    r"courses?",
    r"teaching",  # "Software Developer (Teaching)"
    r"clinical",
    r"teachers?",
    r"tutors?",
    r"lecturers?",
    r"professors?",
    r"community",
    r"noc (?:tech|technician|analyst|operator)s?",
    r"support specialist",
    r"support engineers?",
    r"technicians?",
    r"installers?",
    r"operators?(?!\s+(?:developer|engineer|programmer)s?)",  # "Back End Operator" on a factory line
    r"marketing",
    r"marketer",
    r"public relations",
    r"copywriter",
    r"content writer",
    r"ai (?:trainer|tutor|rater|annotator|evaluator)s?",
)

# Raters of search results and ads, whatever their title says: "Online Data Analyst" analyses no data.
_RATER = _words(
    r"online data analysts?",
    r"(?:search|ads?|internet) (?:quality )?(?:raters?|evaluators?|assessors?)",
    # AI-training gigs, whatever role they name first: "Software Developer - AI Trainer", "Data Scientist (Python &
    # SQL) - Freelance AI Trainer", "Freelance Software Developers - AI Training"
    r"ai (?:trainers?|tutors?|training|content specialists?)",
    r"human data",  # "Software Engineering Expert Human Data": writing training data for a model
    r"(?:courses?|bootcamps?)(?=\W*$)",  # "Data Analyst Course": an advertisement for a course
)

# A designer or a product manager is not an engineer, whatever the title adds ("Product Manager, APIs").
_NON_ENGINEER_ROLE = _words(
    # a chip's or a circuit's designer is an engineer ("CPU Execution Unit RTL Designer")
    r"(?<!rtl )(?<!asic )(?<!chip )(?<!circuit )(?<!logic )(?<!fpga )(?<!pcb )(?<!soc )designers?",
    r"ui/ux",
    r"ux/ui",
    r"product (?:manager|owner|director|management)s?",
    rf"head of product{_NOT_DESIGN}",
    rf"vp,? (?:of )?product{_NOT_DESIGN}",
    rf"director,? (?:of )?product{_NOT_DESIGN}",
)

_DESIGNER = _words(r"designers?", r"level design", r"game design")

# A field word followed by a role ("Backend Engineer", "Data Scientist"), or a field phrase that is one.
_FIELD_ROLE_NOUNS = rf"(?:{_ROLE_NOUNS}|analysts?|sres?)"
_ROLE_AFTER_FIELD = re.compile(
    rf"\s*(?:(?:software|web|application|systems?)\s+)?{_FIELD_ROLE_NOUNS}(?![\w+#])", re.IGNORECASE
)
_ROLE_AT_END = re.compile(rf"{_FIELD_ROLE_NOUNS}$", re.IGNORECASE)

_BFF = re.compile(r"(?<!\w)backends?[\s-]+for[\s-]+frontends?(?!\w)", re.IGNORECASE)
_JAVA_SCRIPT = re.compile(r"(?<!\w)java[\s-]+script(?!\w)", re.IGNORECASE)


_JOINED = re.compile(r"(?<=[A-Za-z])\+(?=[A-Za-z])|_")  # "Research+Analytics", "IN_Associate_AI Engineer_GCC"


def _normalize(text: str) -> str:
    text = _JOINED.sub(" ", _BFF.sub(" bff ", text))
    return _JAVA_SCRIPT.sub("javascript", text)


def _strong(text: str) -> set[str]:
    found = {name for name, pattern in _STRONG.items() if pattern.search(text)}
    if not found and (_ROLE.search(text) or _RESEARCH_ROLE.search(text)):
        # A buzzword only where no field is named: "AI Engineer" is ml, "Backend Engineer (AI focus)" backend.
        found = {name for name, pattern in _WITH_ROLE.items() if pattern.search(text)}
    return found


def _weak(text: str) -> set[str]:
    found = {name for name, pattern in _WEAK.items() if pattern.search(text)}
    if len(found) > 1 and not _OPS_HINT.search(text):
        found.discard("devops")  # "Software Engineer (Java, Python, AWS)": the cloud it runs on, not the role
    return found


# Weak hints that make an operations role even beside a language ("Software Engineer (Go, Kubernetes)").
_OPS_HINT = _words(r"kubernetes", r"terraform")


def _names_field_role(text: str) -> bool:
    """Whether a field word is the title's role ("Backend Engineer, Sales Platform", "Marketing Data Analyst")."""
    return any(
        _ROLE_AT_END.search(match.group()) or _ROLE_AFTER_FIELD.match(text, match.end())
        for pattern in (*_STRONG.values(), *_WITH_ROLE.values())
        for match in pattern.finditer(text)
    )


_DESIGN_WORD = _words(r"designers?", r"design")

# Designers who build: a UX or UI/UX developer, a web designer (docs/selection.md: design and frontend).
_DESIGN_ENGINEER = _words(
    # A UX or UI/UX developer designs and builds; a "UI Engineer" builds interfaces: frontend only.
    r"(?:ui/ux|ux/ui|ui ux|ux)(?: \w+)? (?:developer|engineer|software engineer)s?",
    r"web designers?",
    r"design engineers?,? (?:web|frontend|front end|ui)",
    r"design technologists?",  # prototypes and builds what designers design
    r"user experience (?:\(ux\) )?(?:developer|engineer)s?",
)


# A title whose role is a plain "Design Engineer" ("Staff Design Engineer, Design System"), not a "Mechanical
# Design Engineer" or a "Hardware Design Engineer": a designer who builds interfaces.
_PLAIN_DESIGN_ENGINEER = re.compile(
    r"^\W*(?:(?:senior|sr\.?|staff|lead|principal|founding|junior|jr\.?)\s+)*design engineers?(?![\w+#])",
    re.IGNORECASE,
)


_INTERN = _words(r"interns?", r"internships?", r"co-?op")

# A tester of data pipelines or warehouses is in ``qa``, not ``data`` ("ETL Test Engineer", "DWH Tester").
_DATA_TESTER = _words(r"(?:etl|elt|dwh|data warehouse|database|big data|data)[\s/-]*test(?:ing|ers?)?")


@lru_cache(maxsize=65_536)  # titles repeat across boards and lists; the answer is the title's alone
def _from_title(title: str) -> frozenset[str] | None:
    """The title's categories, or ``None`` when the title is not decisive."""
    text = _normalize(title)
    several = _several_roles(text)
    if several is not None:
        return several
    found = _from_role(text)
    if not found:
        return found  # (an empty set is decisive too: a sales title is in no category)
    # The first part is the role, the rest its team: a data scientist on an analytics team is no data analyst
    # ("Data Scientist - Marketing Analytics"), an SRE at a game studio no game developer; a tester is in qa,
    # whatever they test ("Mobile Tester", "QA Engineer - Back-end"); a second field stays ("Lead QA Engineer -
    # Machine Learning").
    head = _ROLE_END.split(text, maxsplit=1)[0]
    dropped: set[str] = set()
    for role, fields, whatever_it_names in _TEAM_IS_NOT_THE_ROLE:
        if role.search(head) and (whatever_it_names or head != text):
            dropped |= fields if whatever_it_names else fields - (_from_role(head) or frozenset())
    return (found - dropped or None) if dropped else found


def _several_roles(text: str) -> frozenset[str] | None:
    """The categories of a title that lists several roles (``titles``): each role's, when two parts name a field
    role ("Full Stack Developer, Product Manager") or a list of three or more parts names two fields ("Web,
    Android, iOS, Backend, SRE", "Machine Learning, Devops, HR, Sales"); else ``None``."""
    parts = listed_parts(text)
    if len(parts) < 2 or (len(parts) == 2 and len(ROLE_WORD.findall(text)) < 2):
        return None  # one part, or two with one role: one opening (most titles), without reading each part
    found = [_from_title_part(part) for part in parts]
    fields = [part for part, categories in zip(parts, found, strict=True) if categories]
    field_roles = [part for part in fields if ROLE_WORD.search(part)]
    # A list of bare fields must not start with a role: "Senior Tools Programmer, UI & AI Workflows" is one role.
    bare_list = len(parts) >= 3 and len(fields) >= 2 and not ROLE_WORD.search(parts[0])
    # Two openings, one of them a field's, are two openings ("Software Engineers, Designers"), not a role and its
    # team; a slash joins two names of one opening ("Junior Architect / Designer").
    if len(field_roles) >= 2 or bare_list or (field_roles and len(listed_roles(text)) >= 2):
        return frozenset().union(*found)
    return None


# In a list of openings a bare "Design" or "Designers" is the design opening, a bare "Product" the product one.
_BARE_OPENINGS = {"design": "design", "designer": "design", "designers": "design", "product": "product"}


def _from_title_part(part: str) -> frozenset[str]:
    bare = _BARE_OPENINGS.get(part.strip(" .").casefold())
    if bare:
        return frozenset({bare})
    found = _from_role(part)
    if found is None and len(part.split()) <= 2 and not ROLE_WORD.search(part):
        # a bare stack word of a list names its opening's field ("Rails / React / Security"); a cloud names none
        hints = _weak(part)
        return frozenset(hints - {"devops"}) if len(hints) == 1 else frozenset()
    return found or frozenset()


# Roles whose team or subject does not add its field: (the role, read in the title's first part; the fields it
# drops; whether it drops them even when the first part names them, as a tester's subject: "Mobile Tester").
_TEAM_IS_NOT_THE_ROLE: tuple[tuple[re.Pattern[str], frozenset[str], bool], ...] = (
    # A data scientist is in ml whatever the team: "Data Scientist - Marketing Analytics", "..., Security".
    (_words(r"data scien(?:ce|tists?)"), frozenset(CATEGORIES) - {"ml"}, False),
    (
        _words(
            r"(?:qa|quality assurance|(?<!data )quality|test|testing)(?:\s+automation)?"
            r"\s+(?:engineer|analyst|lead|manager|specialist|architect)s?",
            r"qa",
            r"(?<!penetration )(?<!pen )testers?",
            r"sdets?",
        ),
        frozenset({"backend", "frontend", "fullstack", "mobile", "data", "gamedev"}),
        True,
    ),
    # Other roles at game companies (docs/selection.md: SRE, data): "Site Reliability Engineer - Game Studio".
    (_words(r"sres?", r"site reliability", r"devops", r"data (?:engineer|analyst|scientist)s?", r"security"),
     frozenset({"gamedev"}), False),
)  # fmt: skip


def _from_role(text: str) -> frozenset[str] | None:
    if _RATER.search(text):
        return frozenset()
    found = _strong(text)
    if _DATA_TESTER.search(text):
        found = (found - {"data"}) | {"qa"}
    if "qa" in found and _HARDWARE_TEST.search(text) and "software" not in text.casefold():
        found = found - {"qa"}
    builds = _DESIGN_ENGINEER.search(text) or _PLAIN_DESIGN_ENGINEER.match(text)
    if builds and not _NON_ENGINEERING.search(text):
        return frozenset(found | {"frontend", "design"})
    if "frontend" in found and "design" in found and not _DESIGN_WORD.search(text):
        # "Engineering Manager - Front-End (UI/UX)": a front-end role, and UI/UX its subject, not a designer's job
        return frozenset(found - {"design"}) if not _NON_ENGINEERING.search(text) else frozenset()
    if not found and (_ROLE.search(text) or _INTERN.search(text)):
        found = _weak(text)  # "Python Developer"; an intern's title names the field by a hint ("Kubernetes Intern")
    if _NON_ENGINEERING.search(text) and not _names_field_role(text):
        return frozenset(found & {"design", "product"})
    head = _ROLE_END.split(text, maxsplit=1)[0]
    engineer_first = head != text and _names_field_role(head) and not _NON_ENGINEER_ROLE.search(head)
    if _NON_ENGINEER_ROLE.search(text) and not engineer_first:
        # A designer's or a product manager's role (not "QA Automation Engineer, Heritage Designer": an engineer
        # first, the rest a team). Game and level designers are in gamedev; a game's product manager is a
        # product manager.
        kept = {"design", "product", "gamedev"} if _DESIGNER.search(text) else {"design", "product"}
        return frozenset(found & kept)
    if "fullstack" in found and not found & {"backend", "frontend"}:
        # A full-stack title that names both tracks' stacks is in both (SELECTION.md: "unless they name both
        # tracks"): "Full Stack Developer (Django + Vue)"; "Full-stack React Developer" stays in fullstack only.
        tracks = _weak(text) & {"backend", "frontend"}
        if len(tracks) == 2:
            found |= tracks
    return frozenset(found) if found else None


def _from_labels(labels: Iterable[str]) -> set[str]:
    """The engineering categories that labels name (they are read only for a title naming an engineering role).
    A label that joins a field with an area that is none is a department, not the job's field: a "Salesforce
    Developer" filed under "IT & Cybersecurity" is no security engineer ("DevOps / Sysadmin" names one field)."""
    found: set[str] = set()
    for label in labels:
        parts = [_label_fields(part) for part in _LABEL_PARTS.split(_normalize(label)) if part.strip()]
        if all(parts):
            found |= set().union(*parts)
    return found & ENGINEERING


_LABEL_PARTS = re.compile(r"\s*(?:[&,/+]|\band\b)\s*")


def _label_fields(text: str) -> set[str]:
    return (_strong(text) | {name for name, pattern in _WITH_ROLE.items() if pattern.search(text)}) & ENGINEERING


# --- tech: every technology role ---------------------------------------------------------------------------

# Roles that are no technology role whatever the title adds (docs/selection.md, "tech"): sales (with pre-sales
# solution architects and sales engineers), support of every kind, marketing, recruiting, writing, finance,
# consulting, operations, teaching and tutoring, annotation, data entry, healthcare and the trades. A title whose
# role is a field ("Backend Engineer, Sales Platform") is categorized first and stays tech.
_NOT_TECH = _words(
    r"sales",
    r"pre-?sales",
    r"selling",
    r"happiness",
    r"value engineers?",
    r"rev ?ops",
    r"revenue operations",
    r"workplace technology",
    r"instructional",
    # A solutions architect sells, unless a platform names what they build on ("GCP Solution Architect", "Cloud
    # Solution Architect", "ERP Solutions Architect (SAP)").
    rf"{_PLATFORM_QUALIFIED}solutions? (?:engineer|architect|consultant|specialist)s?",
    r"account (?:executive|manager|director|representative)s?",
    r"business development",
    r"go[\s-]to[\s-]market",
    r"gtm",
    r"developer (?:advocate|relations|evangelist)s?",
    r"dev advocates?",
    r"partner managers?",  # partnerships and channels: sales
    r"job developers?",  # a workforce programme's job placement, not software
    r"content developers?",  # course and content writing
    r"special agents?",
    r"construction managers?",
    r"devrel",
    r"sdrs?",
    r"bdrs?",
    r"recruit(?:er|ers|ing|ment)",
    r"talent",
    r"sourcer",
    r"hr",
    r"human resources",
    r"people (?:partners?|operations|ops)",
    r"customer",
    r"support",
    r"help ?desk",
    r"service desk",
    r"desktop support",
    r"success",
    r"marketing",
    r"marketer",
    r"seo",
    r"brand",
    r"social media",
    r"community",
    r"writers?",
    r"writing",
    r"(?:technical )?documentation (?:engineer|specialist|writer|manager)s?",  # technical writing
    r"copywriter",
    r"editor",
    r"content (?:writer|creator|moderator|reviewer|specialist|manager|strategist|marketing)s?",
    r"journalist",
    r"translator",
    r"finance",
    r"accountant",
    r"accounting",
    r"bookkeep(?:er|ing)",
    r"controller",
    r"tax",
    r"auditor",
    r"audit",
    r"payroll",
    r"treasury",
    r"actuar(?:y|ial)",
    r"underwriter",
    r"consultant",
    r"consulting",
    r"advisor",
    r"operations",
    r"ops (?:manager|specialist|associate|lead)",
    r"logistics",
    r"supply chain",
    r"procurement",
    r"warehouse",
    r"teacher",
    r"teaching",
    r"tutor",
    r"tutoring",
    r"instructor",
    r"trainer",
    r"lecturer",
    r"professor",
    r"faculty",
    r"annotat(?:or|ors|ion)",
    r"raters?",
    r"labell?(?:er|ers|ing)",
    r"evaluators?",
    r"data entry",
    r"online data analysts?",
    r"transcri(?:ber|ption)",
    r"nurse",
    r"nursing",
    r"physician",
    r"doctor",
    r"medical",
    r"clinical",
    r"clinician",
    r"pharmac(?:y|ist)",
    r"therapist",
    r"dental",
    r"dentist",
    r"caregiver",
    r"technician",
    r"mechanic",
    r"electrician",
    r"plumber",
    r"welder",
    r"carpenter",
    r"driver",
    r"operator",
    r"machinist",
    r"assembler",
    r"legal",
    r"lawyer",
    r"attorney",
    r"paralegal",
    r"compliance",
    r"assistant",
    r"receptionist",
    r"administrative",
    r"office manager",
    r"cashier",
    r"chef",
    r"cook",
)

# Engineers of other fields: not technology roles ("Civil Engineer", "Process Engineer").
_OTHER_ENGINEERING = _words(
    r"(?:civil|mechanical|chemical|process|manufacturing|structural|geotechnical|hvac|mep|piping|production"
    r"|quality control|industrial|environmental|biomedical|petroleum|mining|marine|aerospace structures"
    r"|field|maintenance|plant|site|construction|design and construction|cost|estimating|service"
    r"|validation|packaging|materials|metallurgical|welding|automotive|sales|solutions?|controls?"
    r"|(?<!web )(?<!test )(?<!qa )(?<!software )(?<!security )automation|project"
    r"|installation|applications?|flight test|substation|transmission line|water|wire|mechanical"
    r"|heating|gas|boiler|smart meter|elevator|lift|fire protection"
    r"|structural|civil|piping|hvac|mechanical design|electrical design|structural design)"
    r"(?: design)? engineer(?:s|ing)?",
    r"i (?:and|&) c engineers?",
    r"instrumentation",
    # a building's or a ship's chief engineer runs its plant ("Chief Building Engineer", "Coast Guard Certified Chief
    # Engineer"); a technology company's names its field or is a CTO
    r"chief (?:building )?engineers?(?!\s*[-–,(]?\s*(?:software|ai|ml|data|platform|technology))",
    r"building engineers?",
    # a plain "Electrical Engineer" designs hardware (tech); one of a utility's grid does not
    r"(?:substation|utility|power systems?|transmission|distribution|building|facilities) electrical engineers?",
)

# The validation or test of hardware is hardware engineering ("Silicon Validation Engineer", "Hardware Systems
# Validation Engineer", "Signal Integrity & Power Integrity Validation Engineer"), not a plant's validation: tech.
_HARDWARE_VALIDATION = _words(
    r"(?:hardware|silicon|post[\s-]silicon|chip|soc|asic|fpga|gpu|cpu|signal integrity|power integrity|camera|pcb"
    r"|board)\b.*\bvalidation",
    r"validation engineers?\b.*\b(?:hardware|silicon)",
)
# Hardware and manufacturing test is no software QA ("Hardware Manufacturing Test Engineer", "Optics and Display
# Test Engineer, Consumer Hardware").
_HARDWARE_TEST = _words(
    r"(?:hardware|manufacturing|signal integrity|optics|display|rf|pcb|board|silicon)\b.*\btest engineers?",
    r"test engineers?\b.*\bhardware",
)

# Technology roles the categories do not name: generic software and hardware engineering, engineering leads,
# managers and directors, technical program managers, platform developers (Salesforce, SAP, ServiceNow).
_TECH_ROLE = _words(
    r"software",
    r"swes?",
    r"sdes?",
    r"engineers?",
    r"engineering",
    r"developers?",
    r"devs?",
    r"programmers?",
    r"coders?",
    r"architects?",
    r"entwickler(?:in)?",
    r"softwareentwickler(?:in)?",
    r"desarrollador(?:a)?",
    r"développeur(?:se)?",
    r"programador(?:a)?",
    r"cto",
    r"chief technology officer",
    r"technical program managers?",
    r"technical program management",
    r"it project managers?",
    r"technical project managers?",
    r"members? of (?:the )?technical staff",
    r"arquitect[oa]s?",
    r"tpms?",
    r"(?:it|network|systems?) administrators?",
    r"(?:tableau|server|database|application|cloud|platform)(?: server)? (?:administrator|admin)s?",
    r"salesforce",
    r"servicenow",
    r"sap (?:abap|basis|hana|btp|fiori|developer|technical)",
    r"abap",
    r"computer scientists?",
    r"tech leads?",
    r"technical leads?",
    r"softwareentwicklung",
    r"(?:fach)?informatiker(?:in)?",
    r"research scientists?",
    r"scientists?, (?:ai|ml|machine learning)",
    r"it (?:specialist|engineer|architect|manager|director)s?",
    r"(?:it|technology|software|application|applications|systems|platform|epic) analysts?",
    r"application development",
    r"analyst,? (?:pharmacy |clinical )?it",
    r"electronics?",
)


def is_tech(job: Job) -> bool:
    """Whether ``job`` is a technology role: in one of the categories, or a generic engineering, engineering
    leadership, technical program management or platform developer role; never a sales, support, marketing,
    recruiting, writing, finance, consulting, operations, teaching, annotation, data entry, healthcare or trade
    role (docs/selection.md, "tech")."""
    return "tech" in categories_of(job)


# The title's role is its first part: "Software Engineer, Growth" is a software engineer on the growth team,
# "Support Specialist - Python" a support specialist.
_ROLE_END = re.compile(r"[,(|\[]|\s[-–—]\s|\s[@]\s|\s+at\s+")


# Platform developers whose titles say "consultant" ("SAP ABAP Technical Consultant", "ABAP Fiori Consultant"):
# they build on the platform, which makes them a technology role, not consulting.
_PLATFORM_DEVELOPER = _words(
    r"abap",
    r"sap (?:basis|technical|security|hana|btp|fiori|extended warehouse management|ewm|s/?4 ?hana|bw|successfactors)",
)

_FUNCTIONAL = _words(r"functional")  # an SAP functional consultant configures a business process: consulting

# The business a technology role serves, before the role ("Logistics ERP Solutions Architect", "Healthcare Software
# Engineer"): a domain, not the job's function, so it does not make the role non-technical.
_DOMAIN = _words(
    r"logistics", r"finance", r"financial", r"accounting", r"audit", r"legal", r"compliance", r"medical", r"clinical",
    r"healthcare", r"pharmacy", r"warehouse", r"supply chain", r"procurement", r"payroll", r"tax", r"treasury",
    r"insurance",
)  # fmt: skip
_BUILDER = _words(r"software", r"developers?", r"engineers?", r"architects?", r"programmers?", r"sdes?", r"swes?")


@lru_cache(maxsize=65_536)
def _tech_title(title: str) -> bool:
    text = _normalize(title)
    if _RATER.search(text):
        return False  # a rating or AI-training gig, whatever role its title names
    role = _ROLE_END.split(text, maxsplit=1)[0]
    if _PLATFORM_DEVELOPER.search(role) and not _FUNCTIONAL.search(role):
        return True
    if _DOMAIN.search(role) and _BUILDER.search(undomained := _DOMAIN.sub(" ", role)):
        role = undomained  # "Logistics ERP Solutions Architect" is read as an "ERP Solutions Architect"
    if _NOT_TECH.search(role) or (_OTHER_ENGINEERING.search(role) and not _HARDWARE_VALIDATION.search(text)):
        return False
    if _TECH_ROLE.search(role):
        return True
    # The first part names no role ("Associate, Algo Engineer", "University Grad – Product Engineer"): the rest does.
    return bool(_TECH_ROLE.search(text)) and not (_NOT_TECH.search(text) or _OTHER_ENGINEERING.search(text))


def categories_of(job: Job) -> frozenset[str]:
    """The job's categories, with ``tech`` when it is a technology role."""
    found = categorize(job)
    return found | {"tech"} if found or _tech_title(job.title) else found


def wanted_categories(category: str) -> tuple[str, ...]:
    """The categories a ``category`` input names: ``"backend, devops"`` -> ``("backend", "devops")``."""
    return tuple(part.strip() for part in category.split(",") if part.strip())


def categorize(job: Job) -> frozenset[str]:
    """The categories of ``job`` (never ``all``); empty when it fits none.

    The title decides when it names a field, gives a hint or names a non-engineering role. Otherwise, and only
    for a title that names an engineering role ("Software Engineer", "Senior Shopify Developer"), the source's
    own category decides; tags decide nothing (see the module docstring).
    """
    decided = _from_title(job.title)
    if decided is not None:
        return decided
    if not _ROLE.search(job.title):
        return frozenset()
    from_category = _from_labels(job.category)
    if from_category:
        return frozenset(from_category)
    return frozenset()


@lru_cache(maxsize=256)
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = [r"[\s_-]*".join(re.escape(word) for word in keyword.split()) for keyword in keywords]
    parts = [part for part in parts if part]
    return _words(*parts) if parts else None


def _mentions(job: Job, keywords: Iterable[str]) -> bool:
    pattern = _keyword_pattern(tuple(keywords))
    if pattern is None:
        return False
    return any(pattern.search(text) for text in (job.title, *job.tags, *job.category))


def matches_category(job: Job, category: str, include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> bool:
    """Whether ``job`` belongs to ``category`` (``all`` takes every job; ``"backend, devops"`` either of them).

    ``include`` keywords add a job that mentions any of them; ``exclude`` keywords remove a job that mentions
    any of them, and win over ``include``. Keywords are case-insensitive whole words or phrases, read in the
    title, the tags and the source's category; a space in a keyword also matches a hyphen or nothing ("full
    stack" matches "Full-Stack" and "fullstack").
    """
    if exclude and _mentions(job, exclude):
        return False
    wanted = wanted_categories(category)
    if "all" in wanted or not categories_of(job).isdisjoint(wanted):
        return True
    return bool(include) and _mentions(job, include)


def validate_category(value: str) -> str:
    """The canonical ``category`` input for ``value`` ("Full-Stack" -> "fullstack", "Backend,DevOps" ->
    "backend, devops"), or a ``ConfigError`` naming ``category``."""
    names: list[str] = []
    for part in str(value).split(","):
        key = re.sub(r"[\s_-]+", "", part).casefold()
        if key not in CHOICES:
            shown = part.strip().replace("\n", " ")[:60]
            choices = ", ".join(f"`{name}`" for name in CHOICES)
            raise ConfigError(
                f"category: expected one of {choices}, or several of them comma separated, got {shown!r}."
            )
        if key not in names:
            names.append(key)
    return ", ".join(names)
