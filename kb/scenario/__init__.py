"""Scenarios: who delivers which capabilities for whom, by which path, laid over the map.

A scenario (``Scenario``) is a named set of arrangements (``Arrangement``), stored in the
graph like any other data (``scenarios``, ``save_scenario``, ``delete_scenario``). Its
effects (``effects``): the capability map after, contracts and suppliers, legacy that can be
retired, capacity freed, risks and conflicts; ``compare`` sets scenarios beside "today" and
``differences`` says how they differ; ``from_candidates`` makes one from the ranked
joint-delivery candidates. Every number is a parameter (``Params``, defaults in
``kb.analysis.defaults``).
"""

from kb.scenario.compare import FIGURES, TODAY, Effects, compare, differences, effects
from kb.scenario.effects import Params
from kb.scenario.generate import from_candidates
from kb.scenario.model import Arrangement, Scenario
from kb.scenario.store import delete_scenario, get_scenario, save_scenario, scenario_list, scenarios

__all__ = ["FIGURES", "TODAY", "Arrangement", "Effects", "Params", "Scenario", "compare",
           "delete_scenario", "differences", "effects", "from_candidates", "get_scenario",
           "save_scenario", "scenario_list", "scenarios"]
