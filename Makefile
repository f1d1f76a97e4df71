# `make briefing` and `make test` set up everything they need on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SYSTEM_STAMP := $(VENV)/.system

.PHONY: briefing test lint bench docs-images setup system clean

briefing: $(STAMP)
	$(BIN)/briefing build
	$(BIN)/briefing verify

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

setup: $(STAMP)

# -- the project in a venv of its own, pinned by constraints.txt --
$(STAMP): pyproject.toml constraints.txt | $(SYSTEM_STAMP)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-c constraints.txt -e '.[dev]'
	touch $@

# -- Debian packages: the deck's measuring font (Carlito, metric twin of Calibri),
#    poppler and LibreOffice to look at outputs as a reader does. Optional: without
#    them the deck is measured with a wider fallback and the viewer tests skip. --
$(SYSTEM_STAMP):
	@mkdir -p $(VENV)
	@sh scripts/system-deps.sh
	@touch $@

system:
	sh scripts/system-deps.sh

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf build/*.html build/*.pdf build/*.pptx build/*.png

# -- the README's pictures, rendered from the real PDF (never drawn by hand): the
#    cover, the contents and the chapter with the table. Needs poppler-utils. --
DOCS_PDF   := build/muse-spark.pdf
DOCS_PAGES := 1:cover 2:contents 8:chapter
docs-images: $(STAMP)
	$(BIN)/briefing build content/muse-spark.yaml -o build --only pdf
	@mkdir -p docs/images
	@for spec in $(DOCS_PAGES); do \
		page=$${spec%%:*}; name=$${spec#*:}; \
		pdftoppm -png -r 110 -f $$page -l $$page -singlefile $(DOCS_PDF) docs/images/$$name || exit 1; \
		echo "docs/images/$$name.png (page $$page)"; \
	done
