"""Who may do what (kb/access.py): roles, actions, the roles file, and the KB_AUTH setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.access import ACTIONS, Role, RolesConfig, RolesFileError, allowed, read_roles, role_for
from kb.settings import Settings

ROLES = """
default = "viewer"

[editor]
users = ["Anna.Berg@amal.se"]
groups = ["kb-editors"]

[analyst]
users = ["bo@dalsed.se"]
groups = ["kb-analysts", "kb-editors-light"]
"""


@pytest.fixture
def config(tmp_path: Path) -> RolesConfig:
    path = tmp_path / "roles.toml"
    path.write_text(ROLES, encoding="utf-8")
    return read_roles(path)


def test_each_role_has_the_rights_of_the_ones_below_and_no_more():
    table = {role: {action for action in ACTIONS if allowed(role, action)} for role in Role}
    assert table[Role.NONE] == set()
    assert table[Role.VIEWER] == {"view"}
    assert table[Role.ANALYST] == {"view", "console", "save_query", "export"}
    assert table[Role.EDITOR] == set(ACTIONS)


def test_an_unknown_action_is_an_error_not_a_refusal_or_a_grant():
    with pytest.raises(ValueError, match="Unknown action 'drop'"):
        allowed(Role.EDITOR, "drop")


def test_users_and_groups_get_the_highest_role_that_lists_them(config):
    assert role_for("anna.berg@AMAL.se", [], config) is Role.EDITOR        # case does not matter
    assert role_for("bo@dalsed.se", [], config) is Role.ANALYST
    assert role_for("carl@uddevalla.se", ["kb-analysts"], config) is Role.ANALYST
    assert role_for("bo@dalsed.se", ["KB-Editors"], config) is Role.EDITOR  # group beats user listing
    assert role_for("dana@amal.se", ["other"], config) is Role.VIEWER       # the default


def test_nobody_signed_in_has_no_role_and_default_none_refuses_the_unlisted(config):
    assert role_for(None, ["kb-editors"], config) is Role.NONE
    assert role_for("", [], config) is Role.NONE
    strict = RolesConfig(config.users, config.groups, Role.NONE)
    assert role_for("dana@amal.se", [], strict) is Role.NONE
    assert role_for("bo@dalsed.se", [], strict) is Role.ANALYST


def test_without_a_roles_file_every_signed_in_user_is_a_viewer():
    assert role_for("anyone@example.org", ["admins"], read_roles(None)) is Role.VIEWER


@pytest.mark.parametrize(("text", "message"), [
    ('default = "admin"', "'admin' is not a role"),
    ("[owner]\nusers = ['x']", r"\[owner\]: 'owner' is not a role"),
    ("[editor]\nusers = 'x'", r"\[editor\] users: expected a list of names"),
    ("[editor]\npeople = ['x']", r"\[editor\] has people; expected only users and groups"),
    ("[none]\nusers = ['x']", r"\[none\] must be a table of users and groups"),
    ("[editor\nusers = ['x']", "not valid TOML"),
])
def test_a_bad_roles_file_says_what_is_wrong(tmp_path, text, message):
    path = tmp_path / "roles.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RolesFileError, match=message):
        read_roles(path)


def test_a_missing_roles_file_is_a_clear_error(tmp_path):
    with pytest.raises(RolesFileError, match="cannot be read"):
        read_roles(tmp_path / "absent.toml")


def test_auth_setting_and_its_defaults():
    assert Settings.from_env({}).auth == "none"
    settings = Settings.from_env({"KB_AUTH": "Header", "KB_ROLES_FILE": "/etc/kb/roles.toml"})
    assert (settings.auth, settings.roles_file) == ("header", Path("/etc/kb/roles.toml"))
    assert settings.auth_user_header == "X-Forwarded-User"
    assert settings.auth_groups_header == "X-Forwarded-Groups"
    with pytest.raises(ValueError, match="KB_AUTH='odic'; expected one of none, oidc, header"):
        Settings.from_env({"KB_AUTH": "odic"})
