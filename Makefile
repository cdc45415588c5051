# Two commands a user needs:  `make app`  and  `make test`.
# Everything they need is installed by the targets below (Python >= 3.12 through
# .python-version and pyenv, a virtual environment; for the tests also Debian's chromium,
# Java 17 and Maven, the npm Cypher parser and the Maven-resolved Neo4j 5.26 server).
# `make app` needs no Java: its default engine is the embedded FalkorDB.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: app setup demo test test-setup java neo4j lint bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 12) else f"Python >= 3.12 is needed, {sys.executable} is {v.major}.{v.minor}: install 3.12 (pyenv install 3.12) or run make PYTHON=python3.12")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[app,test]'
	touch $(STAMP)

setup: $(STAMP)

## make app: set up, load the demo dataset if the graph is empty, start the app on localhost
app: setup
	$(BIN)/kb load data/demo --if-empty
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.address localhost

demo: setup
	$(BIN)/kb load data/demo

## java: Java 17 and Maven, for the project's Neo4j server (tests, benchmark, make neo4j)
java:
	@command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven; }
	$(BIN)/python -c 'import neo4j_server; neo4j_server.classpath()'

## make test: set up (venv, chromium, npm Cypher parser, Neo4j) and run the whole suite on both engines
test-setup: setup java
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	@test -d tests/neo4j_lint/node_modules || npm ci --prefix tests/neo4j_lint --no-audit --no-fund --loglevel=error

test: test-setup
	$(BIN)/ruff check .
	env -u KB_TEST_ENGINES KB_REQUIRE_NEO4J=1 $(BIN)/python -m pytest

## make neo4j: the project's Neo4j server in the foreground (NEO4J_PORT, default 7687); Ctrl-C stops it
neo4j: setup java
	$(BIN)/python -m neo4j_server

lint: setup
	$(BIN)/ruff check .

## make bench: the benchmark on the embedded FalkorDB and on Neo4j (about 30 minutes); results in bench/results/
bench: setup java
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .kb tests/artifacts tests/neo4j_lint/node_modules neo4j_server/target
