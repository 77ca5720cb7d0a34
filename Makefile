# loyalty: two commands on a fresh Debian machine.
#   make demo   installs what is missing, builds, runs the main job on the bundled sample data
#   make test   installs what is missing, runs the test suite
SWIFT ?= swift
LOYALTY = .build/release/loyalty
DEMO_OUT ?= demo-output
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: deps build install docs demo models demo-online-retail test test-tools sample-data bench-ingest bench-pipeline clean

# OpenBLAS (cblas.h, libopenblas), zlib and libxlsxwriter (the .xlsx call list), found through pkg-config; apt-get installs them when missing.
deps:
	@command -v pkg-config >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq pkg-config; }
	@pkg-config --exists openblas || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libopenblas-dev; }
	@pkg-config --exists zlib || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq zlib1g-dev; }
	@pkg-config --exists xlsxwriter || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libxlsxwriter-dev; }

build: deps
	$(SWIFT) build -c release

# A binary with the Swift runtime and Foundation linked in (only OpenBLAS, zlib and the C/C++ runtime
# stay shared), where cron finds it: $(PREFIX)/bin/loyalty. Built in its own folder, beside .build.
PREFIX ?= /usr/local
install: deps
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path .build-static
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 .build-static/release/loyalty $(DESTDIR)$(PREFIX)/bin/loyalty

# The library's documentation (DocC, from Sources/LoyaltyKit/LoyaltyKit.docc and the doc comments) as a
# static site in docs-output/ (open docs-output/index.html through a web server, or see the .docc files).
docs:
	$(SWIFT) package --allow-writing-to-directory docs-output generate-documentation --target LoyaltyKit \
		--disable-indexing --transform-for-static-hosting --output-path docs-output

# The main job on the sample data in notebooks-data/ (generated when missing): a back-test (train as of
# the last day - 90, evaluate on the 90 days after), then train, score and write the call list into
# $(DEMO_OUT)/ (see `loyalty demo --help`).
demo: build
	$(LOYALTY) demo --out $(DEMO_OUT)

# Retrains the committed bundles in models/ from the sample data (as `make demo` does).
models: build
	$(LOYALTY) demo --out $(DEMO_OUT) --quiet
	cp $(DEMO_OUT)/models/churn.json $(DEMO_OUT)/models/loyal-candidate.json models/

# The whole job on the real UCI Online Retail file (no customer file: the call list has no phones).
ONLINE_RETAIL = ../shared/datasets/online-retail.csv.gz
demo-online-retail: build
	$(LOYALTY) train --orders $(ONLINE_RETAIL) --as-of 2011-12-09 --horizon 90d --models $(DEMO_OUT)/online-retail-models
	$(LOYALTY) score --orders $(ONLINE_RETAIL) --as-of 2011-12-09 --models $(DEMO_OUT)/online-retail-models --out $(DEMO_OUT)/online-retail-scores.csv
	$(LOYALTY) calllist --scores $(DEMO_OUT)/online-retail-scores.csv --capacity 100 --out $(DEMO_OUT)/online-retail-calllist.csv

# What the tests drive besides our code: headless Chromium with Japanese fonts (the report),
# LibreOffice (reading the .xlsx call list back), PostgreSQL, and DuckDB and pyspark from PyPI with Java
# (running export-sql's query).
test-tools:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }
	@dpkg -s fonts-noto-cjk >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq fonts-noto-cjk; }
	@command -v soffice >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libreoffice-calc-nogui; }
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq postgresql; }
	@python3 -c "import duckdb" 2>/dev/null || { python3 -m pip --version >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-pip; }; \
		python3 -m pip install -q --break-system-packages duckdb 2>/dev/null || python3 -m pip install -q duckdb; }
	@python3 -c "import pyspark" 2>/dev/null || python3 -m pip install -q --break-system-packages pyspark 2>/dev/null || python3 -m pip install -q pyspark
	@command -v java >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq openjdk-17-jre-headless; }

# The tests run against a throwaway PostgreSQL server on 127.0.0.1:54329 (bench/warehouse-check/postgres.sh),
# stopped and removed after them whatever their result.
PGTEST_PORT ?= 54329
test: deps test-tools
	$(SWIFT) build --build-tests
	PGTEST_PORT=$(PGTEST_PORT) bash bench/warehouse-check/postgres.sh start
	LOYALTY_TEST_PSQL="-h 127.0.0.1 -p $(PGTEST_PORT) -U postgres" $(SWIFT) test; status=$$?; \
		bash bench/warehouse-check/postgres.sh stop; exit $$status
	python3 -m unittest bench/calllist-check/test_check.py bench/report-check/test_check_report.py bench/xlsx-check/test_read_xlsx.py

# Regenerates the committed sample data (same seed, same bytes).
sample-data: build
	$(LOYALTY) generate --customers 5000 --seed 42 --out notebooks-data

bench-ingest: build
	python3 bench/ingest/run.py

bench-pipeline: build
	python3 bench/pipeline/run.py --write-results

clean:
	rm -rf .build $(DEMO_OUT)
