"""Who is signed in and what they may do in the app; the role logic itself is kb/access.py.

``KB_AUTH`` chooses how people sign in:

- ``none`` (default): the app is open, as on localhost; everyone has every role.
- ``oidc``: Streamlit's own login (``st.login``, configured in ``.streamlit/secrets.toml``
  under ``[auth]``); the user is the ID token's ``email`` claim (else ``sub``), the groups
  its ``groups`` claim.
- ``header``: a reverse proxy signs people in and sets ``KB_AUTH_USER_HEADER``
  (X-Forwarded-User) and ``KB_AUTH_GROUPS_HEADER`` (X-Forwarded-Groups, comma-separated).

The navigation shows only the pages the role may open (``permitted``), and each guarded
page checks again (``require``), so a deep link shows a refusal instead of the page.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from kb.access import ACTIONS, Role, RolesFileError, allowed, read_roles, role_for
from kb.settings import Settings
from ui.texts import t

PAGE_ACTIONS = {"console": "console", "data": "export"}
"""The action each guarded page needs (by URL path); every other page needs 'view'."""

Identity = tuple[str, list[str]]


def _headers() -> Mapping[str, str]:
    """The headers of the browser's request. AppTest cannot send headers, so the tests
    replace this one function (monkeypatch); nothing else reads them."""
    return st.context.headers


def identity(settings: Settings) -> Identity | None:
    """The signed-in user and their groups, or None when nobody is signed in."""
    if settings.auth == "oidc":
        if not st.user.is_logged_in:
            return None
        user = str(st.user.get("email") or st.user.get("sub") or "")
        groups = st.user.get("groups") or []
        groups = [str(g) for g in groups] if isinstance(groups, list) else [str(groups)]
    else:
        headers = _headers()
        user = (headers.get(settings.auth_user_header) or "").strip()
        groups = [g.strip() for g in (headers.get(settings.auth_groups_header) or "").split(",")]
    return (user, [g for g in groups if g]) if user else None


def role_name(role: Role) -> str:
    """The role's name in the chosen language."""
    return t(f"role.{role.name.lower()}")


def current_role() -> Role:
    """The role of whoever runs this session: every role when KB_AUTH=none; stops the page
    with the reason when the roles file cannot be read."""
    settings = Settings.from_env()
    if settings.auth == "none":
        return Role.EDITOR
    who = identity(settings)
    try:
        return role_for(*who, read_roles(settings.roles_file)) if who else Role.NONE
    except RolesFileError as err:
        st.error(t("auth.roles_file", error=err))
        st.stop()


def can(action: str) -> bool:
    """True when the current user may take ``action`` (kb.access.ACTIONS)."""
    return allowed(current_role(), action)


def require(action: str) -> None:
    """Stop the page with a refusal unless the current user may take ``action``."""
    role = current_role()
    if not allowed(role, action):
        st.error(t("auth.refused", role=role_name(role), needed=role_name(ACTIONS[action])))
        st.stop()


def gate() -> None:
    """Sign-in for a shared deployment: who is signed in and their role in the sidebar;
    a sign-in button, or a refusal, and nothing else when there is no access."""
    settings = Settings.from_env()
    if settings.auth == "none":
        return
    who = identity(settings)
    if who is None:
        if settings.auth == "oidc":
            st.info(t("auth.sign_in"))
            st.button(t("auth.login"), on_click=st.login, type="primary", key="auth_login")
        else:
            st.error(t("auth.no_header", header=settings.auth_user_header))
        st.stop()
    role = current_role()
    with st.sidebar:
        st.caption(t("auth.signed_in", user=who[0], role=role_name(role)))
        if settings.auth == "oidc":
            st.button(t("auth.logout"), on_click=st.logout, key="auth_logout")
    if role is Role.NONE:
        st.error(t("auth.no_access", user=who[0]))
        st.stop()


def permitted(sections: dict[str, list[StreamlitPage]]) -> dict[str, list[StreamlitPage]]:
    """The navigation's sections with only the pages the current user may open."""
    role = current_role()
    kept = {section: [page for page in pages if allowed(role, PAGE_ACTIONS.get(page.url_path, "view"))]
            for section, pages in sections.items()}
    return {section: pages for section, pages in kept.items() if pages}
