"""The app holds each role to its rights (AppTest), and the console shares queries as files.

Header sign-in: AppTest cannot send request headers (st.context.headers is empty in it), so
these tests replace the one function that reads them, ``ui.auth._headers``; everything after
it (roles file, navigation, page guards) is the real code. OIDC sign-in is tested through
``AppTest.user``, which is what ``st.user`` reads.
"""

from __future__ import annotations

import pytest
from app_harness import APP, point_at, zipped_export
from conftest import ROOT
from streamlit.testing.v1 import AppTest
from ui_dataset import RECORDS

from kb.queries import Param, get_query, parse_query, render_query
from kb.store import GraphStore
from ui.console import shared_query
from ui.texts import SV

ROLES = """
[analyst]
users = ["ana@kommun.se"]

[editor]
groups = ["kb-editors"]
"""


@pytest.fixture
def small(store, load_records, monkeypatch, tmp_path) -> GraphStore:
    """The app's small dataset in a graph of its own; the users' queries in a temporary folder."""
    load_records(**RECORDS)
    monkeypatch.setenv("KB_USER_QUERIES_DIR", str(tmp_path / "queries"))
    return point_at(monkeypatch, store)


@pytest.fixture
def signed_in(small, monkeypatch, tmp_path):
    """KB_AUTH=header with a roles file; call it with a user and groups to sign them in."""
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLES, encoding="utf-8")
    monkeypatch.setenv("KB_AUTH", "header")
    monkeypatch.setenv("KB_ROLES_FILE", str(roles))

    def sign_in(user: str | None, groups: str = "") -> None:
        headers = {"X-Forwarded-User": user, "X-Forwarded-Groups": groups} if user else {}
        monkeypatch.setattr("ui.auth._headers", lambda: headers)

    return sign_in


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def app() -> AppTest:
    return run(AppTest.from_file(APP, default_timeout=60))


def page(name: str) -> AppTest:
    """The page script on its own, as a deep link that bypasses the navigation would run it."""
    return run(AppTest.from_file(str(ROOT / "app_pages" / f"{name}.py"), default_timeout=60))


def can_open(at: AppTest, name: str) -> bool:
    """True when the navigation offers the page (AppTest refuses to switch to an unlisted one)."""
    try:
        at.switch_page(f"app_pages/{name}.py")
    except ValueError:
        return False
    return True


def refused(at: AppTest) -> bool:
    return any(e.value.startswith("Din roll") for e in at.error)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_a_viewer_sees_dashboards_but_neither_the_console_nor_the_data_page(signed_in):
    signed_in("vera@kommun.se")
    at = app()
    assert any(c.value == "Inloggad som vera@kommun.se (läsare)" for c in at.sidebar.caption)
    assert can_open(at, "heatmap")
    assert not can_open(at, "console") and not can_open(at, "data")
    console = page("console")
    assert refused(console) and not console.text_area and not console.button
    data = page("data")
    assert refused(data) and not data.file_uploader


def test_an_analyst_runs_the_console_but_cannot_load(signed_in):
    signed_in("ANA@kommun.se")
    at = app()
    assert can_open(at, "console")
    run(at)
    at.selectbox(key="console_saved").set_value("graph/label_counts").run()
    button(at, SV["console.run"]).click().run()
    assert dict(zip(at.dataframe[0].value["label"], at.dataframe[0].value["count"]))["Municipality"] == 3
    assert can_open(at, "data")
    run(at)
    assert any(i.value == SV["data.load_needs_editor"] for i in at.info)
    assert not at.file_uploader
    assert any(b.key == "data_export_prepare" for b in at.button)


def test_an_editor_loads_data(signed_in, small, tmp_path):
    signed_in("edith@kommun.se", "staff, kb-editors")
    upload = zipped_export(small, tmp_path / "csv")
    at = app()
    at.switch_page("app_pages/data.py")
    run(at)
    at.file_uploader(key="data_upload").set_value(("data.zip", upload, "application/zip"))
    run(at)
    at.button(key="data_load").click()
    run(at)
    assert any(s.value.startswith("Inläst:") for s in at.success)


def test_without_a_signed_in_user_nothing_is_shown(signed_in):
    signed_in(None)
    at = app()
    assert at.error[0].value.startswith("Ingen inloggad användare")
    assert not at.title and not at.dataframe


def test_an_unlisted_user_is_refused_when_the_default_is_none(signed_in, tmp_path, monkeypatch):
    strict = tmp_path / "strict.toml"
    strict.write_text('default = "none"\n' + ROLES, encoding="utf-8")
    monkeypatch.setenv("KB_ROLES_FILE", str(strict))
    signed_in("stranger@example.org")
    at = app()
    assert at.error[0].value.startswith("stranger@example.org har ingen roll")
    assert not at.title


def test_a_broken_roles_file_stops_the_app_with_the_reason(signed_in, tmp_path, monkeypatch):
    broken = tmp_path / "broken.toml"
    broken.write_text('[editor]\nusers = "edith"\n', encoding="utf-8")
    monkeypatch.setenv("KB_ROLES_FILE", str(broken))
    signed_in("edith")
    at = app()
    assert at.error[0].value.startswith("Rollfilen kan inte läsas")
    assert "expected a list of names" in at.error[0].value


def test_oidc_sign_in_button_then_the_role_from_the_token(small, monkeypatch, tmp_path):
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLES, encoding="utf-8")
    monkeypatch.setenv("KB_AUTH", "oidc")
    monkeypatch.setenv("KB_ROLES_FILE", str(roles))
    at = AppTest.from_file(APP, default_timeout=60)
    at.user = {"is_logged_in": False}
    run(at)
    assert at.button(key="auth_login").label == SV["auth.login"]
    assert not at.title
    at.user = {"is_logged_in": True, "email": "vera@kommun.se", "groups": ["kb-editors"]}
    run(at)
    assert any(c.value == "Inloggad som vera@kommun.se (redaktör)" for c in at.sidebar.caption)
    assert can_open(at, "data")


def test_the_shared_file_carries_the_forms_values_as_defaults():
    query = get_query("graph/nodes_of_label")
    shared = shared_query(query, "  " + query.cypher + "\r\n", {"label": "Supplier"}, " Leverantörer \n",
                          "Alla\nleverantörer")
    assert (shared.title, shared.description, shared.cypher) == ("Leverantörer", "Alla leverantörer",
                                                                 query.cypher)
    assert shared.params[0] == Param("label", "str", "Supplier", query.params[0].description)
    assert parse_query(render_query(shared), shared.name) == shared


def test_console_saves_downloads_and_imports_queries(small, tmp_path):
    at = AppTest.from_file(APP, default_timeout=60)
    run(at).switch_page("app_pages/console.py")
    run(at)
    at.selectbox(key="console_saved").set_value("graph/nodes_of_label").run()
    at.text_input(key="console_graph/nodes_of_label_label").set_value("Supplier")
    button(at, SV["console.run"]).click().run()
    assert at.download_button(key="console_download").label == SV["console.download"]
    at.text_input(key="console_save_title").set_value("Leverantörer")
    at.text_area(key="console_save_description").set_value("Alla leverantörer.")
    button(at, SV["console.save"]).click()
    run(at)
    assert [s.value for s in at.success] == ["Sparad som user/leverantorer."]
    saved = parse_query((tmp_path / "queries" / "leverantorer.cypher").read_text(encoding="utf-8"))
    assert (saved.title, saved.params[0].default) == ("Leverantörer", "Supplier")

    run(at)
    at.selectbox(key="console_saved").set_value("user/leverantorer").run()
    button(at, SV["console.run"]).click().run()
    assert list(at.dataframe[0].value["name_sv"]) == ["Tietoevry", "Visma"]

    at.file_uploader(key="console_import").set_value(("broken.cypher", b"MATCH (n) RETURN n", "text/plain"))
    run(at).button(key="console_import_run").click()
    run(at)
    assert any("broken.cypher: the header has no '// title:' line" in e.value for e in at.error)
    mine = b"// title: Kommuner\nMATCH (m:Municipality) RETURN m.name AS name ORDER BY name\n"
    at.file_uploader(key="console_import").set_value(("kommuner.cypher", mine, "text/plain"))
    run(at).button(key="console_import_run").click()
    run(at)
    assert [s.value for s in at.success] == ["Importerad som user/kommuner."]
    run(at).selectbox(key="console_saved").set_value("user/kommuner").run()
    button(at, SV["console.run"]).click().run()
    assert list(at.dataframe[0].value["name"]) == ["Dals-Ed", "Uddevalla", "Åmål"]
