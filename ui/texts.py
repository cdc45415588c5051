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
    "nav.followup": "Uppföljning", "page.partners": "Samverkanspartner", "page.trends": "Trender",
    "page.capacity": "Kapacitet", "page.realism": "Självskattning och granskning",
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
    # columns of partners, trends, capacity and realism
    "col.group": "Grupp", "col.size": "Storlek", "col.member_names": "Medlemmar",
    "col.cohesion": "Sammanhållning", "col.common_systems": "Gemensamma system",
    "col.common_suppliers": "Gemensamma leverantörer", "col.common_weak": "Gemensamma svagheter",
    "col.municipality_b_name": "Partner", "col.systems_jaccard": "Likhet system",
    "col.suppliers_jaccard": "Likhet leverantörer", "col.weak_jaccard": "Likhet svagheter",
    "col.shared_systems": "Delade system", "col.shared_suppliers": "Delade leverantörer",
    "col.shared_weak": "Delade svagheter",
    "col.mean_from": "Medel före", "col.mean_to": "Medel efter", "col.mean_change": "Medelförändring",
    "col.improved": "Förbättrade", "col.declined": "Försämrade", "col.unchanged": "Oförändrade",
    "col.trend": "Trend", "col.from_maturity": "Mognad före", "col.to_maturity": "Mognad efter",
    "col.change": "Förändring", "col.direction": "Riktning",
    "col.population": "Invånare", "col.fte_total": "IT-personal (årsarbetare)",
    "col.fte_per_1000": "Årsarbetare per 1 000 inv.",
    "col.cost_per_inhabitant": "IT-kostnad per invånare (kr)",
    "col.cost_vs_median": "Mot regionens median", "col.development_share": "Andel utveckling",
    "col.underfunded": "Underfinansierad", "col.operations_heavy": "Driftstung",
    "col.uncovered_capabilities": "Förmågor utan täckning", "col.uncovered_names": "Vilka förmågor",
    "col.signals": "Signaler",
    "col.self_maturity": "Självskattning", "col.external_maturity": "Extern granskning",
    "col.difference": "Skillnad", "col.compared": "Jämförda", "col.mean_difference": "Medelskillnad",
    "col.overestimated": "Överskattade", "col.underestimated": "Underskattade", "col.agreed": "Överens",
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
    "candidates.score_help": "Poäng = 0,3 × behov + 0,4 × gemensamhet + gemensamhet × "
                             "(0,15 × standardisering + 0,15 × kritikalitet) − 0,3 × redan täckt "
                             "(varje del 0–1; vikterna ändras i kb/analysis/defaults.py).",
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
    "graph.paths_title": "Vägar till en annan nod",
    "col.number": "Nr", "col.steps": "Steg", "col.route": "Väg", "col.nodes": "Noder",
    "graph.paths_show": "Sök vägar från noden ovan",
    "graph.paths_to_type": "Till", "graph.paths_to": "Nod", "graph.paths_depth": "Högst antal steg",
    "graph.paths_none": "Ingen väg på högst {depth} steg. Öka antalet steg eller välj en annan nod.",
    "graph.paths_summary": "{paths} vägar, kortast först.",
    "graph.paths_capped": "Det finns fler vägar; de {limit} kortaste visas.",
    # console
    "console.title": "Cypher-konsol",
    "console.intro": "Kör sparade frågor eller egna. Bara läsning; tidsgräns {seconds:g} s, högst "
                     "{rows} rader.",
    "console.saved": "Sparad fråga", "console.own": "(egen fråga)", "console.editor": "Cypher",
    "console.run": "Kör", "console.error": "Frågan kunde inte köras: {error}",
    "console.rows": "{rows} rader på {ms} ms.",
    "console.truncated": "Resultatet kapades vid {cap} rader.", "console.as_graph": "Som graf",
    "console.share": "Spara, ladda ner eller importera frågan",
    "console.share_intro": "Filen är Cypher med ett huvud av kommentarer (titel, beskrivning, parametrar); "
                           "parametrarnas nuvarande värden blir standardvärden. `kb query FIL` kör den.",
    "console.own_title": "Egen fråga", "console.download": "Ladda ner frågan (.cypher)",
    "console.save": "Spara som fråga", "console.save_title": "Titel",
    "console.save_description": "Beskrivning",
    "console.save_overwrite": "Ersätt en sparad fråga med samma namn",
    "console.saved_as": "Sparad som {name}.", "console.import": "Importera en fråga (.cypher)",
    "console.import_run": "Importera", "console.imported": "Importerad som {name}.",
    "console.share_error": "Frågan kunde inte sparas: {error}",
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
    # partners
    "partners.title": "Samverkanspartner",
    "partners.intro": "Vilka kommuner liknar varandra i system, leverantörer och svagheter och är därmed "
                      "naturliga samverkanspartner? Likheten är ett viktat Jaccard-index (0–1) av de tre "
                      "mängderna; partnergrupperna är Louvain-grupper i likhetsgrafen.",
    "partners.weights": "Vikter",
    "partners.weights_help": "Poäng = (v_system × J_system + v_leverantörer × J_leverantörer + v_svagheter × "
                             "J_svagheter) / summan av vikterna, där J är andelen delade av alla i båda.",
    "partners.systems": "System", "partners.suppliers": "Leverantörer", "partners.weak": "Svagheter",
    "partners.no_weight": "Minst en vikt måste vara större än 0.",
    "partners.groups": "Partnergrupper", "partners.group_count": "Grupper",
    "partners.largest": "Största gruppen (kommuner)",
    "partners.closest": "Närmaste samverkanspartner för en kommun", "partners.count": "Antal partner",
    "partners.none": "{name} liknar ingen annan kommun med nuvarande vikter.",
    "partners.network": "Likhetsnätverk", "partners.neighbours": "Länkar per kommun",
    "partners.network_help": "Varje kommun länkas till sina {n} mest lika; färgen är partnergruppen och "
                             "talet på länken poängen.",
    # trends
    "trends.title": "Trender",
    "trends.intro": "Förändring mellan omgångar: hur mognaden i varje förmåga har utvecklats i regionen "
                    "och i varje kommun. Bara kommuner och förmågor som bedömts i båda omgångarna räknas.",
    "trends.from": "Från omgång", "trends.to": "Till omgång",
    "trends.one_round": "Det finns bara en bedömningsomgång; trender kräver minst två.",
    "trends.none": "Inga förmågor bedömdes i båda omgångarna.",
    "trends.improving": "Förmågor som förbättrats", "trends.declining": "Förmågor som försämrats",
    "trends.stable": "Oförändrade förmågor", "trends.mean_change": "Medelförändring per förmåga",
    "trends.chart": "Medelförändring i mognad {first}–{last}",
    "trends.trend.improving": "förbättring", "trends.trend.stable": "oförändrad",
    "trends.trend.declining": "försämring",
    "trends.direction.improved": "förbättrad", "trends.direction.declined": "försämrad",
    "trends.direction.unchanged": "oförändrad",
    "trends.per_municipality": "Per kommun", "trends.directions": "Visa",
    "trends.nothing": "Ingen förändring att visa med filtren.",
    # capacity
    "capacity.title": "Kapacitet",
    "capacity.intro": "IT-funktionens kapacitet: personal och kostnad per invånare mot regionens median, "
                      "andelen till utveckling i stället för drift, och förmågor som ingen står bakom – "
                      "studiens signaler för underfinansiering och kapacitetsbrist.",
    "capacity.year": "År", "capacity.underfunded_share": "Underfinansierad under (andel av medianen)",
    "capacity.min_development_share": "Driftstung under (andel utveckling)",
    "capacity.no_figures": "Inga siffror om IT-kapacitet för året; bara förmågor utan täckning visas.",
    "capacity.underfunded": "Underfinansierade", "capacity.operations_heavy": "Driftstunga",
    "capacity.median_cost": "Regionens median, kr per invånare",
    "capacity.median_fte": "Regionens median, årsarbetare per 1 000 inv.",
    "capacity.cost_chart": "IT-kostnad per invånare (linjen: regionens median)",
    "capacity.share_chart": "Drift och utveckling (linjen: lägsta andel utveckling)",
    "capacity.operations": "drift", "capacity.development": "utveckling", "capacity.share": "Andel",
    "capacity.flags": "Signaler per kommun", "capacity.flagged_only": "Bara kommuner med signaler",
    # realism
    "realism.title": "Självskattning och granskning",
    "realism.intro": "Var en kommuns självskattning och en extern granskning av samma förmåga och omgång "
                     "skiljer sig. Studien fann att kommunerna överskattar sin mognad; skillnad = "
                     "självskattning − extern granskning.",
    "realism.round": "Omgång", "realism.latest": "senaste med extern granskning", "realism.level": "Visa per",
    "realism.municipality": "kommun", "realism.capability": "förmåga",
    "realism.min_difference": "Minsta skillnad som räknas",
    "realism.none": "Inga förmågor har både självskattning och extern granskning i samma omgång.",
    "realism.compared": "Jämförda bedömningar", "realism.overestimated": "Överskattningar",
    "realism.underestimated": "Underskattningar", "realism.mean_difference": "Medelskillnad",
    "realism.chart": "Medelskillnad (självskattning − extern granskning)",
    "realism.detail": "Per kommun och förmåga",
    "realism.status.overestimated": "överskattad", "realism.status.underestimated": "underskattad",
    "realism.status.agrees": "överens",
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
    "data.load_needs_editor": "Att läsa in data kräver rollen redaktör.",
    "survey.title": "Bedömningsomgång",
    "survey.intro": "Skicka en enkät till varje kommun, samla in svaren och lägg in dem som en ny omgång. "
                    "Bara de svarande kommunernas rader i omgången byts ut; allt annat i grafen är orört.",
    "survey.round": "Omgång (år)", "survey.prepare": "Förbered enkäterna",
    "survey.download": "Ladda ner enkäterna (zip)",
    "survey.choose": "Returnerade enkäter (Excel, flera åt gången, eller en zip)",
    "survey.invalid": "Svaren har {count} fel; inget har skrivits:",
    "survey.checked": "Kontrollerat: {answered} svar, {partly} delvis besvarade, {missing} saknas.",
    "survey.commit": "Lägg in svaren", "survey.committed": "Inlagt: raderna för {count} kommuner är utbytta.",
    "survey.status": "Omgångens status",
    "survey.answered": "besvarad", "survey.partly": "delvis besvarad", "survey.missing": "saknas",
    "survey.outcome.written": "inlagd", "survey.outcome.unchanged": "oförändrad",
    "survey.outcome.to_write": "läggs in",
    "survey.col.municipality": "Kommunkod", "survey.col.name": "Kommun",
    "survey.col.municipality_name": "Kommun", "survey.col.status": "Status", "survey.col.file": "Fil",
    "survey.col.outcome": "Resultat", "survey.col.blank": "Tomma förmågor",
    "survey.col.improved": "Förbättrade", "survey.col.declined": "Försämrade",
    "survey.col.unchanged": "Oförändrade", "survey.col.new": "Nya",
    "survey.col.systems_added": "System tillagda",
    "survey.col.systems_removed": "System borttagna", "survey.col.assessed": "Bedömda förmågor",
    "survey.col.collected_at": "Insamlad (UTC)", "survey.col.source_file": "Från fil",
    # who may do what
    "role.none": "ingen roll", "role.viewer": "läsare", "role.analyst": "analytiker",
    "role.editor": "redaktör",
    "auth.signed_in": "Inloggad som {user} ({role})", "auth.login": "Logga in", "auth.logout": "Logga ut",
    "auth.sign_in": "Logga in för att använda Förmågekartan.",
    "auth.no_header": "Ingen inloggad användare: appen väntar sig rubriken {header} från inloggningsproxyn.",
    "auth.no_access": "{user} har ingen roll i Förmågekartan. Be den som förvaltar den om åtkomst.",
    "auth.refused": "Din roll ({role}) räcker inte för den här sidan; den kräver {needed}.",
    "auth.roles_file": "Rollfilen kan inte läsas: {error}",
}

EN: dict[str, str] = {
    "nav.overview": "Overview", "nav.managers": "For managers", "nav.architects": "For architects",
    "nav.analysts": "For analysts", "nav.data": "Data",
    "page.overview": "Overview", "page.candidates": "Collaboration candidates",
    "page.municipality": "Municipality profile", "page.suppliers": "Suppliers",
    "page.legacy": "Digital legacy", "page.impact": "Impact", "page.heatmap": "Capability heatmap",
    "page.graph": "Graph explorer", "page.console": "Cypher console", "page.data": "Data",
    "nav.followup": "Follow-up", "page.partners": "Collaboration partners", "page.trends": "Trends",
    "page.capacity": "Capacity", "page.realism": "Self-assessment and review",
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
    "col.group": "Group", "col.size": "Size", "col.member_names": "Members", "col.cohesion": "Cohesion",
    "col.common_systems": "Common systems", "col.common_suppliers": "Common suppliers",
    "col.common_weak": "Common weaknesses", "col.municipality_b_name": "Partner",
    "col.systems_jaccard": "Systems alike", "col.suppliers_jaccard": "Suppliers alike",
    "col.weak_jaccard": "Weaknesses alike", "col.shared_systems": "Shared systems",
    "col.shared_suppliers": "Shared suppliers", "col.shared_weak": "Shared weaknesses",
    "col.mean_from": "Mean before", "col.mean_to": "Mean after", "col.mean_change": "Mean change",
    "col.improved": "Improved", "col.declined": "Declined", "col.unchanged": "Unchanged",
    "col.trend": "Trend", "col.from_maturity": "Maturity before", "col.to_maturity": "Maturity after",
    "col.change": "Change", "col.direction": "Direction",
    "col.population": "Inhabitants", "col.fte_total": "IT staff (FTE)",
    "col.fte_per_1000": "FTE per 1,000 inh.", "col.cost_per_inhabitant": "IT cost per inhabitant (SEK)",
    "col.cost_vs_median": "Against the regional median",
    "col.development_share": "Development share", "col.underfunded": "Underfunded",
    "col.operations_heavy": "Operations-heavy", "col.uncovered_capabilities": "Capabilities not covered",
    "col.uncovered_names": "Which capabilities", "col.signals": "Signals",
    "col.self_maturity": "Self-assessment", "col.external_maturity": "External review",
    "col.difference": "Difference", "col.compared": "Compared", "col.mean_difference": "Mean difference",
    "col.overestimated": "Overestimated", "col.underestimated": "Underestimated", "col.agreed": "Agree",
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
    "graph.paths_title": "Paths to another node",
    "col.number": "No.", "col.steps": "Steps", "col.route": "Route", "col.nodes": "Nodes",
    "graph.paths_show": "Find paths from the node above",
    "graph.paths_to_type": "To",
    "graph.paths_to": "Node",
    "graph.paths_depth": "Most steps",
    "graph.paths_none": "No path of at most {depth} steps. Allow more steps or choose another node.",
    "graph.paths_summary": "{paths} paths, shortest first.",
    "graph.paths_capped": "More paths exist; the {limit} shortest are shown.",
    "console.title": "Cypher console",
    "console.intro": "Run saved queries or your own. Read-only; time limit {seconds:g} s, at most "
                     "{rows} rows.",
    "console.saved": "Saved query", "console.own": "(your own query)", "console.editor": "Cypher",
    "console.run": "Run", "console.error": "The query could not run: {error}",
    "console.rows": "{rows} rows in {ms} ms.",
    "console.truncated": "The result was cut at {cap} rows.", "console.as_graph": "As a graph",
    "console.share": "Save, download or import the query",
    "console.share_intro": "The file is Cypher with a header of comments (title, description, parameters); "
                           "the parameters' current values become their defaults. `kb query FILE` runs it.",
    "console.own_title": "Own query", "console.download": "Download the query (.cypher)",
    "console.save": "Save as query", "console.save_title": "Title",
    "console.save_description": "Description",
    "console.save_overwrite": "Replace a saved query of the same name",
    "console.saved_as": "Saved as {name}.", "console.import": "Import a query (.cypher)",
    "console.import_run": "Import", "console.imported": "Imported as {name}.",
    "console.share_error": "The query could not be saved: {error}",
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
    "partners.title": "Collaboration partners",
    "partners.intro": "Which municipalities are alike in systems, suppliers and weaknesses, and so natural "
                      "partners? Likeness is a weighted Jaccard index (0–1) of the three sets; the partner "
                      "groups are Louvain communities of the similarity graph.",
    "partners.weights": "Weights",
    "partners.weights_help": "Score = (w_systems × J_systems + w_suppliers × J_suppliers + w_weak × J_weak)"
                             " / the sum of the weights, J being the share of shared among all held by "
                             "either.",
    "partners.systems": "Systems", "partners.suppliers": "Suppliers", "partners.weak": "Weaknesses",
    "partners.no_weight": "At least one weight must be above 0.",
    "partners.groups": "Partner groups", "partners.group_count": "Groups",
    "partners.largest": "Largest group (municipalities)",
    "partners.closest": "Closest partners of a municipality", "partners.count": "Number of partners",
    "partners.none": "{name} is alike no other municipality with the current weights.",
    "partners.network": "Similarity network", "partners.neighbours": "Links per municipality",
    "partners.network_help": "Each municipality is linked to its {n} most alike; the colour is the partner "
                             "group and the number on a link the score.",
    "trends.title": "Trends",
    "trends.intro": "Change between rounds: how maturity in each capability developed across the region "
                    "and in each municipality. Only municipalities and capabilities assessed in both rounds "
                    "count.",
    "trends.from": "From round", "trends.to": "To round",
    "trends.one_round": "There is only one assessment round; trends need at least two.",
    "trends.none": "No capability was assessed in both rounds.",
    "trends.improving": "Capabilities improving", "trends.declining": "Capabilities declining",
    "trends.stable": "Capabilities unchanged", "trends.mean_change": "Mean change per capability",
    "trends.chart": "Mean change in maturity {first}–{last}",
    "trends.trend.improving": "improving", "trends.trend.stable": "stable",
    "trends.trend.declining": "declining",
    "trends.direction.improved": "improved", "trends.direction.declined": "declined",
    "trends.direction.unchanged": "unchanged",
    "trends.per_municipality": "Per municipality", "trends.directions": "Show",
    "trends.nothing": "No change to show with the filters.",
    "capacity.title": "Capacity",
    "capacity.intro": "The IT function's capacity: staff and cost per inhabitant against the region's "
                      "median, the share spent on development rather than operations, and capabilities no "
                      "one is behind – the study's underfunding and capacity-shortage signals.",
    "capacity.year": "Year", "capacity.underfunded_share": "Underfunded below (share of the median)",
    "capacity.min_development_share": "Operations-heavy below (development share)",
    "capacity.no_figures": "No IT capacity figures for the year; only capabilities not covered are shown.",
    "capacity.underfunded": "Underfunded", "capacity.operations_heavy": "Operations-heavy",
    "capacity.median_cost": "Regional median, SEK per inhabitant",
    "capacity.median_fte": "Regional median, FTE per 1,000 inh.",
    "capacity.cost_chart": "IT cost per inhabitant (the line: the regional median)",
    "capacity.share_chart": "Operations and development (the line: the least development share)",
    "capacity.operations": "operations", "capacity.development": "development", "capacity.share": "Share",
    "capacity.flags": "Signals per municipality", "capacity.flagged_only": "Only municipalities with signals",
    "realism.title": "Self-assessment and review",
    "realism.intro": "Where a municipality's self-assessment and an external review of the same capability "
                     "and round differ. The study found that municipalities overestimate their maturity; "
                     "difference = self-assessment − external review.",
    "realism.round": "Round", "realism.latest": "latest with an external review", "realism.level": "Show per",
    "realism.municipality": "municipality", "realism.capability": "capability",
    "realism.min_difference": "Least difference that counts",
    "realism.none": "No capability has both a self-assessment and an external review in the same round.",
    "realism.compared": "Assessments compared", "realism.overestimated": "Overestimates",
    "realism.underestimated": "Underestimates", "realism.mean_difference": "Mean difference",
    "realism.chart": "Mean difference (self-assessment − external review)",
    "realism.detail": "Per municipality and capability",
    "realism.status.overestimated": "overestimated", "realism.status.underestimated": "underestimated",
    "realism.status.agrees": "agrees",
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
    "data.load_needs_editor": "Loading data needs the editor role.",
    "survey.title": "Assessment round",
    "survey.intro": "Send each municipality a questionnaire, collect the answers and merge them as a new "
                    "round. Only the answering municipalities' rows of the round are replaced; nothing else "
                    "in the graph changes.",
    "survey.round": "Round (year)", "survey.prepare": "Prepare the questionnaires",
    "survey.download": "Download the questionnaires (zip)",
    "survey.choose": "Returned questionnaires (Excel, several at once, or a zip)",
    "survey.invalid": "The answers have {count} problems; nothing was written:",
    "survey.checked": "Checked: {answered} answered, {partly} partly answered, {missing} missing.",
    "survey.commit": "Merge the answers", "survey.committed": "Merged: the rows of {count} municipalities "
                                                             "were replaced.",
    "survey.status": "Round status",
    "survey.answered": "answered", "survey.partly": "partly answered", "survey.missing": "missing",
    "survey.outcome.written": "merged", "survey.outcome.unchanged": "unchanged",
    "survey.outcome.to_write": "to merge",
    "survey.col.municipality": "Code", "survey.col.name": "Municipality",
    "survey.col.municipality_name": "Municipality", "survey.col.status": "Status", "survey.col.file": "File",
    "survey.col.outcome": "Outcome", "survey.col.blank": "Blank capabilities",
    "survey.col.improved": "Improved", "survey.col.declined": "Declined",
    "survey.col.unchanged": "Unchanged", "survey.col.new": "New", "survey.col.systems_added": "Systems added",
    "survey.col.systems_removed": "Systems removed", "survey.col.assessed": "Capabilities assessed",
    "survey.col.collected_at": "Collected (UTC)", "survey.col.source_file": "From file",
    "role.none": "no role", "role.viewer": "viewer", "role.analyst": "analyst", "role.editor": "editor",
    "auth.signed_in": "Signed in as {user} ({role})", "auth.login": "Sign in", "auth.logout": "Sign out",
    "auth.sign_in": "Sign in to use the capability map.",
    "auth.no_header": "Nobody is signed in: the app expects the header {header} from the sign-in proxy.",
    "auth.no_access": "{user} has no role in the capability map. Ask whoever runs it for access.",
    "auth.refused": "Your role ({role}) is not enough for this page; it needs {needed}.",
    "auth.roles_file": "The roles file cannot be read: {error}",
}

SV |= {  # scenarios
    "page.scenarios": "Scenarier",
    "scenarios.title": "Scenarier",
    "scenarios.intro": "Vem levererar vilka förmågor åt vem, och genom vilket vägval? Ett scenario lagt "
                       "över förmågekartan visar vad som ändras: svaga celler, avtal, digitalt arv, "
                       "kapacitet och risker, jämfört med i dag.",
    "scenarios.none": "Det finns inga scenarier än.", "scenarios.choose": "Scenario",
    "scenarios.tab_effects": "Effekter", "scenarios.tab_compare": "Jämför", "scenarios.tab_edit": "Redigera",
    "scenarios.params": "Parametrar: {params}", "scenarios.today": "i dag {value}",
    "scenarios.map": "Förmågekartan före och efter", "scenarios.when": "Visa",
    "scenarios.before": "Före (i dag)", "scenarios.after": "Efter scenariot",
    "scenarios.changed_note": "● = cellen förbättras i scenariot.",
    "scenarios.arrangements": "Arrangemang", "scenarios.risks": "Risker och konflikter",
    "scenarios.contracts": "Leverantörer och avtalsfönster",
    "scenarios.legacy": "Digitalt arv som kan avvecklas",
    "scenarios.capacity": "Kapacitet som frigörs",
    "scenarios.capacity_assumption": "Antagande: en kommun lägger sin drift jämnt på kartans förmågor, och "
                                     "en förmåga som delas av två eller fler frigör {share} av den.",
    "scenarios.compare_pick": "Scenarier att jämföra (1–4)", "scenarios.differences": "Skillnaderna i ord",
    "scenarios.download_report": "En sida inför möte (HTML)",
    "scenarios.build": "Nytt scenario från samverkanskandidaterna", "scenarios.name": "Namn (id)",
    "scenarios.top": "Antal kandidater", "scenarios.build_button": "Skapa scenariot",
    "scenarios.built": "Scenariot {name} skapades med {count} arrangemang.",
    "scenarios.edit_arrangement": "Arrangemang att ändra", "scenarios.new_arrangement": "(nytt arrangemang)",
    "scenarios.path": "Vägval", "scenarios.capabilities": "Förmågor", "scenarios.members": "Deltagare",
    "scenarios.lead": "Ledande kommun",
    "scenarios.provider": "Leverantör (mottagande nivå, gemensam funktion)",
    "scenarios.provider_maturity": "Mottagande nivås mognad", "scenarios.form": "Juridisk form",
    "scenarios.start_year": "Startår", "scenarios.comment": "Kommentar", "scenarios.none_value": "(ingen)",
    "scenarios.save": "Spara arrangemanget", "scenarios.saved": "Sparat: {name}.",
    "scenarios.delete": "Ta bort arrangemanget", "scenarios.invalid": "Scenariot sparades inte: {count} fel.",
    "scenarios.needs_editor": "Att skapa och ändra scenarier kräver rollen redaktör.",
    "scenarios.report_figures": "Nyckeltal (i dag → efter)", "scenarios.report_assumptions": "Antaganden",
}

EN |= {  # scenarios
    "page.scenarios": "Scenarios",
    "scenarios.title": "Scenarios",
    "scenarios.intro": "Who delivers which capabilities for whom, by which path? A scenario laid over the "
                       "capability map shows what changes: weak cells, contracts, digital legacy, "
                       "capacity and risks, against today.",
    "scenarios.none": "There are no scenarios yet.", "scenarios.choose": "Scenario",
    "scenarios.tab_effects": "Effects", "scenarios.tab_compare": "Compare", "scenarios.tab_edit": "Edit",
    "scenarios.params": "Parameters: {params}", "scenarios.today": "today {value}",
    "scenarios.map": "The capability map before and after", "scenarios.when": "Show",
    "scenarios.before": "Before (today)", "scenarios.after": "After the scenario",
    "scenarios.changed_note": "● = the cell improves in the scenario.",
    "scenarios.arrangements": "Arrangements", "scenarios.risks": "Risks and conflicts",
    "scenarios.contracts": "Suppliers and contract windows",
    "scenarios.legacy": "Digital legacy that can be retired",
    "scenarios.capacity": "Capacity freed",
    "scenarios.capacity_assumption": "Assumption: a municipality spreads its operations evenly over "
                                     "the map's capabilities, and a capability shared by two or more "
                                     "frees {share} of it.",
    "scenarios.compare_pick": "Scenarios to compare (1–4)",
    "scenarios.differences": "The differences in words",
    "scenarios.download_report": "One page for a meeting (HTML)",
    "scenarios.build": "New scenario from the collaboration candidates", "scenarios.name": "Name (id)",
    "scenarios.top": "Number of candidates", "scenarios.build_button": "Create the scenario",
    "scenarios.built": "Scenario {name} was created with {count} arrangements.",
    "scenarios.edit_arrangement": "Arrangement to change", "scenarios.new_arrangement": "(new arrangement)",
    "scenarios.path": "Path", "scenarios.capabilities": "Capabilities", "scenarios.members": "Participants",
    "scenarios.lead": "Lead municipality", "scenarios.provider": "Provider (receiving level, joint function)",
    "scenarios.provider_maturity": "Receiving level's maturity", "scenarios.form": "Legal form",
    "scenarios.start_year": "Start year", "scenarios.comment": "Comment", "scenarios.none_value": "(none)",
    "scenarios.save": "Save the arrangement", "scenarios.saved": "Saved: {name}.",
    "scenarios.delete": "Delete the arrangement",
    "scenarios.invalid": "The scenario was not saved: {count} problems.",
    "scenarios.needs_editor": "Creating and changing scenarios needs the editor role.",
    "scenarios.report_figures": "Figures (today → after)", "scenarios.report_assumptions": "Assumptions",
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
