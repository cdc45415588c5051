// title: Legacy systems
// description: Systems whose support ends before a date (past or near end of support) or
//   whose lifecycle is one of the given TIME decisions (migrate, eliminate), with their
//   supplier and one row per capability they support (none: capability is null).
// param horizon_end: str = null | Systems whose end of support is before this date (YYYY-MM-DD).
// param lifecycles: list = migrate,eliminate | Lifecycle decisions that make a system legacy.
// audience: architects, managers
MATCH (s:System)
WHERE (s.end_of_support IS NOT NULL AND s.end_of_support < $horizon_end)
   OR s.lifecycle IN $lifecycles
OPTIONAL MATCH (sup:Supplier)-[:PROVIDES]->(s)
OPTIONAL MATCH (s)-[:SUPPORTS]->(c:Capability)
RETURN s.id AS system, s.name AS system_name, sup.name AS supplier_name,
       s.lifecycle AS lifecycle, s.end_of_support AS end_of_support,
       c.id AS capability, c.name_en AS capability_en,
       coalesce(c.key_capability, false) AS key_capability
ORDER BY system, capability
