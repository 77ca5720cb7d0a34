# loyalty: two commands on a fresh Debian machine.
#   make demo   installs what is missing, builds, runs the main job on the bundled sample data
#   make test   installs what is missing, runs the test suite
SWIFT ?= swift
LOYALTY = .build/release/loyalty
DEMO_OUT ?= demo-output
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: deps build demo test sample-data bench-ingest clean

# OpenBLAS (cblas.h, libopenblas) and zlib, found through pkg-config; apt-get installs them when missing.
deps:
	@command -v pkg-config >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq pkg-config; }
	@pkg-config --exists openblas || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libopenblas-dev; }
	@pkg-config --exists zlib || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq zlib1g-dev; }

build: deps
	$(SWIFT) build -c release

# The main job on the sample data in notebooks-data/ (made by `loyalty generate`, see its README).
# Until the training pipeline lands: validate the four sample files, then write features and segments
# and print the KPIs (outputs in $(DEMO_OUT)/).
SAMPLE = --orders notebooks-data/orders.csv --customers notebooks-data/customers.csv \
	--events notebooks-data/events.csv --surveys notebooks-data/surveys.csv
demo: build
	@test -f notebooks-data/orders.csv || $(LOYALTY) generate --customers 5000 --seed 42 --out notebooks-data
	$(LOYALTY) inspect --orders notebooks-data/orders.csv
	$(LOYALTY) inspect --customers notebooks-data/customers.csv
	$(LOYALTY) inspect --events notebooks-data/events.csv
	$(LOYALTY) inspect --surveys notebooks-data/surveys.csv
	$(LOYALTY) features $(SAMPLE) --as-of 2024-12-31 --out $(DEMO_OUT)/features.csv
	$(LOYALTY) segment $(SAMPLE) --as-of 2024-12-31 --out $(DEMO_OUT)/segments.csv
	$(LOYALTY) kpi $(SAMPLE) --as-of 2024-12-31
	@if [ -f ../shared/datasets/online-retail.csv.gz ]; then $(LOYALTY) inspect --orders ../shared/datasets/online-retail.csv.gz; fi

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

# Regenerates the committed sample data (same seed, same bytes).
sample-data: build
	$(LOYALTY) generate --customers 5000 --seed 42 --out notebooks-data

bench-ingest: build
	python3 bench/ingest/run.py

clean:
	rm -rf .build $(DEMO_OUT)
