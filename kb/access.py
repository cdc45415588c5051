"""Who may do what: roles, the actions each role may take, and the roles file.

Three roles, each with the rights of the one before: a **viewer** sees the dashboards, an
**analyst** also runs the Cypher console, saves and imports queries and exports the graph,
an **editor** also loads data. ``Role.NONE`` may do nothing (a user who is not signed in,
or one not listed when the roles file says ``default = "none"``).

The roles file (``KB_ROLES_FILE``) is TOML; users and groups are matched without regard
to case, and a user gets the highest role that lists them or one of their groups::

    default = "viewer"          # role of a signed-in user listed nowhere ("none" refuses them)

    [editor]
    users = ["anna.berg@amal.se"]
    groups = ["kb-editors"]

    [analyst]
    groups = ["kb-analysts"]
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any


class Role(IntEnum):
    """A role; a higher role has every right of a lower one."""

    NONE = 0
    VIEWER = 1
    ANALYST = 2
    EDITOR = 3


ACTIONS: dict[str, Role] = {
    "view": Role.VIEWER,         # the dashboards
    "console": Role.ANALYST,     # the Cypher console (read-only queries)
    "save_query": Role.ANALYST,  # save and import queries into the user folder
    "export": Role.ANALYST,      # the Data page: template and export of the whole graph
    "load": Role.EDITOR,         # the Data page: load a dataset (replaces the graph)
}
"""Each action and the least role that may take it."""

ROLE_NAMES = {role.name.lower(): role for role in Role}


class RolesFileError(ValueError):
    """A roles file that cannot be read."""


@dataclass(frozen=True)
class RolesConfig:
    """Who holds which role: users and groups (casefolded) per role, and the default."""

    users: Mapping[Role, frozenset[str]] = field(default_factory=dict)
    groups: Mapping[Role, frozenset[str]] = field(default_factory=dict)
    default: Role = Role.VIEWER


def allowed(role: Role, action: str) -> bool:
    """True when ``role`` may take ``action`` (one of ``ACTIONS``): role >= ACTIONS[action]."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}; known: {', '.join(ACTIONS)}")
    return role >= ACTIONS[action]


def role_for(user: str | None, groups: Iterable[str], config: RolesConfig) -> Role:
    """The role of ``user``: the highest role listing the user or one of ``groups``,
    else ``config.default``; ``Role.NONE`` when nobody is signed in (``user`` empty)."""
    if not user:
        return Role.NONE
    name = user.casefold()
    member_of = {g.casefold() for g in groups}
    granted = [role for role in Role
               if name in config.users.get(role, ()) or member_of & config.groups.get(role, frozenset())]
    return max(granted, default=config.default)


def roles_from_mapping(data: Mapping[str, Any], origin: str = "roles") -> RolesConfig:
    """A ``RolesConfig`` from the roles file's parsed content; ``RolesFileError`` names what is wrong."""
    default = _role(data.get("default", "viewer"), f"{origin}: default")
    users: dict[Role, frozenset[str]] = {}
    groups: dict[Role, frozenset[str]] = {}
    for key, section in data.items():
        if key == "default":
            continue
        role = _role(key, f"{origin}: [{key}]")
        if role is Role.NONE or not isinstance(section, Mapping):
            raise RolesFileError(f"{origin}: [{key}] must be a table of users and groups for "
                                 "viewer, analyst or editor")
        unknown = set(section) - {"users", "groups"}
        if unknown:
            raise RolesFileError(f"{origin}: [{key}] has {', '.join(sorted(unknown))}; "
                                 "expected only users and groups")
        users[role] = _names(section.get("users", []), f"{origin}: [{key}] users")
        groups[role] = _names(section.get("groups", []), f"{origin}: [{key}] groups")
    return RolesConfig(users, groups, default)


def read_roles(path: Path | None) -> RolesConfig:
    """The roles file at ``path`` (TOML); no file: every signed-in user is a viewer."""
    if path is None:
        return RolesConfig()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise RolesFileError(f"{path}: cannot be read: {err.strerror or err}") from None
    except tomllib.TOMLDecodeError as err:
        raise RolesFileError(f"{path}: not valid TOML: {err}") from None
    return roles_from_mapping(data, str(path))


def _role(value: Any, where: str) -> Role:
    if not isinstance(value, str) or value.lower() not in ROLE_NAMES:
        raise RolesFileError(f"{where}: {value!r} is not a role; expected one of {', '.join(ROLE_NAMES)}")
    return ROLE_NAMES[value.lower()]


def _names(value: Any, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RolesFileError(f"{where}: expected a list of names, not {value!r}")
    return frozenset(v.strip().casefold() for v in value if v.strip())
