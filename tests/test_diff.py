"""What a new version of a dataset changes, worked out by hand on two small versions."""

from __future__ import annotations

from kb.dataset import Dataset
from kb.diff import diff_datasets, diff_table
from kb.model import TABLES_BY_NAME

OLD = [{"code": "1485", "name": "Uddevalla"}, {"code": "1438", "name": "Dals-Ed"},
       {"code": "1421", "name": "Orust"}]
NEW = [{"code": "1485", "name": "Uddevalla"}, {"code": "1438", "name": "Dals Ed"},
       {"code": "1492", "name": "Åmål"}]


def test_each_key_is_added_removed_changed_or_unchanged() -> None:
    changes = diff_table(TABLES_BY_NAME["municipalities"], OLD, NEW)
    assert (changes.added, changes.removed, changes.changed, changes.unchanged) == (1, 1, 1, 1)
    assert changes.examples == {"added": ["1492"], "removed": ["1421"], "changed": ["1438"]}
    assert changes.describe() == "1 added, 1 removed (1421), 1 changed (1438), 1 unchanged"
    assert changes.any


def test_composite_keys_and_tables_empty_in_both() -> None:
    old, new = Dataset.empty(), Dataset.empty()
    old.tables["assessments"] = [{"municipality": "1485", "capability": "c1", "round": 2024,
                                  "method": "self_assessment", "maturity": 2}]
    new.tables["assessments"] = [{"municipality": "1485", "capability": "c1", "round": 2024,
                                  "method": "self_assessment", "maturity": 3}]
    changes = diff_datasets(old, new)
    assert list(changes) == ["assessments"]
    assert changes["assessments"].examples == {"changed": ["1485|c1|2024|self_assessment"]}
    assert not diff_datasets(new, new)["assessments"].any


def test_keys_that_join_to_the_same_text_are_different_rows() -> None:
    """("a|b", "c") and ("a", "b|c") were both the key 'a|b|c', so a removal and an addition
    counted as one changed row; examples name keys with a '|' inside a part escaped."""
    table = TABLES_BY_NAME["capability_dependencies"]
    changes = diff_table(table, [{"capability": "a|b", "depends_on": "c"}],
                         [{"capability": "a", "depends_on": "b|c", "reason": "new"}])
    assert (changes.added, changes.removed, changes.changed, changes.unchanged) == (1, 1, 0, 0)
    assert changes.examples == {"added": ["a|b\\|c"], "removed": ["a\\|b|c"]}
