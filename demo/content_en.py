"""The demo curriculum's English translation: the home page, the programme, every module, the
route project, the case study index and every case study (our own words, faithful to
demo.content). `demo.build` applies it through Wagtail's translation machinery, as an editor's
«Перевести» would. Lessons stay Russian-only, so a reader of English sees how an untranslated
page says so.

Snippets (enterprises, quizzes, regions, themes) are not pages and stay Russian; a StreamField
block that points at one keeps pointing at the same one. Names of Russian sources are given in
English and say that the source is in Russian.
"""


def _source(title, publisher="", url="", date=""):
    return {"title": title, "publisher": publisher, "url": url, "date": date}


ASI = "Agency for Strategic Initiatives"
SOURCES_ASI = _source("Materials of the Open Industry project, 2023–2025 (in Russian)", ASI)
SOURCES_KUZBASS = [
    _source(
        "Agreement on developing industrial tourism in Kuzbass, 2021 (in Russian)",
        f"Government of Kuzbass and the {ASI}",
        date="2021",
    ),
    _source(
        "Strategy for the social and economic development of the Kemerovo Region (Kuzbass) "
        "to 2035, section on industrial tourism: the 2021 agreement and 65 enterprises "
        "(in Russian)",
        "docs.cntd.ru (an online library of legal and technical documents)",
        "https://docs.cntd.ru/document/550305101/titles/2KS846A",
        "version of 4 October 2024",
    ),
    _source("Results of the national Route of the Year contest, 2024 and 2025 (in Russian)"),
    _source(
        "EVRAZ industrial tourism routes win federal awards: ZSMK's Green Rails takes silver "
        "at the 11th Route of the Year award (in Russian)",
        "portal.admnkz.info",
        "https://portal.admnkz.info/news/10137/",
        "1 November 2024",
    ),
    _source(
        "How Kuzbass became the centre of international industrial tourism for two days: the "
        "forum and the school for designing routes at industrial sites (in Russian)",
        "kuzbass-tourism.ru",
        "https://kuzbass-tourism.ru/news/tpost/dz52oh2in1-kak-kuzbass-na-dva-dnya-stal-tsentrom-me",
    ),
]
SOURCES_OMSK = [
    _source(
        "The Omsk Region prepares an industrial tourism route for 2026: the strategy session "
        "of the regional industrial tourism team (in Russian)",
        "Om1.ru",
        "https://www.om1.ru/amp/news/society/405419-v_omskojj_oblasti_gotovjat_proekt_"
        "promyshlenno-turisticheskogo_marshruta_na_2026_god",
        "26 December 2025",
    ),
    _source(
        "Description of the regional route Industry of Siberia, Greatness of Russia (in Russian)"
    ),
]

HOME = {
    "title": "Promturizm Academy",
    "intro": "<p>A learning platform for regional teams who open working factories, mines and "
    "plants to visitors: courses with regional case studies, a team route project with a "
    "mentor, and a certificate any employer can verify.</p>",
}

CASE_STUDY_INDEX = {
    "title": "Regional case studies",
    "intro": "<p>The experience of regions that already welcome visitors at working "
    "production sites.</p>",
}

PROGRAM = {
    "title": "Industrial tourism development specialist",
    "summary": "A professional development programme for members of the regional teams of the "
    "Open Industry accelerator: from analysing the market to a route that can be sold.",
    "format": "Blended: online modules, webinars with mentors, a team project and a defence "
    "in person",
    "qualification": "Industrial tourism development specialist",
    "entry_requirements": "<p>Members of regional teams: staff of regional authorities and "
    "tourist information centres, people from enterprises, tour operators and guides. Higher "
    "or vocational education is required.</p>",
    "description": "<p>Six modules with mentors and a regional team project. Learners learn to "
    "reach agreements with enterprises, to design feasible and safe routes through working "
    "production sites and to bring them to visitors. The outcome is a certificate of "
    "professional development.</p>",
    # In the Russian programme's order (demo.content.COMPETENCIES)
    "competencies": [
        (
            "C1",
            "Analyses the industrial tourism market and the tourism potential of the "
            "region's enterprises",
        ),
        ("C2", "Agrees with an enterprise on receiving visitors: access rules, safety, roles"),
        ("C3", "Designs a tour product and a feasible route through working production sites"),
        ("C4", "Works in a regional team and fits the route into the region's strategy"),
        (
            "C5",
            "Chooses audiences and promotion channels, including career guidance for "
            "school students",
        ),
        ("C6", "Calculates the route's economics and evaluates its results"),
    ],
}

MODULES = {
    "industry": {
        "title": "Industrial tourism: the industry and the market",
        "outcomes": "<p>The learner describes the industrial tourism market, its players and "
        "the role of the regional team.</p>",
    },
    "enterprise": {
        "title": "Working with an enterprise: agreements, access, safety",
        "outcomes": "<p>The learner agrees with an enterprise on the visit's rules, the roles "
        "of each side and the safety requirements.</p>",
    },
    "route-design": {
        "title": "Designing the tour product and the route",
        "outcomes": "<p>The learner designs a route that fits its time, is safe and is "
        "interesting to the chosen audience.</p>",
    },
    "regional-team": {
        "title": "The regional team and strategy: the accelerator model",
        "outcomes": "<p>The learner fits the route into the region's strategy and shares out "
        "the roles in the team.</p>",
    },
    "audiences": {
        "title": "Audiences and promotion: school students, corporate groups, tourists",
        "outcomes": "<p>The learner chooses the route's audience and its promotion channels.</p>",
    },
    "economics": {
        "title": "Route economics and evaluating results",
        "outcomes": "<p>The learner prices the route by its cost items and chooses measures of "
        "success.</p>",
    },
}

ROUTE_ASSIGNMENT = {
    "title": "Project: a regional industrial route",
    "goal": "A team project: a route a tour operator can sell this very season.",
    "audiences": "school students aged 14 and over, university students, corporate groups, "
    "tourists",
    "brief": "<p>Design a one-day route for a group of school students aged 14 and over or "
    "university students through the enterprises of your region: at least three stops, the "
    "transfers, the time at each site, the safety requirements. The captain sends the route "
    "to the mentor.</p>",
}

CASE_STUDIES = {
    "kuzbass": {
        "title": "Kuzbass: from the agreement with ASI to Route of the Year",
        "summary": "In a few years a coal and steel region made factory tours part of what it "
        "offers tourists.",
        "what_worked": "<p>The agreement with the Agency for Strategic Initiatives (2021) and "
        "the support of the authorities; the flagship routes Power of Kuzbass Coal (grand prix "
        "of Route of the Year 2025) and Green Rails (silver at Route of the Year 2024); a "
        "regional strategy of its own.</p>",
        "what_failed": "<p>Our analysis: access rules at hazardous sites and long transfers "
        "between them limit how often groups can come; much depends on the shift "
        "schedule.</p>",
        "lessons_learned": "<p>Start with sites where visitors are safe (viewing platforms, "
        "museums), and grow from flagships to a network of routes.</p>",
        "body": [
            (
                "facts",
                [
                    ("Enterprises that have run tours", "65+"),
                    ("Visitors on industrial tours", "15,000+"),
                    ("Power of Kuzbass Coal, visitors a year", "1,500+"),
                ],
            ),
            (
                "paragraph",
                "<p>Since the agreement with ASI in 2021, more than 65 enterprises in Kuzbass "
                "have run tours, for more than 15 thousand visitors. The Azot chemical plant "
                "opens its doors during the No Turnstiles Week campaign. The region hosted an "
                "international industrial tourism forum with a national school on designing "
                "routes at industrial sites: participants came from Uzbekistan, Belarus and 21 "
                "regions of Russia.</p>",
            ),
            ("enterprise", "Кедровский угольный разрез"),
            ("sources", SOURCES_KUZBASS),
        ],
    },
    "omsk": {
        "title": "Omsk Region: a route of industry, history and creative industries",
        "summary": "The region is putting together a combined route around petrochemicals and "
        "instrument making.",
        "what_worked": "<p>A strategy session in 2025 agreed on a combined route; the team was "
        "joined by Poliom, Omsky Kauchuk with its museum (open since 1988) and NPO MIR.</p>",
        "what_failed": "<p>Our analysis: the strict access rules of petrochemical plants mean "
        "long preparation for every group; without museum and creative stops the route is "
        "heavy going for school students.</p>",
        "lessons_learned": "<p>Alternate production sites with museums and creative spaces; "
        "allow time for the safety briefing and for handing out protective equipment.</p>",
        "body": [
            (
                "paragraph",
                "<p>Poliom is a stop on the regional route Industry of Siberia, Greatness of "
                "Russia: visitors get passes, protective clothing, radio guides, a "
                "self-rescuer and a safety briefing. The route is to be developed actively in "
                "2026.</p>",
            ),
            ("enterprise", "Полиом"),
            ("sources", SOURCES_OMSK),
        ],
    },
    "bashkortostan": {
        "title": "Bashkortostan: a competence centre with an environmental angle",
        "summary": "SIBUR shows petrochemicals through ecology at its POLIEF site.",
        "what_worked": "<p>The industrial tourism competence centre at POLIEF turned an "
        "environmental theme, recycling secondary raw materials, into a story visitors "
        "understand.</p>",
        "what_failed": "<p>Our analysis: one flagship site does not fill a whole day; "
        "neighbouring stops are needed.</p>",
        "lessons_learned": "<p>An environmental story eases visitors' worries and works for "
        "the industry's reputation.</p>",
        "body": [
            (
                "paragraph",
                "<p>POLIEF in Blagoveshchensk receives visitors and teaches others: its "
                "competence centre helps the region's teams build routes with an emphasis on "
                "ecology.</p>",
            ),
            ("enterprise", "ПОЛИЭФ"),
            ("sources", [SOURCES_ASI]),
        ],
    },
}
