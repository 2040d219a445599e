#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
"""gen.py: writes N deterministic, realistic news articles for galley's benchmark.

Usage: bench/gen.py N OUTDIR

Each article is a Markdown file with YAML front matter (title, sometimes a
subtitle, one to three authors, a date spread over twenty weeks, lang en-US,
tags from a small set, source URL, publication, summary) and a body of 500 to
1,500 words: paragraphs of varied length, ## headings, bullet and numbered
lists, block quotes, links, emphasis and strong emphasis, inline code,
occasional fenced code blocks, curly and straight quotes, accented names,
numbers, dates, en and em dashes.

The prose comes from templates filled with a vocabulary written into this
script (no external corpus), so every sentence is capitalised and
punctuated like news copy and long real words exercise hyphenation.

Determinism: article i is generated from its own generator seeded with the
string "galley-bench-<i>" (string seeds are hashed with SHA-512, independent
of PYTHONHASHSEED), so the same N gives the same bytes on every run, and the
corpus for N=10 is the first ten files of the corpus for N=100.  No clock is
read.  Standard library only.

Besides the articles, OUTDIR/corpus.json records the number of articles,
body words (whitespace-separated tokens outside code blocks), and bytes, for
the words-per-second figure of bench/run.sh.
"""

import datetime
import json
import os
import random
import re
import sys

SEED_PREFIX = "galley-bench-"
FIRST_DATE = datetime.datetime(2024, 1, 8, 6, 0)
DATE_SPAN_HOURS = 20 * 7 * 24          # dates spread over twenty weeks
MIN_WORDS, MAX_WORDS = 500, 1500       # body length, as issue 7 asks

PUBLICATIONS = ["The Harbour Gazette", "Northern Ledger", "The Valley Courier",
                "Metropolitan Review", "The Evening Dispatch"]
SITES = {"The Harbour Gazette": "harbourgazette.example.com",
         "Northern Ledger": "northernledger.example.org",
         "The Valley Courier": "valleycourier.example.net",
         "Metropolitan Review": "metroreview.example.com",
         "The Evening Dispatch": "eveningdispatch.example.org"}

FIRST_NAMES = ["José", "Zoë", "Łukasz", "Anna", "Michael", "Priya", "Sarah",
               "David", "Chloé", "Björn", "Amélie", "Tomás", "Grace", "Kwame",
               "Hannah", "Mateo", "Ingrid", "Noah", "Fatima", "Oliver",
               "Siobhán", "Rafael", "Yuki", "Élodie", "Daniel", "Margarethe",
               "Samuel", "Leïla", "Henrik", "Rosa"]
LAST_NAMES = ["Müller", "García", "Nowak", "Okafor", "Lindqvist", "Brennan",
              "Fernández", "Kowalczyk", "Dubois", "Nakamura", "Thompson",
              "Ødegård", "Schäfer", "Rossi", "Haddad", "Patel", "O’Connor",
              "Novák", "Whitfield", "Herrera", "Jørgensen", "Castellanos",
              "Campbell", "Żukowski", "Lefèvre", "Abernathy", "Moreau",
              "Henderson", "Yılmaz", "Sørensen"]
PLACES = ["Riverton", "Port Ellery", "Ashford", "Millbrook", "Greyhaven",
          "Kingsbridge", "Westmoor", "Lakeside", "São Bento", "Bergheim",
          "Fairview", "Dunmore", "Castlegate", "New Alder", "Montréal-Nord"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

# Topics: each gives the tag, institutions, people's roles, the things the
# story is about, what happened to them, problems and benefits.
TOPICS = {
    "transport": {
        "orgs": ["the regional transport authority", "the city council",
                 "the national rail operator", "the ministry of infrastructure",
                 "the cyclists’ association"],
        "roles": ["transport planner", "council member", "union representative",
                  "commuter", "engineer", "spokeswoman for the operator"],
        "things": ["the new tram line", "the bus network", "the ring road",
                   "the cycle lanes", "the night trains", "the harbour ferry",
                   "the signalling system", "the electrification programme",
                   "the station refurbishment", "the parking levy"],
        "problems": ["chronic delays", "rising maintenance costs",
                     "overcrowding at rush hour", "a shortage of drivers",
                     "ageing rolling stock", "unreliable timetables"],
        "benefits": ["shorter journeys", "cleaner air in the centre",
                     "better connections to the suburbs",
                     "fewer cars on residential streets"],
    },
    "economy": {
        "orgs": ["the central bank", "the chamber of commerce",
                 "the statistics office", "the finance ministry",
                 "the federation of small businesses"],
        "roles": ["economist", "shop owner", "finance minister",
                  "chief executive", "analyst", "union negotiator"],
        "things": ["the interest rate", "the minimum wage", "household spending",
                   "the housing market", "the export sector",
                   "the manufacturing index", "the pension reform",
                   "the regional development fund", "consumer confidence"],
        "problems": ["stubborn inflation", "weak productivity growth",
                     "a slowdown in construction", "rising energy bills",
                     "uncertainty about tariffs", "a tight labour market"],
        "benefits": ["higher real wages", "steadier prices",
                     "new jobs in the logistics sector",
                     "cheaper credit for small firms"],
    },
    "climate": {
        "orgs": ["the environment agency", "the meteorological office",
                 "the water company", "the national parks service",
                 "an alliance of conservation groups"],
        "roles": ["climatologist", "farmer", "hydrologist", "forest ranger",
                  "environmental campaigner", "coastal engineer"],
        "things": ["the flood defences", "the reforestation scheme",
                   "the offshore wind farm", "the drought plan",
                   "the wetland restoration", "the heat-pump subsidy",
                   "the emissions register", "the river catchment"],
        "problems": ["record summer temperatures", "repeated flooding",
                     "falling groundwater levels", "soil erosion",
                     "the loss of pollinating insects", "storm damage"],
        "benefits": ["lower emissions", "cooler streets in summer",
                     "cleaner rivers", "a return of migratory birds"],
    },
    "technology": {
        "orgs": ["the data protection authority", "a consortium of universities",
                 "the telecommunications regulator", "a local software company",
                 "the open-source foundation"],
        "roles": ["software developer", "security researcher",
                  "product manager", "professor of computer science",
                  "systems administrator", "privacy lawyer"],
        "things": ["the broadband rollout", "the digital identity card",
                   "the open-data portal", "the new compiler release",
                   "the municipal cloud contract", "the encryption standard",
                   "the public Wi-Fi network", "the payment platform"],
        "problems": ["a serious security vulnerability", "patchy coverage",
                     "vendor lock-in", "an outage lasting several hours",
                     "concerns about surveillance", "a backlog of bug reports"],
        "benefits": ["faster connections in rural areas",
                     "more transparent procurement", "lower licence fees",
                     "better accessibility for older users"],
    },
    "health": {
        "orgs": ["the health ministry", "the regional hospital trust",
                 "the association of general practitioners",
                 "the public health institute", "the nurses’ union"],
        "roles": ["epidemiologist", "nurse", "hospital director",
                  "general practitioner", "patient advocate", "pharmacist"],
        "things": ["the vaccination campaign", "the emergency department",
                   "the mental-health service", "the screening programme",
                   "the prescription reform", "the rural clinics"],
        "problems": ["long waiting lists", "a shortage of specialists",
                     "an outbreak of measles", "staff burnout",
                     "rising costs of medication", "unequal access to care"],
        "benefits": ["earlier diagnosis", "shorter waiting times",
                     "fewer hospital admissions", "better-coordinated care"],
    },
    "culture": {
        "orgs": ["the national museum", "the city orchestra",
                 "the arts council", "the public library service",
                 "the film festival committee"],
        "roles": ["curator", "conductor", "novelist", "librarian",
                  "festival director", "art historian"],
        "things": ["the retrospective exhibition", "the summer festival",
                   "the restored cinema", "the translation prize",
                   "the new concert hall", "the archive of photographs"],
        "problems": ["shrinking audiences", "cuts to public funding",
                     "a dispute over ownership", "damage from damp",
                     "ticket prices", "the closure of rehearsal spaces"],
        "benefits": ["free entry for students", "record attendance",
                     "new commissions for young artists",
                     "a programme of touring concerts"],
    },
    "education": {
        "orgs": ["the education department", "the teachers’ union",
                 "the university senate", "the school inspectorate",
                 "a parents’ association"],
        "roles": ["head teacher", "student", "lecturer", "parent",
                  "school inspector", "vice-chancellor"],
        "things": ["the curriculum review", "the school-meals programme",
                   "the tuition fees", "the new science building",
                   "the apprenticeship scheme", "the reading initiative"],
        "problems": ["a shortage of qualified teachers", "crumbling classrooms",
                     "falling enrolment", "a widening attainment gap",
                     "overcrowded lecture halls", "high dropout rates"],
        "benefits": ["smaller class sizes", "better exam results",
                     "more places for adult learners",
                     "closer ties with local employers"],
    },
    "sport": {
        "orgs": ["the football club", "the national cycling federation",
                 "the athletics association", "the organising committee",
                 "the sports ministry"],
        "roles": ["head coach", "captain", "sports scientist", "referee",
                  "club chairman", "season-ticket holder"],
        "things": ["the new stadium", "the youth academy", "the marathon",
                   "the league season", "the anti-doping programme",
                   "the swimming pool renovation"],
        "problems": ["a string of injuries", "disappointing results",
                     "falling membership", "a row over broadcasting rights",
                     "the cost of policing matches", "poor pitch conditions"],
        "benefits": ["more girls taking up the sport", "sold-out matches",
                     "a place in the final", "better facilities for amateurs"],
    },
}
TAGS_EXTRA = ["analysis", "local", "policy", "interview", "data", "europe"]

ADVERBS = ["sharply", "slightly", "steadily", "unexpectedly", "considerably",
           "gradually", "quietly", "narrowly", "decisively", "repeatedly"]
ADJECTIVES = ["ambitious", "controversial", "long-awaited", "modest",
              "unprecedented", "overdue", "expensive", "carefully negotiated",
              "experimental", "popular", "complicated", "provisional"]
SAID = ["said", "told reporters", "said in an interview", "wrote in a statement",
        "said on Thursday", "argued", "added", "acknowledged", "explained"]
SAID_INVERTED = ["said", "added", "argued", "explained"]   # "…,” said Name.
PAST_ACTIONS = ["approved a revised budget for", "postponed a decision on",
                "published a critical report on", "announced an inquiry into",
                "opened consultations on", "signed a contract for",
                "raised new questions about", "set out a timetable for",
                "withdrew its support for", "secured additional funding for"]
CONNECTORS = ["However", "Meanwhile", "Nevertheless", "In the meantime",
              "At the same time", "Even so", "For now", "By contrast",
              "Still", "Privately"]
HEDGES = ["it remains unclear whether", "few expect that", "officials insist that",
          "critics doubt that", "there are signs that", "most observers agree that",
          "the documents suggest that", "local residents fear that"]
OUTCOMES = ["the plan will survive the next election",
            "the money will arrive before the winter",
            "the schedule can still be met",
            "the original estimates were realistic",
            "the public will accept the compromise",
            "the changes will be felt outside the capital",
            "the agreement can be extended to neighbouring districts",
            "the savings will materialise as promised"]
QUOTES = ["We have waited long enough, and people deserve a straight answer",
          "Nobody pretends this will be easy, but doing nothing is not an option",
          "The numbers simply don’t add up",
          "It’s the most important decision this council will take in a decade",
          "We were never consulted — not once",
          "If you look at the evidence, the trend is very clear",
          "I’m cautiously optimistic, but we’ll judge the results, not the promises",
          "This is what happens when maintenance is put off year after year",
          "Our members are tired, and they are angry",
          "There is no single solution; there are dozens of small ones",
          "We learned more from the failures than from the successes",
          "Frankly, it was a relief to see the figures published at last"]
LINK_TEXTS = ["the full report", "an earlier investigation",
              "the published minutes", "the official statistics",
              "a consultation document", "the ministry’s announcement"]
UNITS = ["kilometres", "households", "employees", "passengers", "tonnes",
         "applications", "visitors", "square metres", "complaints"]
INLINE_CODE = ["`v2.4.1`", "`config.yaml`", "`--dry-run`", "`ERR_TIMEOUT`",
               "`/api/v1/status`", "`make install`", "`utf-8`", "`README.md`",
               "`SELECT count(*)`", "`port 8080`"]
CODE_BLOCKS = [
    ("sh", ["$ curl -s https://data.example.org/v1/stops \\",
            "    | jq '.stops | length'", "1287"]),
    ("yaml", ["schedule:", "  weekdays: \"06:00-23:30\"",
              "  weekends: \"07:30-22:00\"", "  interval_minutes: 12"]),
    ("python", ["import csv", "", "with open(\"readings.csv\") as f:",
                "    rows = list(csv.DictReader(f))",
                "print(len(rows), \"readings\")"]),
    ("json", ["{", "  \"district\": \"Northgate\",",
              "  \"households\": 4120,", "  \"connected\": 3375", "}"]),
]


def rand_person(rng):
    return rng.choice(FIRST_NAMES) + " " + rng.choice(LAST_NAMES)


def surname(person):
    return person.split(" ", 1)[1]


def money(rng):
    if rng.random() < 0.5:
        return "€%s million" % rng.choice(["1.2", "4.5", "12", "38", "2.75", "140"])
    return "$%s" % "{:,}".format(rng.randrange(20, 900) * 1000)


def number(rng):
    n = rng.choice([rng.randrange(3, 99), rng.randrange(100, 999),
                    rng.randrange(1000, 250000)])
    return "{:,}".format(n)


def percent(rng):
    return "%d.%d percent" % (rng.randrange(1, 40), rng.randrange(0, 10))


def cap(s):
    return s[0].upper() + s[1:]


SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or",
               "the", "to", "with"}


def title_case(s):
    """Headline style: every word capitalised except short function words."""
    words = s.split(" ")
    return " ".join(w if (i and w in SMALL_WORDS) else cap(w)
                    for i, w in enumerate(words))


def a_date(rng):
    return "%s %d" % (rng.choice(MONTHS), rng.randrange(1, 29))


class Writer:
    """Fills sentence templates for one article about one topic."""

    def __init__(self, rng, topic_name):
        self.rng = rng
        self.topic = TOPICS[topic_name]
        self.place = rng.choice(PLACES)
        self.people = [(rand_person(rng), rng.choice(self.topic["roles"]))
                       for _ in range(rng.randrange(2, 5))]
        self.introduced = set()

    def person(self, subject=False):
        """A person's name: full name and role the first time, surname after.
        As the subject of a sentence, the role's apposition ends in a comma."""
        name, role = self.rng.choice(self.people)
        if name in self.introduced:
            return surname(name), name
        self.introduced.add(name)
        return "%s, a %s in %s%s" % (name, role, self.place,
                                     "," if subject else ""), name

    def sentence(self):
        r, t = self.rng, self.topic
        thing, org = r.choice(t["things"]), r.choice(t["orgs"])
        kind = r.randrange(20)
        if kind == 0:
            return "%s %s %s on %s, %s." % (
                cap(org), r.choice(PAST_ACTIONS), thing, r.choice(WEEKDAYS),
                "after months of %s" % r.choice(t["problems"]))
        if kind == 1:
            who, _ = self.person(subject=True)
            return "%s %s that %s had been %s." % (
                who, r.choice(["said", "argued", "warned"]), thing,
                r.choice(["badly managed from the start",
                          "a victim of its own success",
                          "underfunded for years",
                          "more popular than anyone expected"]))
        if kind == 2:
            return "Since %d, %s has %s by %s, according to %s." % (
                r.randrange(2009, 2022), r.choice(["spending on " + thing,
                                                    "demand for " + thing,
                                                    "the cost of " + thing]),
                r.choice(["risen", "fallen", "grown", "dropped"]),
                percent(r), org)
        if kind == 3:
            return "%s, %s %s." % (r.choice(CONNECTORS), r.choice(HEDGES),
                                   r.choice(OUTCOMES))
        if kind == 4:
            who, _ = self.person()
            q = r.choice(QUOTES)
            if r.random() < 0.5:
                return "“%s,” %s %s." % (q, r.choice(SAID_INVERTED), who)
            if r.random() < 0.6:
                who, _ = self.person(subject=True)
                return "“%s,” %s %s." % (q, who, r.choice(SAID))
            return "\"%s,\" %s %s." % (q.replace("’", "'"), surname(self.rng.choice(self.people)[0]), r.choice(SAID))
        if kind == 5:
            return "The %s plan would cost about %s and affect roughly %s %s." % (
                r.choice(ADJECTIVES), money(r), number(r), r.choice(UNITS))
        if kind == 6:
            return "Supporters point to %s; opponents point to %s — and to %s." % (
                r.choice(t["benefits"]), r.choice(t["problems"]),
                r.choice(t["problems"]))
        if kind == 7:
            return "The figures, published on %s, show %s %s %s in the past year." % (
                a_date(r), thing, r.choice(["growing", "shrinking", "improving"]),
                r.choice(ADVERBS))
        if kind == 8:
            return "%s is expected to report to %s before %s, a deadline that has already slipped %s." % (
                cap(org), r.choice(t["orgs"]), r.choice(MONTHS),
                r.choice(["twice", "three times", "once", "more than once"]))
        if kind == 9:
            return "In %s alone, %s %s were recorded between %d and %d — a %s increase." % (
                self.place, number(r), r.choice(UNITS), r.randrange(2015, 2019),
                r.randrange(2020, 2024), r.choice(["modest", "striking", "steady"]))
        if kind == 10:
            return "That is %s, in the words of one official who asked not to be named, “%s.”" % (
                r.choice(["not the whole story", "only part of the picture",
                          "what worries the administration most"]),
                r.choice(["a question of priorities, not of money",
                          "the hardest thing to explain to voters",
                          "a problem we inherited"]))
        if kind == 11:
            return "Residents interviewed this week were %s: some welcomed %s, while others complained about %s." % (
                r.choice(["divided", "sceptical", "largely supportive"]),
                r.choice(t["benefits"]), r.choice(t["problems"]))
        if kind == 12:
            return "The %s proposal, first floated in %d, was %s rejected by %s." % (
                r.choice(ADJECTIVES), r.randrange(2012, 2023), r.choice(ADVERBS),
                r.choice(t["orgs"]))
        if kind == 14:
            who, _ = self.person(subject=True)
            return "%s %s the %s figures as %s, pointing out that %s." % (
                who, r.choice(["described", "dismissed", "welcomed"]),
                r.choice(["quarterly", "provisional", "revised", "official"]),
                r.choice(["misleading", "encouraging", "incomplete",
                          "a turning point", "long overdue"]),
                r.choice(["comparable municipalities spend twice as much",
                          "the methodology changed in %d" % r.randrange(2015, 2023),
                          "%s of respondents had never heard of the scheme" % percent(r),
                          "the neighbouring districts reported similar trends"]))
        if kind == 15:
            return "Asked whether %s could be finished on schedule, %s would say only that “%s.”" % (
                thing, surname(r.choice(self.people)[0]),
                r.choice(["everything depends on the procurement process",
                          "we are working as quickly as responsibly possible",
                          "the contractors have given their assurances"]))
        if kind == 16:
            return "Documents obtained by %s show that %s had been warned about %s as early as %s %d." % (
                r.choice(["this newspaper", "a group of opposition councillors",
                          "investigative journalists"]), org,
                r.choice(t["problems"]), r.choice(MONTHS), r.randrange(2016, 2023))
        if kind == 17:
            return "The %s %s — roughly %s %s in total — %s the administration’s original projections." % (
                r.choice(["independent", "preliminary", "comprehensive"]),
                r.choice(["assessment", "evaluation", "feasibility study"]),
                number(r), r.choice(UNITS),
                r.choice(["comfortably exceeded", "fell well short of",
                          "broadly confirmed", "contradicted"]))
        if kind == 18:
            low = r.randrange(40, 90000)
            return "Between %d and %d, the number of %s rose from %s to %s; over the same period, %s." % (
                r.randrange(2010, 2016), r.randrange(2018, 2024), r.choice(UNITS),
                "{:,}".format(low), "{:,}".format(low + r.randrange(1, 5 * low)), r.choice([
                    "the budget for %s was frozen" % thing,
                    "complaints about %s doubled" % r.choice(t["problems"]),
                    "the workforce shrank by a fifth"]))
        return "%s, %s %s %s, which %s." % (
            r.choice(CONNECTORS), org, r.choice(PAST_ACTIONS), thing,
            r.choice(["has operated since %d" % r.randrange(1970, 2015),
                      "serves about %s %s" % (number(r), r.choice(UNITS)),
                      "was overhauled as recently as %s" % r.choice(MONTHS)]))

    def decorate(self, text):
        """Adds a link, emphasis, strong emphasis or inline code to some sentences."""
        r = self.rng
        roll = r.random()
        if roll < 0.08:
            lt = r.choice(LINK_TEXTS)
            slug = re.sub(r"[^a-z]+", "-", lt.lower()).strip("-")
            return text + " (See [%s](https://www.example.org/%s/%d).)" % (
                lt, slug, r.randrange(100, 9999))
        if roll < 0.14:
            words = text.split(" ")
            if len(words) > 6:
                i = r.randrange(1, len(words) - 3)
                w = words[i].strip(",.;:—“”\"")
                if w.isalpha():
                    words[i] = words[i].replace(w, "*" + w + "*", 1)
                return " ".join(words)
        if roll < 0.18:
            return "**%s**" % text
        if roll < 0.21:
            return text + " The relevant setting is %s." % r.choice(INLINE_CODE)
        return text

    def paragraph(self):
        n = self.rng.choice([1, 2, 3, 3, 4, 4, 5, 6])
        return " ".join(self.decorate(self.sentence()) for _ in range(n))

    def heading(self):
        r, t = self.rng, self.topic
        return "## " + r.choice([
            "What happens next", "The numbers behind %s" % r.choice(t["things"]),
            "A question of money", "Voices from %s" % self.place,
            "How we got here", "%s and its critics" % cap(r.choice(t["things"])),
            "Lessons from %d" % r.randrange(2010, 2023), "The view from the street",
            "Why %s matters" % r.choice(t["problems"])])

    def bullet_list(self):
        r, t = self.rng, self.topic
        items = r.sample(t["things"] + t["benefits"], r.randrange(3, 6))
        intro = "The main points of the agreement:" if r.random() < 0.5 else \
            "Among the measures under discussion:"
        lines = ["- %s, %s" % (cap(i), r.choice([
            "at a cost of %s" % money(r), "from %s" % a_date(r),
            "subject to review in %d" % r.randrange(2025, 2030),
            "which %s welcomed" % r.choice(t["orgs"]),
            "still disputed"])) for i in items]
        return intro + "\n\n" + "\n".join(lines)

    def numbered_list(self):
        r = self.rng
        steps = ["A public consultation opens on %s." % a_date(r),
                 "%s publishes its assessment." % cap(r.choice(self.topic["orgs"])),
                 "The council votes on the final text.",
                 "Work begins — if the money is found — in %s %d." % (
                     r.choice(MONTHS), r.randrange(2025, 2028)),
                 "An independent review follows after %d months." % r.randrange(6, 25)]
        k = r.randrange(3, 6)
        return "The timetable, as it stands:\n\n" + "\n".join(
            "%d. %s" % (i + 1, s) for i, s in enumerate(steps[:k]))

    def block_quote(self):
        r = self.rng
        name, role = r.choice(self.people)
        q1, q2 = r.sample(QUOTES, 2)
        return "> %s. %s.\n>\n> — %s, %s" % (q1, q2, name, role)

    def code_block(self):
        lang, lines = self.rng.choice(CODE_BLOCKS)
        return ("The data can be checked by anyone; for example:\n\n```%s\n%s\n```"
                % (lang, "\n".join(lines)))


def count_words(body):
    """Whitespace-separated tokens outside fenced code blocks."""
    words, in_code = 0, False
    for line in body.split("\n"):
        if line.startswith("```"):
            in_code = not in_code
            continue
        if not in_code:
            words += len(line.split())
    return words


def article(i, shift_days=0):
    """Article i: (slug, text, words, key).  `key` is what a digest
    compares to drop duplicates (title and day); main() shifts the date of
    an article whose key an earlier one has, so that every generated
    article is kept."""
    rng = random.Random(SEED_PREFIX + str(i))
    topic_name = rng.choice(sorted(TOPICS))
    w = Writer(rng, topic_name)
    topic = TOPICS[topic_name]
    target = rng.randrange(MIN_WORDS, MAX_WORDS + 1)

    thing = rng.choice(topic["things"])
    title = title_case(rng.choice([
        "%s: %s Faces a Reckoning" % (w.place, cap(thing)),
        "After Years of %s, %s Gets a Second Chance" % (
            cap(rng.choice(topic["problems"])), cap(thing)),
        "Why %s Divides %s" % (cap(thing), w.place),
        "%s Backs %s Plan for %s" % (w.place, cap(rng.choice(ADJECTIVES)), thing),
        "The Quiet Fight Over %s" % cap(thing)]))
    subtitle = None
    if rng.random() < 0.4:
        subtitle = "%s, and %s" % (cap(rng.choice(topic["benefits"])),
                                   rng.choice(topic["problems"]))
    authors = [rand_person(rng) for _ in range(rng.choice([1, 1, 1, 2, 2, 3]))]
    date = FIRST_DATE + datetime.timedelta(hours=rng.randrange(DATE_SPAN_HOURS), days=shift_days)
    tags = [topic_name] + rng.sample(TAGS_EXTRA, rng.randrange(0, 3))
    pub = rng.choice(PUBLICATIONS)
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    summary = w.sentence() + " " + w.sentence()

    blocks = ["%s — %s" % (w.place.upper(), w.paragraph())]
    words = count_words(blocks[0])
    since_heading = 0
    while words < target:
        roll = rng.random()
        if since_heading >= 4 and roll < 0.35:
            block, since_heading = w.heading(), 0
        elif roll < 0.05:
            block = w.bullet_list()
        elif roll < 0.08:
            block = w.numbered_list()
        elif roll < 0.12:
            block = w.block_quote()
        elif roll < 0.135 and topic_name in ("technology", "climate", "transport"):
            block = w.code_block()
        else:
            block = w.paragraph()
        since_heading += 1
        blocks.append(block)
        words += count_words(block)
    body = "\n\n".join(blocks) + "\n"

    def yq(s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    fm = ["---", "title: " + yq(title)]
    if subtitle:
        fm.append("subtitle: " + yq(subtitle))
    if len(authors) == 1:
        fm.append("author: " + yq(authors[0]))
    else:
        fm.append("author:")
        fm.extend("  - " + yq(a) for a in authors)
    fm += ["date: " + date.strftime("%Y-%m-%dT%H:%M:00+00:00"),
           "lang: en-US",
           "tags: [" + ", ".join(tags) + "]",
           # the article number keeps every source URL unique
           "source: https://%s/%s/%s-%d" % (SITES[pub], date.strftime("%Y/%m"), slug, i + 1),
           "publication: " + yq(pub),
           "summary: " + yq(summary),
           "---", ""]
    return slug, "\n".join(fm) + "\n" + body, count_words(body), (title.lower(), date.date())


def main(argv):
    if len(argv) != 3 or not argv[1].isdigit() or int(argv[1]) < 1:
        sys.stderr.write("usage: gen.py N OUTDIR\n")
        return 2
    n, out = int(argv[1]), argv[2]
    os.makedirs(out, exist_ok=True)
    total_words = total_bytes = 0
    seen = set()
    for i in range(n):
        shift = 0
        while True:
            slug, text, words, key = article(i, shift)
            if key not in seen:
                break
            shift += 1
        seen.add(key)
        data = text.encode("utf-8")
        with open(os.path.join(out, "%04d-%s.md" % (i + 1, slug[:48].strip("-"))), "wb") as f:
            f.write(data)
        total_words += words
        total_bytes += len(data)
    with open(os.path.join(out, "corpus.json"), "w") as f:
        json.dump({"articles": n, "words": total_words, "bytes": total_bytes}, f)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
