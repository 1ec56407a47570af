from __future__ import annotations

import pytest
from factories import make_job

from jobs_action.errors import ConfigError
from jobs_action.select.categories import CATEGORIES, categorize, is_tech, matches_category, validate_category

# Every position of the seed "Awesome Backend Jobs" README (2025-04-21).
SEED_BACKEND_TITLES = [
    "Software Engineer - Backend",
    "SW Engineer (Java Backend, 2023-24 pass out)",
    "Backend Developer",
    "Back End Developer (APIs)",
    "Backend PHP-Developer",
    "Backend Developer Python",
    "Back End Software Engineer",
    "Back-end Developer (Node.js)",
    "Back End Developer, Trilogy (Remote) - $60,000/year USD",
    "Backend Developer",
    "Senior Backend Developer (Node.js)",
    "Back-End Developer (South Africa)",
]

OTHER_BACKEND_TITLES = [
    "Backend for Frontend Engineer",
    "BFF Engineer (Backend-for-Frontend)",
    "Node.js Developer",
    "Golang Developer",
    "Go Developer",
    "Software Engineer (Go)",
    "Python Developer",
    "PHP Developer",
    "Java Developer",
    "API Developer",
    "ASP.NET Developer",
    "Ruby on Rails Engineer",
    "Senior Server-Side Engineer",
    "Softwareentwickler Java (m/w/d)",
    "Backend-Entwickler (m/w/d)",
    "Software Engineer, Python - Mid / Senior",
    "Staff Backend Engineer, Payments",
    "Backend Engineer (iGaming)",
]

NOT_BACKEND_TITLES = [
    "JavaScript Developer",
    "Java Script Developer",
    "Java-Script Engineer",
    "Back Office Manager",
    "Back Office Assistant",
    "Backpacking Tour Guide",
    "Software Engineer",
    "Senior Software Engineer",
    "Engineering Manager",
    "Product Designer",
    "UI/UX Designer",
    "Graphic Designer",
    "Sales Engineer",
    "Account Executive",
    "Account Executive, Public Sector",
    "Frontend Developer",
    "React Developer",
    "Data Scientist",
    "Data Engineer (Python)",
    "Machine Learning Engineer",
    "Full Stack Developer (React)",  # one track's stack: full stack only
    "Product Manager, APIs",
    "Customer Support Specialist",
    "Marketing Manager",
    "Technical Recruiter",
    "Technical Writer",
    "Salesforce Developer",
    "Go-To-Market Engineer",
    "Python Tutor",
    "Medical Biller",
    "Senior Revenue Operations Analyst",
    "🇩🇪 Kundenservice Mobilfunk Inbound - innerhalb der EU (ausgenommen: Deutschland)",
    "",
]


@pytest.mark.parametrize("title", SEED_BACKEND_TITLES)
def test_every_title_of_the_seed_backend_list_is_backend(title: str) -> None:
    assert "backend" in categorize(make_job(title))
    assert matches_category(make_job(title), "backend")


@pytest.mark.parametrize("title", OTHER_BACKEND_TITLES)
def test_backend_spellings_languages_and_apis_are_backend(title: str) -> None:
    assert "backend" in categorize(make_job(title))


@pytest.mark.parametrize("title", NOT_BACKEND_TITLES)
def test_off_category_titles_are_not_backend(title: str) -> None:
    assert not matches_category(make_job(title), "backend")


def test_javascript_developer_is_not_backend_but_frontend() -> None:
    assert categorize(make_job("JavaScript Developer")) == {"frontend"}
    assert categorize(make_job("Java Script Developer")) == {"frontend"}


def test_backend_and_frontend_together_are_both_but_not_a_full_stack_title() -> None:
    # docs/selection.md: fullstack is the titles that say full stack; a title naming both sides is in both.
    assert categorize(make_job("Java / JavaScript Developer")) == {"backend", "frontend"}
    assert categorize(make_job("Angular/Node.js Developer")) == {"backend", "frontend"}
    assert categorize(make_job("Senior Software Developer - .Net + Angular")) == {"backend", "frontend"}


def test_backend_for_frontend_is_backend_and_not_frontend() -> None:
    assert categorize(make_job("Backend for Frontend Engineer")) == {"backend"}


def test_back_office_is_not_backend() -> None:
    assert categorize(make_job("Back Office Manager")) == frozenset()


def test_plain_software_engineer_is_in_no_category() -> None:
    assert categorize(make_job("Software Engineer")) == frozenset()


def test_a_language_hint_does_not_override_a_named_field() -> None:
    assert categorize(make_job("Data Engineer (Python)")) == {"data"}
    assert categorize(make_job("QA Automation Engineer (Python)")) == {"qa"}


def test_a_language_without_an_engineering_role_is_no_hint() -> None:
    assert categorize(make_job("Python Tutor")) == frozenset()


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Frontend Engineer", {"frontend"}),
        ("Front-End Developer", {"frontend"}),
        ("React Developer", {"frontend"}),
        ("Full Stack Developer (Node.js/React)", {"backend", "frontend", "fullstack"}),  # names both tracks
        ("Senior / Staff Fullstack Engineer", {"fullstack"}),
        ("Full-Stack Engineer, Backend focus", {"fullstack", "backend"}),
        ("Frontend & Backend Developer", {"backend", "frontend"}),
        ("Senior DevOps Engineer", {"devops"}),
        ("Senior Site Reliability Engineer", {"devops"}),
        ("SRE", {"devops"}),
        ("Platform Engineer", {"devops"}),
        ("Cloud Infrastructure Engineer", {"devops"}),
        ("Linux System Administrator", {"devops"}),
        ("Data Engineer", {"data"}),
        ("Analytics Engineer", {"data"}),
        ("Senior Data Analyst", {"data"}),
        ("Data Platform Engineer", {"data"}),
        ("Data Scientist", {"ml"}),
        ("Machine Learning Engineer", {"ml"}),
        ("AI Engineer", {"ml"}),
        ("MLOps Engineer", {"devops", "ml"}),  # docs/selection.md: MLOps is ml and devops
        ("Staff Engineer - ML Infra / MLOps", {"devops", "ml"}),
        # "AI" beside another field is a buzzword; right before the role it names the field
        ("Senior Backend Engineer (AI focus)", {"backend"}),
        ("Senior Infrastructure Engineer (AI Lab)", {"devops"}),
        ("ML Engineer-Advanced Analytics", {"data", "ml"}),
        ("Research Engineer (Kineto)", {"ml"}),
        ("Security Software Engineer", {"security"}),
        ("Principal Detection and Response Engineer", {"security"}),
        ("Junior Level Software Application Developer - Homeland Security", set()),
        ("Design Engineer", {"design", "frontend"}),
        ("Staff Design Engineer", {"design", "frontend"}),
        ("Mechanical Design Engineer", set()),
        ("Sr. Software Engineer (UI)", {"frontend"}),
        ("Product Analyst, Consumer", {"data"}),
        ("Junior Silicon DFT Engineer", {"embedded"}),
        ("Software Intern Student - RealTime Drivers", {"embedded"}),
        ("Senior Software Engineer (Unity)", {"gamedev"}),
        ("Engineering Manager, Backend (Gaming)", {"backend", "gamedev"}),
        ("Community Manager (Gaming)", set()),
        ("Developer Productivity Engineer", {"devops"}),
        ("Senior Staff Software Engineer (Reliability)", {"devops"}),
        ("IT-Systemadministrator (m/w/d)", {"devops"}),
        ("ISB Informationssicherheitsbeauftragter (m/w/d)", {"security"}),
        ("Tableau Server Administrator", {"data"}),
        ("Lead 3D Environment Artist", {"gamedev"}),
        ("Engine Programmer - Remote", {"gamedev"}),
        ("Game Product Owner (Slot Games)", {"product"}),
        ("Game Designer", {"gamedev"}),
        ("Research Scientist (Voice AI Foundations)", {"ml"}),
        ("iOS Developer", {"mobile"}),
        ("Android Engineer - Experience", {"mobile"}),
        ("Flutter Developer", {"mobile"}),
        ("Security Engineer", {"security"}),
        ("Penetration Tester", {"security"}),
        ("QA Engineer", {"qa"}),
        ("SDET", {"qa"}),
        ("Autonomy System Test Engineer", {"qa"}),
        ("Firmware Engineer", {"embedded"}),
        ("Embedded Software Engineer", {"embedded"}),
        ("Gameplay Programmer", {"gamedev"}),
        ("Unity Developer", {"gamedev"}),
        ("Game Designer", {"gamedev"}),  # docs/selection.md: game and level designers are gamedev, not design
        ("Product Designer", {"design"}),
        ("UI/UX Designer", {"design"}),
        ("Head of Design", {"design"}),
        ("Product Manager", {"product"}),
        ("Product Owner", {"product"}),
        ("Technical Product Manager AI Stockbroking App", {"product"}),
    ],
)
def test_titles_land_in_their_categories(title: str, expected: set[str]) -> None:
    assert categorize(make_job(title)) == expected


@pytest.mark.parametrize("title", ["Sales Engineer", "Account Executive", "Technical Recruiter", "Marketing Manager"])
def test_sales_and_recruiting_roles_are_in_no_engineering_category(title: str) -> None:
    assert categorize(make_job(title, tags=("backend", "python"))) == frozenset()


@pytest.mark.parametrize("title", ["Backend UI Designer", "Product Designer (APIs)", "Web Designer & Developer"])
def test_designer_roles_are_never_backend(title: str) -> None:
    found = categorize(make_job(title))
    assert "backend" not in found
    assert "design" in found


def test_product_manager_of_an_api_is_product_only() -> None:
    assert categorize(make_job("Product Manager, Backend APIs")) == {"product"}


def test_tags_decide_no_category() -> None:
    # docs/selection.md: the role decides; boards fill tags with skills ("golang") and keywords.
    assert categorize(make_job("Software Engineer", tags=("golang", "backend"))) == frozenset()
    assert is_tech(make_job("Software Engineer", tags=("golang", "backend")))


def test_source_category_decides_when_the_title_is_not_decisive() -> None:
    assert categorize(make_job("Senior Engineer", category=("DevOps & SysAdmin",))) == {"devops"}
    assert categorize(make_job("Rails Wizard Developer", category=("Back-End Programming",))) == {"backend"}


def test_title_wins_over_tags_and_source_category() -> None:
    assert categorize(make_job("Frontend Web Application Developer", category=("Design",))) == {"frontend"}


def test_keyword_stuffed_tags_decide_nothing() -> None:
    stuffed = (
        "admin",
        "api",
        "backend",
        "CSS",
        "frontend",
        "fullstack",
        "analytics",
        "brand design",
        "testing",
    )
    assert categorize(make_job("Senior Shopify Developer", tags=stuffed)) == frozenset()


def test_tags_of_a_non_engineering_title_decide_nothing() -> None:
    assert categorize(make_job("Content Reviewer - United States", tags=("android", "ios", "AI/ML"))) == frozenset()


def test_categorize_never_returns_all_and_only_known_names() -> None:
    for title in SEED_BACKEND_TITLES + NOT_BACKEND_TITLES:
        assert categorize(make_job(title)) <= set(CATEGORIES) - {"all"}


def test_all_matches_every_job() -> None:
    assert matches_category(make_job("Account Executive"), "all")
    assert matches_category(make_job(""), "all")


def test_include_keyword_adds_a_job_to_a_category() -> None:
    fullstack = make_job("Full-Stack Developer")
    assert not matches_category(fullstack, "backend")
    assert matches_category(fullstack, "backend", include=("full stack",))
    assert matches_category(make_job("Fullstack Engineer"), "backend", include=("Full Stack",))


def test_exclude_keyword_removes_a_job_and_wins_over_include() -> None:
    php = make_job("Backend PHP-Developer")
    assert not matches_category(php, "backend", exclude=("php",))
    assert not matches_category(php, "backend", include=("backend",), exclude=("PHP",))
    assert not matches_category(make_job("Account Executive"), "all", exclude=("account executive",))


def test_keywords_match_whole_words_only() -> None:
    assert not matches_category(make_job("JavaScript Developer"), "backend", include=("java",))
    assert matches_category(make_job("Java Developer"), "frontend", include=("java",))
    assert matches_category(make_job("Software Engineer", tags=("Rust",)), "backend", include=("rust",))


def test_empty_keywords_change_nothing() -> None:
    assert matches_category(make_job("Backend Developer"), "backend", include=("",), exclude=("", "  "))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("backend", "backend"),
        ("Backend", "backend"),
        (" Full-Stack ", "fullstack"),
        ("ALL", "all"),
        ("ml", "ml"),
    ],
)
def test_validate_category_returns_the_canonical_name(value: str, expected: str) -> None:
    assert validate_category(value) == expected


@pytest.mark.parametrize("value", ["", "backends", "web", "java", "backend, webdev"])
def test_validate_category_names_the_input_and_lists_valid_values(value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        validate_category(value)
    message = str(raised.value)
    assert message.startswith("category: expected one of ")
    assert "`backend`" in message and "`tech`" in message and "`all`" in message
    assert message.endswith(f"got {value.split(', ')[-1]!r}.")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Backend Engineer, Sales Platform", {"backend"}),
        ("Frontend Engineer, Recruiting Products", {"frontend"}),
        ("Marketing Data Analyst", {"data"}),
        ("Data Scientist, Marketing", {"ml"}),
    ],
)
def test_a_field_role_wins_over_a_sales_or_marketing_word(title: str, expected: set[str]) -> None:
    assert categorize(make_job(title)) == expected


@pytest.mark.parametrize(
    "title",
    [
        "Customer Support Engineer (Backend)",
        "Technical Support Engineer (Linux)",
        "AI Sales Engineer",
        "Sales Engineer - Security",
        "Technical Marketing Engineer, Kubernetes",
    ],
)
def test_support_sales_and_marketing_engineers_stay_out_of_engineering_lists(title: str) -> None:
    assert categorize(make_job(title)) == frozenset()


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("AI Operations Lead, Toast IQ", set()),
        ("AI Policy Lead", set()),
        ("AI Engineer", {"ml"}),
        ("Research Engineer, AI Safety", {"ml"}),
        ("AI Researcher", {"ml"}),
        ("Head of AI", {"ml"}),
    ],
)
def test_ai_names_the_ml_field_only_beside_an_engineering_or_research_role(title: str, expected: set[str]) -> None:
    assert categorize(make_job(title)) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Mobile Mechanic", set()),
        ("Mobile Phlebotomist", set()),
        ("Mobile App Developer", {"mobile"}),
        ("Software Engineer, Mobile", {"mobile"}),
        ("Security Guard", set()),
        ("Security Officer (Night Shift)", set()),
        ("Chief Information Security Officer", {"security"}),
        ("Senior Software Engineer, Security", {"security"}),
        ("Head of Security", {"security"}),
    ],
)
def test_mobile_and_security_name_a_field_only_as_engineering_words(title: str, expected: set[str]) -> None:
    assert categorize(make_job(title)) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Software Engineer, Data", {"data"}),
        ("Staff Software Engineer - Curated Data", {"data"}),
        ("Data Entry Clerk", set()),
        ("Hardware Engineer", set()),  # hardware engineering: tech, in no category (SELECTION.md)
        ("Junior Hardware Engineering Developer", set()),
        ("Game Server Engineer", {"gamedev", "backend"}),
        ("Windows Server Engineer", set()),
        ("Level Designer", {"gamedev"}),
        ("Integration Developer (MuleSoft)", {"backend"}),
        ("Director, Product Design", {"design"}),
        ("Director of Product", {"product"}),
    ],
)
def test_team_names_hardware_servers_and_level_design(title: str, expected: set[str]) -> None:
    assert categorize(make_job(title)) == expected


def test_a_source_category_never_puts_an_engineer_in_product_or_design() -> None:
    assert categorize(make_job("Senior / Staff Product Engineer", category=("Product",))) == frozenset()
    assert categorize(make_job("Software Engineer", category=("Design",))) == frozenset()


# --- tech (docs/selection.md, "tech") ---


@pytest.mark.parametrize(
    "title",
    [
        "Software Engineer I",
        "Staff Engineer",
        "Founding Engineer",
        "C++ Developer",
        "Engineering Manager",
        "Director of Engineering",
        "Technical Program Manager",
        "Salesforce Developer",
        "SAP ABAP Developer",
        "Tech Lead, Payments",
        "Software Engineer, Growth",
        "Backend Engineer, Sales Platform",
        "Senior Product Designer",
        "Product Manager, APIs",
        "Data Analyst",
        "CTO",
        "Member of Technical Staff, Inference",
        "Sap ABAP Technical Consultant- Bangalore",
        "Technical Project Manager",
        "IN_Associate_Agentic AI Engineer_GCC_Advisory_Bangalore",
    ],
)
def test_technology_roles_are_tech(title: str) -> None:
    assert is_tech(make_job(title))
    assert matches_category(make_job(title), "tech")


@pytest.mark.parametrize(
    "title",
    [
        "Account Executive",
        "Sales Engineer",
        "Solutions Architect",
        "Customer Success Engineer",
        "Technical Support Engineer",
        "IT Service Desk Analyst",
        "Technical Recruiter",
        "Technical Writer",
        "Growth Marketing Manager",
        "Senior Accountant",
        "Management Consultant",
        "Operations Manager",
        "AI Tutor - Python",
        "Data Entry Clerk",
        "Registered Nurse",
        "Mechanical Engineer",
        "Civil Engineer",
        "Electrician",
        "Developer Advocate",
        "Happiness Engineer – Customer Support",
        "Principal Value Engineer",
        "RevOps Engineer",
        "Senior Product Solutions Architect - LLM Observability",
        "Lead Instructor, Cloud Computing",
        "Project Manager, AI Data",
        "Technical Documentation Engineer",  # technical writing
        "Software Engineering Expert Human Data",  # writing a model's training data
        "AI Lead Generation Specialist",
        "Substation Electrical Engineer",  # a utility's grid, not hardware design
        "Chief Engineer",  # a building's or a ship's plant
        "Coast Guard Certified Chief Engineer",
        "Job Developer Level 2",  # job placement
        "Content Developer",
        "Special Agent: STEM – Engineering Background",
        "Construction Manager - Architect Engineer",
        "Japanese Speaking Game Presenter",  # a live casino's presenter
        "Live Dealer",
        "Director, People Partners - Product, Design & Engineering",
    ],
)
def test_non_technology_roles_are_not_tech(title: str) -> None:
    assert not is_tech(make_job(title))
    assert not matches_category(make_job(title), "tech")
    assert matches_category(make_job(title), "all")


def test_a_comma_separated_category_keeps_a_job_in_any_of_them() -> None:
    assert validate_category("Backend,DevOps, backend") == "backend, devops"
    assert matches_category(make_job("Backend Developer"), "backend, devops")
    assert matches_category(make_job("Site Reliability Engineer"), "backend, devops")
    assert not matches_category(make_job("Frontend Developer"), "backend, devops")
    assert matches_category(make_job("Frontend Developer"), "backend, tech")


def test_a_comma_separated_category_in_a_list_selects_from_every_named_category() -> None:
    from factories import NOW

    from jobs_action.select.criteria import Criteria, select_jobs

    jobs = [
        make_job("Backend Developer", url="https://x.example/1"),
        make_job("DevOps Engineer", url="https://x.example/2"),
        make_job("Account Executive", url="https://x.example/3"),
    ]
    kept = select_jobs(jobs, Criteria(category="backend, devops"), NOW)
    assert [job.title for job in kept] == ["Backend Developer", "DevOps Engineer"]
    assert [job.title for job in select_jobs(jobs, Criteria(category="tech"), NOW)] == [
        "Backend Developer",
        "DevOps Engineer",
    ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # The role is the first part; its team does not add the team's field (docs/selection.md: from the role).
        ("Data Scientist - Property & Casualty Analytics", {"ml"}),
        ("AI ML Data Scientist (6+ Years) - Healthcare Analytics", {"ml"}),
        ("Junior QA Engineer - Back-end", {"qa"}),
        ("Lead Quality Assurance Engineer - Machine Learning", {"ml", "qa"}),  # a second field stays
        ("ETL Test Engineer", {"qa"}),
        ("Data Warehouse Testing/ETL Testing Professional", {"qa"}),
        ("JavaScript Developer in Test", {"qa"}),
        ("Senior Privacy Software Engineer", {"security"}),
        ("Senior Engineer - Security Compliance", {"security"}),
        ("Member of Technical Staff, Inference", {"ml"}),
        ("Director, Autonomy Perception", {"ml"}),
        ("Senior Tools Programmer, UI & AI Workflows", {"gamedev"}),
        ("Brand/Creative Designer", {"design"}),
        ("Senior Software Engineer (Java, Python, NodeJS, AWS)", {"backend"}),  # the cloud it runs on
        ("Software Engineer (Go, Kubernetes)", {"backend", "devops"}),
        ("Linux Administrator", {"devops"}),
        ("CI/CD Engineer", {"devops"}),
        ("QA Automation Engineer, Heritage Designer", {"qa"}),  # an engineer first, the rest a team's name
        ("Senior Software Engineer - Platform and Game Servers", {"backend", "gamedev"}),
        ("UI Engineer", {"frontend"}),  # builds interfaces; a UX or UI/UX developer also designs them
        ("UI Software Engineer", {"frontend"}),
        ("UI/UX Developer", {"design", "frontend"}),
        ("Engineering Manager - Front-End (UI/UX)", {"frontend"}),  # UI/UX is the front end's subject
        ("Hardware Design Intern - Software Defined Radio Team", set()),  # a hardware designer, not design
        ("DGX Cloud Kubernetes Runtime Intern - Fall 2026", {"devops"}),  # an intern's field by a hint
        ("Mobile Tester", {"qa"}),  # docs/selection.md: mobile testers are qa
        ("Senior QA Engineer - Casual Games", {"qa"}),
        ("Site Reliability Engineer - Game Studio", {"devops"}),  # other roles at game companies
        ("Back End Operator", set()),  # the back end of a factory line
        ("Kubernetes Administrator", {"devops"}),
        ("IAM Engineer", {"security"}),
        ("Data Quality Analyst", {"data"}),
        ("Marketing Intern", set()),
        ("Security Intern", {"security"}),
        ("Data Architecture Lead", {"data"}),
        ("Online Data Analyst Gujarati", set()),  # a search evaluator
        ("DATA Science Trainer", set()),  # teaching data science, not doing it
        ("Data Analyst Course", set()),  # an advertisement for a course
        ("Senior Consultant (data Sciences)", {"ml"}),
        ("Data Science Analyst", {"data"}),  # an analyst (SELECTION.md: data analysts are data)
        ("Software Developer - AI Trainer", set()),  # an AI-training gig
        ("GCP Solution Architect", {"devops"}),  # a platform's architect builds; a solutions architect sells
        ("Principal Software Reverse Engineer", {"security"}),
        ("Founding Backend/Infra + iOS + EA", {"backend", "devops", "mobile"}),
    ],
)
def test_role_team_and_field_words(title: str, expected: set[str]) -> None:
    assert categorize(make_job(title)) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A title that lists several openings is in each opening's categories (select/titles.py).
        ("Full Stack Developer, Product Manager", {"fullstack", "product"}),
        ("Machine Learning, Devops, HR, Sales", {"devops", "ml"}),
        ("Web, Android, iOS, Backend, SRE", {"backend", "devops", "frontend", "mobile"}),
        ("Full Stack, iOS, Android, Design", {"design", "fullstack", "mobile"}),  # a bare "Design" opening
        (
            "Web, Android, iOS, Backend, Product, Designers, SRE",
            {"backend", "design", "devops", "frontend", "mobile", "product"},
        ),
        ("Quality Engineer, Senior Backend Engineer, Frontend Engineers", {"backend", "frontend", "qa"}),
        # One opening and its teams stays one opening.
        ("Senior Tools Programmer, UI & AI Workflows", {"gamedev"}),
        ("Staff Data Scientist, Security", {"ml"}),
        ("Senior Data/ML Engineer, Product", {"data", "ml"}),  # "Data/ML" is one field pair, "Product" the team
        ("Rails / React / Security", {"backend", "frontend", "security"}),  # a list of bare stack words
        ("Fullstack Engineer (React/Go)", {"backend", "frontend", "fullstack"}),  # names both tracks
        ("Full-stack React Developer", {"fullstack"}),  # one track's stack: full stack only
        ("Rust Programmer", set()),  # Rust is no server-side language of SELECTION.md's backend row
        ("Software Engineering Intern - Systems Engineering - Fall/Spring Co-op", set()),  # the season
        ("Java Spring Developer", {"backend"}),
        ("Software Engineer, Backend", {"backend"}),
        ("UX/UI GenAI Developer, Senior Associate", {"design", "frontend"}),
    ],
)
def test_titles_that_list_several_openings(title: str, expected: set[str]) -> None:
    assert categorize(make_job(title)) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Principal Research Scientist", {"ml"}),
        ("Research Scientist: Machine Learning", {"ml"}),
        ("Quantum Research Scientist Intern - Fall 2026", set()),  # another science: tech, not ml
        ("Research Scientist Intern - Optical System Design - PhD", set()),
        ("Associate Research Scientist - Evidence Generation", set()),
        ("Senior Graphics Engineer (Lighting)", {"gamedev"}),
        ("Graphics Engineer (12-month contract)", {"gamedev"}),
    ],
)
def test_research_scientists_and_graphics_engineers(title: str, expected: set[str]) -> None:
    assert categorize(make_job(title)) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("ML Lead", {"ml"}),
        ("UI Lead R01543593", {"frontend"}),
        ("System Admin - On-prem & Cloud (AWS & Azure)", {"devops"}),
        ("Java Solutions Architect", {"backend"}),  # a language's solutions architect builds; a plain one sells
        ("ML AI Ops Engineer", {"devops", "ml"}),
        ("Senior Principal Software Engineer FE", {"frontend"}),
        ("Senior Java Engineer, Account Executive, Solutions Engineer", {"backend"}),  # two openings, one a field's
    ],
)
def test_leads_admins_and_language_architects(title: str, expected: set[str]) -> None:
    assert is_tech(make_job(title))
    assert categorize(make_job(title)) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Junior Cyber Analyst", {"security"}),
        ("Cyber Software Engineer - Level 1/2", {"security"}),
        ("Cyber Host Forensic Analyst II", {"security"}),
        ("Senior DLP Engineer", {"security"}),
        ("Intern - GRC Engineer", {"security"}),
        ("Security & Compliance Engineer II, AWS Security Assurance Services, LLC", {"security"}),
        ("Senior Design Technologist", {"design", "frontend"}),  # designs and builds
        ("User Experience (UX) Engineer", {"design", "frontend"}),
        ("Developer - Carbon Design System", {"frontend"}),
        ("Director, Design Systems", {"design"}),  # a design system's designers are designers, not developers
        ("Designer - Design Systems (Threads)", {"design"}),
        ("UI Platform Engineer", {"frontend"}),  # not a platform-infrastructure engineer
        ("Webflow Developer", {"frontend"}),
        ("Creative Developer", {"frontend"}),
        ("Data Visualization Specialist (Contract)", {"data"}),
        ("Database Administrator", set()),  # a technology role, not data engineering or analytics
        ("Electrical Engineer, New Graduate", set()),  # hardware engineering: tech, in no category
        ("Hardware Engineer", set()),
        ("Silicon Validation Engineer", set()),  # hardware validation: tech, not a plant's validation
        ("Hardware Manufacturing Test Engineer, Google Beam", set()),  # hardware test is no software qa
        ("Hardware Reliability Engineer, Beam", set()),  # no SRE
        ("CPU Execution Unit RTL Designer", {"embedded"}),  # a chip's designer is an engineer
        ("Design Verification Engineer", {"embedded"}),
        ("Infrastructure Security Engineer", {"security"}),  # the security of infrastructure, not its operation
        ("Software Engineer - Security Infrastructure", {"security"}),
        ("Research Scientist, Security and Privacy - PhD New College Grad 2026", set()),  # not ml
    ],
)
def test_security_design_and_data_roles_from_dev8(title: str, expected: set[str]) -> None:
    assert categorize(make_job(title)) == expected
    assert is_tech(make_job(title))


def test_a_department_that_joins_a_field_with_another_area_is_no_field() -> None:
    # "IT & Cybersecurity" is a department: its Salesforce developer is no security engineer
    assert categorize(make_job("Salesforce Developer", category=("IT & Cybersecurity",))) == frozenset()
    assert categorize(make_job("Software Engineer", category=("DevOps / Sysadmin",))) == {"devops"}
    assert categorize(make_job("Software Engineer", category=("Cybersecurity",))) == {"security"}
    assert not is_tech(make_job("Cyber Monday Sales Associate"))


@pytest.mark.parametrize(
    "title", ["Civil Engineer (FE/EIT)", "Structural Engineer - FE", "Junior Architect / Designer"]
)
def test_a_licence_or_a_second_name_is_no_opening(title: str) -> None:
    assert categorize(make_job(title)) == frozenset()


@pytest.mark.parametrize(
    ("title", "tech"),
    [
        ("Director, Technical Program Management", True),
        ("Senior IT Project Manager", True),
        ("New Graduate Project Engineer I", False),  # a construction or plant project engineer
        ("Online Data Analyst Gujarati", False),
        ("Software Developer - AI Trainer", False),
        ("Data Scientist (Python & SQL) - Freelance AI Trainer", False),
        ("Internship Program in Clinical Data Management for Life Sciences", False),
        ("Salesforce Financial Services Cloud Solution Architect", True),
        ("Senior Solutions Architect, Europe", False),
        ("Logistics ERP Solutions Architect (SAP S/4HANA) (m/f/d)", True),  # a domain, not a function
        ("Healthcare Software Engineer", True),
        ("Medical Coder", False),
        ("Finance Sales Engineer", False),
        ("SAP Extended Warehouse Management (EWM) Senior Manager", True),
        ("Sap Ewm Functional Consultant", False),  # a functional consultant configures a process: consulting
        ("Heating Engineer - South East", False),  # a trade
        ("Smart Meter Engineer", False),
        ("Tableau Server Administrator", True),
    ],
)
def test_technology_roles_the_categories_do_not_name(title: str, tech: bool) -> None:
    assert is_tech(make_job(title)) is tech
