"""What a questionnaire holds: its sheets, their columns in Swedish and English, the cover
text, and the identity a returned workbook is recognised by.

The writer (``kb.survey.make``) and the reader (``kb.survey.collect``) both take the layout
from here, so a questionnaire always reads back the way it was written. Header texts carry
the round (``Mognad 2027``), so the reader checks them against the identity's rounds.
"""

from __future__ import annotations

from dataclasses import dataclass

IDENTITY_SHEET = "kb_survey"
"""The very hidden sheet of (key, value) rows that says whose questionnaire it is."""
KIND = "kb-survey-questionnaire"
FORMAT = 1
SELF_ASSESSMENT = "self_assessment"
LANGUAGES = ("sv", "en")
NEW_SYSTEM_ROWS = 25
"""Empty rows below a municipality's systems where it can add systems from the catalogue."""

SHEETS = {
    "sv": {"cover": "Instruktioner", "capabilities": "Förmågor", "systems": "System",
           "capacity": "IT-kapacitet", "catalogue": "Systemkatalog"},
    "en": {"cover": "Instructions", "capabilities": "Capabilities", "systems": "Systems",
           "capacity": "IT capacity", "catalogue": "System catalogue"},
}
"""Sheet names per language; the cover is a note sheet, which the workbook reader skips."""


@dataclass(frozen=True)
class Field:
    """One column of a questionnaire sheet: its name in the reader, its header per language."""

    name: str
    sv: str
    en: str
    answer: bool = False  # a cell the municipality fills in (unlocked)
    width: int = 14

    def header(self, lang: str, round: int, previous: int | None) -> str:
        """The header text in ``lang`` with the rounds filled in."""
        return getattr(self, lang).format(round=round, previous=previous or "–")


CAPABILITY_FIELDS = (
    Field("capability", "Förmåga-id", "Capability id", width=26),
    Field("area", "Område", "Area", width=24),
    Field("name", "Förmåga", "Capability", width=40),
    Field("description", "Beskrivning", "Description", width=50),
    Field("key_capability", "Nyckelförmåga", "Key capability", width=15),
    Field("previous_maturity", "Mognad {previous}", "Maturity {previous}", width=15),
    Field("previous_target", "Mål {previous}", "Target {previous}", width=13),
    Field("previous_self", "Självskattning {previous}", "Self-assessed {previous}", width=21),
    Field("maturity", "Mognad {round}", "Maturity {round}", answer=True, width=15),
    Field("target", "Mål {round}", "Target {round}", answer=True, width=13),
    Field("comment", "Kommentar", "Comment", answer=True, width=40),
)
SYSTEM_FIELDS = (
    Field("system", "System-id", "System id", width=24),
    Field("name", "System", "System", width=30),
    Field("supplier", "Leverantör", "Supplier", width=24),
    Field("lifecycle", "Livscykel", "Lifecycle", width=12),
    Field("end_of_support", "Support upphör", "End of support", width=14),
    Field("in_use", "Används", "In use", answer=True, width=10),
    Field("contract_end", "Avtalet löper ut", "Contract ends", answer=True, width=16),
    Field("annual_cost_sek", "Årskostnad (kr)", "Annual cost (SEK)", answer=True, width=16),
)
CAPACITY_FIELDS = (
    Field("year", "År", "Year", width=8),
    Field("fte_operations", "Drift, årsarbetare", "Operations, FTE", answer=True, width=20),
    Field("fte_development", "Utveckling, årsarbetare", "Development, FTE", answer=True, width=22),
    Field("cost_operations_sek", "Driftkostnad (kr)", "Operations cost (SEK)", answer=True, width=22),
    Field("cost_development_sek", "Utvecklingskostnad (kr)", "Development cost (SEK)", answer=True,
          width=24),
)
CATALOGUE_FIELDS = (
    Field("system", "System-id", "System id", width=24),
    Field("name", "System", "System", width=30),
    Field("supplier", "Leverantör", "Supplier", width=24),
    Field("category", "Kategori", "Category", width=20),
)
CAPACITY_ANSWER_ROW = 3
"""The capacity sheet: row 2 holds last year's figures (read-only), row 3 the round's."""

YES_NO = {"sv": ("ja", "nej"), "en": ("yes", "no")}

MATURITY_WORDS = {
    "sv": {1: "Inledande: arbetet sker från fall till fall och hänger på enskilda personer.",
           2: "Upprepbar: rutiner finns och upprepas, men är inte gemensamma för hela organisationen.",
           3: "Definierad: arbetssättet är dokumenterat, beslutat och gäller i hela organisationen.",
           4: "Styrd: arbetet mäts och följs upp, och styrs med hjälp av mätningarna.",
           5: "Optimerad: arbetet förbättras ständigt utifrån mätningar och omvärldens utveckling."},
    "en": {1: "Initial: work is done case by case and depends on individuals.",
           2: "Repeatable: routines exist and are repeated, but are not shared across the organisation.",
           3: "Defined: the way of working is documented, decided and applies across the organisation.",
           4: "Managed: the work is measured and followed up, and steered by those measures.",
           5: "Optimised: the work is improved continuously from measurement and external trends."},
}

COVER = {
    "sv": {
        "title": "Bedömningsomgång {round}: förmågor i den digitala motorn",
        "municipality": "Kommun", "round": "Omgång", "deadline": "Svara senast", "contact": "Kontakt",
        "how": "Så fyller du i enkäten",
        "steps": (
            "1. Fliken Förmågor: ange för varje förmåga er mognad i år och ert mål (1–5, se skalan "
            "nedan). Förra omgångens värden står bredvid för jämförelse. Lämna tomt det ni inte kan "
            "bedöma; skriv gärna en kommentar.",
            "2. Fliken System: bekräfta de system ni använder, rätta avtalsslut och årskostnad, sätt "
            "Används till nej för system ni har slutat använda, och lägg till system från fliken "
            "Systemkatalog i de tomma raderna längst ned.",
            "3. Fliken IT-kapacitet: ange årsarbetare och kostnader för drift och utveckling i år.",
            "4. Spara filen och skicka tillbaka den som den är. Grå celler och flikarnas ordning är "
            "låsta så att inga id ändras av misstag; byt inte namn på flikarna.",
        ),
        "scale": "Mognadsskala",
    },
    "en": {
        "title": "Assessment round {round}: capabilities of the digital engine",
        "municipality": "Municipality", "round": "Round", "deadline": "Answer by", "contact": "Contact",
        "how": "How to fill in the questionnaire",
        "steps": (
            "1. Sheet Capabilities: for each capability, enter your maturity this year and your target "
            "(1–5, see the scale below). Last round's values stand beside them for comparison. Leave "
            "blank what you cannot assess; a comment is welcome.",
            "2. Sheet Systems: confirm the systems you use, correct contract end and annual cost, set "
            "In use to no for systems you no longer use, and add systems from the sheet System "
            "catalogue in the empty rows at the bottom.",
            "3. Sheet IT capacity: enter this year's staff (FTE) and costs for operations and development.",
            "4. Save the file and send it back as it is. Grey cells and the sheets are locked so that "
            "no id is changed by mistake; do not rename the sheets.",
        ),
        "scale": "Maturity scale",
    },
}
