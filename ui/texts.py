"""Every text the app shows, in Swedish and English, from one place.

``t(key, **values)`` gives the text of ``key`` in the chosen language with ``values``
filled in; ``language_switch()`` draws the switch in the sidebar. Swedish terms follow
the domain brief: förmåga, samverkan, digitalt arv, mognad, drift, utveckling.
"""

from __future__ import annotations

import streamlit as st

LANGUAGES = {"sv": "Svenska", "en": "English"}
DEFAULT_LANGUAGE = "sv"

SV: dict[str, str] = {
    # navigation
    "nav.overview": "Översikt", "nav.managers": "För ledning", "nav.architects": "För arkitekter",
    "nav.analysts": "För analytiker", "nav.data": "Data",
    "page.overview": "Översikt", "page.candidates": "Samverkanskandidater",
    "page.municipality": "Kommunprofil", "page.suppliers": "Leverantörer",
    "page.legacy": "Digitalt arv", "page.impact": "Konsekvenser", "page.heatmap": "Förmågekarta",
    "page.graph": "Grafutforskare", "page.console": "Cypher-konsol", "page.data": "Data",
    # frame
    "language": "Språk / Language",
    "sidebar.backend": "Databas", "sidebar.dataset": "Datamängd",
    "sidebar.no_dataset": "ingen inläst", "sidebar.unavailable": "Databasen kan inte nås: {error}",
    "notice.synthetic": "Syntetiska demonstrationsdata: bedömningar, system och avtal är påhittade. "
                        "Kommunnamnen är verkliga, men inga slutsatser om verkliga kommuner kan dras.",
    "provenance.query_behind": "Frågan bakom",
    "provenance.round_source": "Omgång {rounds} · metod: {methods} · källa: {sources}",
    "empty.no_data": "Ingen data är inläst än. Läs in en datamängd på sidan Data.",
    "empty.no_assessments": "Inga mognadsbedömningar finns i datamängden.",
    "empty.no_candidates": "Inga samverkanskandidater med nuvarande trösklar.",
    "empty.analysis_missing": "Analysen '{name}' finns inte i den här versionen.",
    "download.csv": "Ladda ner CSV", "download.excel": "Ladda ner Excel",
    "download.html": "Utskriftsvänlig sida (HTML)", "download.markdown": "Sammanfattning (Markdown)",
    "yes": "ja", "no": "nej", "choose": "Välj ...",
    # labels
    "label.Municipality": "Kommuner", "label.Region": "Regioner", "label.CapabilityArea": "Förmågeområden",
    "label.Capability": "Förmågor", "label.Supplier": "Leverantörer", "label.System": "System",
    "label.ItCapacity": "IT-kapacitet", "label.Collaboration": "Samverkan", "label.Dataset": "Datamängd",
    "label.maturity": "mognad",
    "method.preferred": "extern granskning före självskattning", "method.self_assessment": "självskattning",
    "method.external_review": "extern granskning",
    "path.samverkan": "Samverkan", "path.asymmetrisk": "Asymmetrisk ansvarsfördelning",
    "path.sammanlaggning": "Sammanläggning (av IT-drift)",
    "path.omfordelning": "Omfördelning av ansvar",
    "level.high": "hög", "level.moderate": "måttlig", "level.low": "låg",
    # columns
    "col.capability": "Förmåga", "col.municipality": "Kommun", "col.municipalities": "Kommuner",
    "col.mean_maturity": "Medelmognad", "col.area": "Område", "col.key_capability": "Nyckelförmåga",
    "col.score": "Poäng", "col.rank": "Plats", "col.lead": "Ledande kommun", "col.path": "Vägval",
    "col.reasons": "Skäl",
    "col.name": "Namn", "col.name_en": "Namn", "col.suppliers": "Leverantörer", "col.hhi": "HHI",
    "col.concentration": "Koncentration", "col.top_supplier_name": "Största leverantör",
    "col.top_share": "Största andel", "col.reason": "Förklaring",
    "col.share_of_region": "Andel av regionen", "col.kind": "Typ", "col.supplier_name": "Leverantör",
    "col.which": "Vilka", "col.first_end": "Första slut", "col.last_end": "Sista slut",
    "col.annual_cost_sek": "Årskostnad (kr)", "col.system_name": "System", "col.status": "Status",
    "col.end_of_support": "Slut på support", "col.lifecycle": "Livscykel",
    "col.capability_names": "Förmågor", "col.key_capabilities": "Nyckelförmågor",
    "col.municipality_name": "Kommun", "col.legacy_systems": "System i digitalt arv",
    "col.past_end_of_support": "Efter slut på support", "col.system_names": "System",
    "col.capabilities": "Förmågor", "col.depth": "Steg", "col.via": "Via",
    "col.municipality_names": "Kommuner", "col.systems": "System", "col.maturity": "Mognad",
    "col.target": "Mål", "col.region_mean": "Regionens medel", "col.of": "Av",
    "col.assessment": "Bedömning", "col.round": "Omgång", "col.method": "Metod", "col.source": "Källa",
    "col.reason_sv": "Förklaring", "col.reason_en": "Förklaring", "col.capability_sv": "Förmåga",
    "col.capability_en": "Förmåga", "col.id": "Id",
    # overview
    "overview.title": "Översikt",
    "overview.intro": "Den digitala motorns förmågor i regionen: var mognaden är hög, var den är låg "
                      "och vilka förmågor kommunerna kan leverera tillsammans.",
    "overview.assessments": "Bedömningar", "overview.strongest": "Starkaste förmågorna",
    "overview.weakest": "Svagaste förmågorna", "overview.top_candidates": "Främsta samverkanskandidaterna",
    # heatmap
    "heatmap.title": "Förmågekarta",
    "heatmap.intro": "Kommuner mot förmågor, färgade efter mognad (1–5) eller glapp till målnivån.",
    "heatmap.round": "Omgång", "heatmap.method": "Bedömningsmetod", "heatmap.areas": "Förmågeområden",
    "heatmap.key_only": "Bara nyckelförmågor", "heatmap.colour_by": "Färg efter",
    "heatmap.maturity": "Mognad", "heatmap.gap": "Glapp till mål", "heatmap.table": "Som tabell",
    "heatmap.nothing": "Inga bedömningar matchar filtren.", "heatmap.drill": "Detaljer",
    "heatmap.drill_hint": "Välj en kommun (rad), en förmåga (kolumn) eller båda (cell) för att se "
                          "varje bedömning med omgång, metod och källa.",
    "heatmap.all": "(alla)",
    # candidates
    "candidates.title": "Samverkanskandidater",
    "candidates.intro": "Förmågor att leverera gemensamt, rangordnade: vilka kommuner, vem som kan "
                        "leda, vilket vägval och varför.",
    "candidates.need": "Behov", "candidates.commonality": "Gemensamhet",
    "candidates.standardisation": "Standardisering", "candidates.criticality": "Kritikalitet",
    "candidates.covered": "Redan täckt",
    "candidates.score_help": "Poäng = 0,3 × behov + 0,4 × gemensamhet + gemensamhet × (0,15 × standardisering "
                             "+ 0,15 × kritikalitet) − 0,3 × redan täckt (varje del 0–1; vikterna "
                             "ändras i kb/analysis/defaults.py).",
    "candidates.summary": "Sammanfattning inför möte",
    "candidates.none_match": "Inga kandidater matchar filtren.",
    "summary.title": "Samverkanskandidat", "summary.what": "Vad", "summary.who": "Vilka",
    "summary.why": "Varför", "summary.score": "Poängen i delar", "summary.no_lead": "ingen stark kommun",
    # graph
    "graph.title": "Grafutforskare",
    "graph.intro": "Grannskapet kring en kommun, förmåga, leverantör eller ett system.",
    "graph.focus_type": "Fokus på", "graph.focus": "Nod", "graph.depth": "Djup", "graph.types": "Nodtyper",
    "graph.by_maturity": "Färg efter mognad",
    "graph.physics": "Fysik",
    "graph.hierarchical": "Hierarkisk layout",
    "graph.no_nodes": "Det finns inga sådana noder.",
    "graph.summary": "{nodes} noder och {edges} relationer visas av {total} noder inom djupet.",
    "graph.folded": "Högst {cap} noder ritas; resten är samlade i grupper: {folded}.",
    "graph.cut_short": "Grannskapet är så stort att bara en del av det lästes. Minska djupet eller "
                       "nodtyperna.",
    "graph.export": "Exportera vyn (HTML)",
    # console
    "console.title": "Cypher-konsol",
    "console.intro": "Kör sparade frågor eller egna. Bara läsning; tidsgräns {seconds:g} s, högst "
                     "{rows} rader.",
    "console.saved": "Sparad fråga", "console.own": "(egen fråga)", "console.editor": "Cypher",
    "console.run": "Kör", "console.error": "Frågan kunde inte köras: {error}",
    "console.rows": "{rows} rader på {ms} ms.",
    "console.truncated": "Resultatet kapades vid {cap} rader.", "console.as_graph": "Som graf",
    # municipality
    "municipality.title": "Kommunprofil",
    "municipality.intro": "En kommuns mognad per förmåga jämfört med regionens medel.",
    "municipality.strengths": "Styrkor", "municipality.weaknesses": "Svagheter",
    "municipality.on_par": "I nivå",
    "municipality.strength": "styrka",
    "municipality.weakness": "svaghet",
    "municipality.difference": "Skillnad mot regionens medel",
    "municipality.no_assessments": "{name} har inga bedömningar.",
    "municipality.legacy": "Digitalt arv i kommunen", "municipality.candidates": "Kandidater med kommunen",
    # suppliers
    "suppliers.title": "Leverantörer",
    "suppliers.intro": "Leverantörskoncentration (HHI) i regionen och per förmåga, och avtal som löper ut "
                       "samtidigt (möjlig gemensam upphandling).",
    "suppliers.hhi": "Koncentration i regionen (HHI)", "suppliers.top": "Största leverantör",
    "suppliers.per_capability": "Koncentration per förmåga", "suppliers.level": "Nivå",
    "suppliers.dependence": "Beroende per leverantör", "suppliers.none": "Inga leverantörer i datamängden.",
    "suppliers.windows": "Avtalsfönster", "suppliers.today": "Från datum",
    "suppliers.window_months": "Fönster (månader)",
    "suppliers.no_windows": "Inga avtal slutar samtidigt inom {months} månader.",
    # legacy
    "legacy.title": "Digitalt arv",
    "legacy.intro": "System som passerat eller närmar sig slut på support, eller som ska avvecklas, "
                    "och de förmågor som vilar på dem.",
    "legacy.level": "Visa per", "legacy.system": "system", "legacy.municipality": "kommun",
    "legacy.detail": "kommun och system", "legacy.horizon": "Horisont (månader)",
    "legacy.systems": "System i digitalt arv", "legacy.past": "Efter slut på support",
    "legacy.key_touched": "Bär nyckelförmågor", "legacy.none": "Inget digitalt arv hittades.",
    # impact
    "impact.title": "Konsekvenser",
    "impact.intro": "Om en leverantör eller ett system faller bort: vilka system, förmågor och kommuner "
                    "drabbas?",
    "impact.kind": "Vad faller", "impact.ranking": "(rangordna alla efter räckvidd)",
    "impact.system": "System som drabbas", "impact.capability": "Förmågor som drabbas",
    "impact.municipality": "Kommuner som drabbas", "impact.nothing": "Inget påverkas.",
    # data
    "data.title": "Data",
    "data.intro": "Läs in en datamängd, hämta insamlingsmallen eller exportera grafen.",
    "data.upload": "Läs in", "data.choose": "En zip med CSV-filer, Excel-mallen eller JSON/YAML",
    "data.invalid": "Datamängden har {count} fel och lästes inte in:",
    "data.format_missing": "Formatet för {name} stöds inte i den här versionen.",
    "data.valid": "{origin} är giltig.", "data.table": "Tabell", "data.rows": "Rader",
    "data.load": "Läs in (ersätter grafen)",
    "data.loaded": "Inläst: {nodes} noder och {relationships} relationer på {seconds} s.",
    "data.template": "Insamlingsmall",
    "data.template_intro": "Excel-mallen som en kommun fyller i, med listor för koder, mognadsnivåer och "
                           "livscykel.",
    "data.template_download": "Ladda ner mallen (Excel)",
    "data.export": "Exportera",
    "data.export_intro": "Hela grafen som CSV-filer i en zip, som kan läsas in igen.",
    "data.export_prepare": "Förbered export", "data.export_download": "Ladda ner zip",
}

EN: dict[str, str] = {
    "nav.overview": "Overview", "nav.managers": "For managers", "nav.architects": "For architects",
    "nav.analysts": "For analysts", "nav.data": "Data",
    "page.overview": "Overview", "page.candidates": "Collaboration candidates",
    "page.municipality": "Municipality profile", "page.suppliers": "Suppliers",
    "page.legacy": "Digital legacy", "page.impact": "Impact", "page.heatmap": "Capability heatmap",
    "page.graph": "Graph explorer", "page.console": "Cypher console", "page.data": "Data",
    "language": "Språk / Language",
    "sidebar.backend": "Database", "sidebar.dataset": "Dataset",
    "sidebar.no_dataset": "none loaded", "sidebar.unavailable": "The database cannot be reached: {error}",
    "notice.synthetic": "Synthetic demonstration data: assessments, systems and contracts are made up. "
                        "The municipality names are real, but nothing can be concluded about real "
                        "municipalities.",
    "provenance.query_behind": "Query behind this",
    "provenance.round_source": "Round {rounds} · method: {methods} · source: {sources}",
    "empty.no_data": "No data is loaded yet. Load a dataset on the Data page.",
    "empty.no_assessments": "The dataset holds no maturity assessments.",
    "empty.no_candidates": "No collaboration candidates at the current thresholds.",
    "empty.analysis_missing": "The analysis '{name}' is not available in this version.",
    "download.csv": "Download CSV", "download.excel": "Download Excel",
    "download.html": "Printable page (HTML)", "download.markdown": "Summary (Markdown)",
    "yes": "yes", "no": "no", "choose": "Choose ...",
    "label.Municipality": "Municipalities",
    "label.Region": "Regions",
    "label.CapabilityArea": "Capability areas",
    "label.Capability": "Capabilities", "label.Supplier": "Suppliers", "label.System": "Systems",
    "label.ItCapacity": "IT capacity", "label.Collaboration": "Collaborations", "label.Dataset": "Dataset",
    "label.maturity": "maturity",
    "method.preferred": "external review before self-assessment", "method.self_assessment": "self-assessment",
    "method.external_review": "external review",
    "path.samverkan": "Collaboration (samverkan)", "path.asymmetrisk": "Asymmetric responsibility",
    "path.sammanlaggning": "Merging (IT operations)", "path.omfordelning": "Moving the responsibility",
    "level.high": "high", "level.moderate": "moderate", "level.low": "low",
    "col.capability": "Capability",
    "col.municipality": "Municipality",
    "col.municipalities": "Municipalities",
    "col.mean_maturity": "Mean maturity", "col.area": "Area", "col.key_capability": "Key capability",
    "col.score": "Score", "col.rank": "Rank", "col.lead": "Lead municipality", "col.path": "Path",
    "col.reasons": "Reasons",
    "col.name": "Name", "col.name_en": "Name", "col.suppliers": "Suppliers", "col.hhi": "HHI",
    "col.concentration": "Concentration", "col.top_supplier_name": "Largest supplier",
    "col.top_share": "Largest share", "col.reason": "Explanation",
    "col.share_of_region": "Share of the region", "col.kind": "Kind", "col.supplier_name": "Supplier",
    "col.which": "Which", "col.first_end": "First end", "col.last_end": "Last end",
    "col.annual_cost_sek": "Annual cost (SEK)", "col.system_name": "System", "col.status": "Status",
    "col.end_of_support": "End of support", "col.lifecycle": "Lifecycle",
    "col.capability_names": "Capabilities", "col.key_capabilities": "Key capabilities",
    "col.municipality_name": "Municipality", "col.legacy_systems": "Legacy systems",
    "col.past_end_of_support": "Past end of support", "col.system_names": "Systems",
    "col.capabilities": "Capabilities", "col.depth": "Steps", "col.via": "Via",
    "col.municipality_names": "Municipalities", "col.systems": "Systems", "col.maturity": "Maturity",
    "col.target": "Target", "col.region_mean": "Regional mean", "col.of": "Of",
    "col.assessment": "Assessment", "col.round": "Round", "col.method": "Method",
    "col.source": "Source", "col.reason_sv": "Explanation", "col.reason_en": "Explanation",
    "col.capability_sv": "Capability", "col.capability_en": "Capability", "col.id": "Id",
    "overview.title": "Overview",
    "overview.intro": "The digital engine's capabilities across the region: where maturity is high, where it "
                      "is low, and which capabilities the municipalities could deliver together.",
    "overview.assessments": "Assessments", "overview.strongest": "Strongest capabilities",
    "overview.weakest": "Weakest capabilities", "overview.top_candidates": "Top collaboration candidates",
    "heatmap.title": "Capability heatmap",
    "heatmap.intro": "Municipalities by capabilities, coloured by maturity (1–5) or by the gap to "
                     "the target.",
    "heatmap.round": "Round", "heatmap.method": "Assessment method", "heatmap.areas": "Capability areas",
    "heatmap.key_only": "Key capabilities only", "heatmap.colour_by": "Colour by",
    "heatmap.maturity": "Maturity", "heatmap.gap": "Gap to target", "heatmap.table": "As a table",
    "heatmap.nothing": "No assessment matches the filters.", "heatmap.drill": "Details",
    "heatmap.drill_hint": "Choose a municipality (row), a capability (column) or both (cell) to see every "
                          "assessment with its round, method and source.",
    "heatmap.all": "(all)",
    "candidates.title": "Collaboration candidates",
    "candidates.intro": "Capabilities to deliver jointly, ranked: which municipalities, who could lead, "
                        "which path and why.",
    "candidates.need": "Need", "candidates.commonality": "Commonality",
    "candidates.standardisation": "Standardisation", "candidates.criticality": "Criticality",
    "candidates.covered": "Already covered",
    "candidates.score_help": "Score = 0.3 × need + 0.4 × commonality + commonality × (0.15 × standardisation "
                             "+ 0.15 × criticality) − 0.3 × already covered (each part 0–1; the "
                             "weights are set in kb/analysis/defaults.py).",
    "candidates.summary": "Summary for a meeting",
    "candidates.none_match": "No candidate matches the filters.",
    "summary.title": "Collaboration candidate", "summary.what": "What", "summary.who": "Who",
    "summary.why": "Why", "summary.score": "The score in parts", "summary.no_lead": "no strong municipality",
    "graph.title": "Graph explorer",
    "graph.intro": "The neighbourhood of a municipality, capability, supplier or system.",
    "graph.focus_type": "Focus on",
    "graph.focus": "Node",
    "graph.depth": "Depth",
    "graph.types": "Node types",
    "graph.by_maturity": "Colour by maturity",
    "graph.physics": "Physics",
    "graph.hierarchical": "Hierarchical layout",
    "graph.no_nodes": "There are no such nodes.",
    "graph.summary": "{nodes} nodes and {edges} relationships shown of {total} nodes within the depth.",
    "graph.folded": "At most {cap} nodes are drawn; the rest are grouped: {folded}.",
    "graph.cut_short": "The neighbourhood is so large that only part of it was read. Lower the depth "
                       "or the types.",
    "graph.export": "Export the view (HTML)",
    "console.title": "Cypher console",
    "console.intro": "Run saved queries or your own. Read-only; time limit {seconds:g} s, at most "
                     "{rows} rows.",
    "console.saved": "Saved query", "console.own": "(your own query)", "console.editor": "Cypher",
    "console.run": "Run", "console.error": "The query could not run: {error}",
    "console.rows": "{rows} rows in {ms} ms.",
    "console.truncated": "The result was cut at {cap} rows.", "console.as_graph": "As a graph",
    "municipality.title": "Municipality profile",
    "municipality.intro": "One municipality's maturity per capability against the regional mean.",
    "municipality.strengths": "Strengths", "municipality.weaknesses": "Weaknesses",
    "municipality.on_par": "On par",
    "municipality.strength": "strength",
    "municipality.weakness": "weakness",
    "municipality.difference": "Difference from the regional mean",
    "municipality.no_assessments": "{name} has no assessments.",
    "municipality.legacy": "Digital legacy in the municipality",
    "municipality.candidates": "Candidates with the municipality",
    "suppliers.title": "Suppliers",
    "suppliers.intro": "Supplier concentration (HHI) in the region and per capability, and contracts ending "
                       "together (a chance for joint procurement).",
    "suppliers.hhi": "Concentration in the region (HHI)", "suppliers.top": "Largest supplier",
    "suppliers.per_capability": "Concentration per capability", "suppliers.level": "Level",
    "suppliers.dependence": "Dependence per supplier", "suppliers.none": "No suppliers in the dataset.",
    "suppliers.windows": "Contract windows", "suppliers.today": "From date",
    "suppliers.window_months": "Window (months)",
    "suppliers.no_windows": "No contracts end together within {months} months.",
    "legacy.title": "Digital legacy",
    "legacy.intro": "Systems past or near their end of support, or marked for exit, and the capabilities "
                    "resting on them.",
    "legacy.level": "Show per", "legacy.system": "system", "legacy.municipality": "municipality",
    "legacy.detail": "municipality and system", "legacy.horizon": "Horizon (months)",
    "legacy.systems": "Systems in the digital legacy", "legacy.past": "Past end of support",
    "legacy.key_touched": "Carry key capabilities", "legacy.none": "No digital legacy found.",
    "impact.title": "Impact",
    "impact.intro": "If a supplier or system fails: which systems, capabilities and municipalities are hit?",
    "impact.kind": "What fails", "impact.ranking": "(rank all by reach)",
    "impact.system": "Systems hit", "impact.capability": "Capabilities hit",
    "impact.municipality": "Municipalities hit", "impact.nothing": "Nothing is affected.",
    "data.title": "Data",
    "data.intro": "Load a dataset, get the data-collection template or export the graph.",
    "data.upload": "Load", "data.choose": "A zip of CSV files, the Excel template or JSON/YAML",
    "data.invalid": "The dataset has {count} problems and was not loaded:",
    "data.format_missing": "The format of {name} is not supported in this version.",
    "data.valid": "{origin} is valid.", "data.table": "Table", "data.rows": "Rows",
    "data.load": "Load (replaces the graph)",
    "data.loaded": "Loaded {nodes} nodes and {relationships} relationships in {seconds} s.",
    "data.template": "Data-collection template",
    "data.template_intro": "The Excel workbook a municipality fills in, with drop-down lists for codes, "
                           "maturity levels and lifecycle values.",
    "data.template_download": "Download the template (Excel)",
    "data.export": "Export", "data.export_intro": "The whole graph as CSV files in a zip, loadable again.",
    "data.export_prepare": "Prepare the export", "data.export_download": "Download zip",
}

TEXTS = {"sv": SV, "en": EN}


def language() -> str:
    """The chosen language code: 'sv' (default) or 'en'."""
    return st.session_state.get("language", DEFAULT_LANGUAGE)


def _remember_language() -> None:
    st.session_state["language"] = st.session_state["language_switch"]


def t(key: str, **values: object) -> str:
    """The text of ``key`` in the chosen language, with ``values`` filled in."""
    text = TEXTS[language()].get(key) or TEXTS[DEFAULT_LANGUAGE].get(key, key)
    return text.format(**values) if values else text


def has_text(key: str) -> bool:
    """True when ``key`` has a text."""
    return key in TEXTS[DEFAULT_LANGUAGE]


def language_switch() -> None:
    """The language switch at the top of the sidebar; the choice outlives page switches."""
    st.sidebar.radio(t("language"), list(LANGUAGES), index=list(LANGUAGES).index(language()),
                     format_func=LANGUAGES.get, key="language_switch", on_change=_remember_language,
                     horizontal=True)


def label_names() -> dict[str, str]:
    """Graph labels (and the word 'maturity') in the chosen language, for legends."""
    prefix = "label."
    return {key[len(prefix):]: text for key, text in TEXTS[language()].items() if key.startswith(prefix)}


def capability_column() -> str:
    """The assessments' capability-name column in the chosen language."""
    return f"capability_{language()}"
