"""Scenarios: arrangements laid over the capability map, their effects, risks and comparison."""
