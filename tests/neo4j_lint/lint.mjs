// Lint Cypher with Neo4j's own parser and semantic analysis (@neo4j-cypher/language-support).
//
// stdin:  {"queries": {"name": "cypher text", ...}}
// stdout: {"name": [{"severity": 1, "message": "...", "line": 1, "column": 1}, ...], ...}
//
// Severity 1 is an error, 2 a warning. The schema holds Neo4j's built-in functions and
// procedures (the package's testData.mockSchema), so a function or procedure that Neo4j
// lacks is an error. Parameters ($rows, ...) are supplied at run time, so "Parameter $x is
// not defined" is dropped. Lines and columns are 1-based.
import { isNotParamError, lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const schema = {
  functions: testData.mockSchema.functions,
  procedures: testData.mockSchema.procedures,
  defaultLanguage: 'CYPHER 5',
};

function lint(text) {
  return lintCypherQuery(text, schema).diagnostics.filter(isNotParamError).map((d) => ({
    severity: d.severity,
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
  }));
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { queries } = JSON.parse(input);
const report = Object.fromEntries(Object.entries(queries).map(([name, text]) => [name, lint(text)]));
process.stdout.write(JSON.stringify(report));
