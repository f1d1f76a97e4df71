# `make briefing` and `make test` set up everything they need on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SYSTEM_STAMP := $(VENV)/.system
AXE    := node_modules/axe-core/axe.min.js

.PHONY: briefing test test-fast lint bench bench-pathological bench-hostile docs-images setup system clean reference gallery

# -- the tests in both cores' workers. Bytecode is written even where the machine says not
#    to: pytest keeps each test module's rewritten asserts there, and rewriting all of
#    them costs each worker about 7 s a run --
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -n 2 --dist worksteal

# -- builds what is out of date, then proves every section is in every output; with
#    nothing changed it only checks hashes (about 0.1 s) --
briefing: $(STAMP)
	@$(BIN)/briefing build --verify

# -- everything, as CI runs it: lint, types, every test (the property tests at their CI size);
#    work stealing: a long test at the end does not leave the other core idle --
#    mypy checks beside the tests: its first run on a clean clone (about 15 s) fills the
#    time the workers wait on LibreOffice, Java and Chromium; its verdict prints last --
test: $(STAMP) $(AXE)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	@$(BIN)/mypy src > $(VENV)/mypy.log 2>&1 & mypy=$$!; \
	echo "HYPOTHESIS_PROFILE=ci $(PYTEST)"; HYPOTHESIS_PROFILE=ci $(PYTEST); tests=$$?; \
	wait $$mypy; typed=$$?; echo "$(BIN)/mypy src"; cat $(VENV)/mypy.log; \
	[ $$tests -eq 0 ] && [ $$typed -eq 0 ]

# -- the edit loop: every test but those marked slow (real processes, LibreOffice, the
#    wheel, several whole builds), in under a minute --
test-fast: $(STAMP)
	$(PYTEST) -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy src

setup: $(STAMP) $(AXE)

# -- axe-core, the web page's accessibility checker the tests inject into Chromium: from
#    npm, pinned by package-lock.json (needs npm: scripts/system-deps.sh) --
$(AXE): package.json package-lock.json | $(SYSTEM_STAMP)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# -- the project in a venv of its own, pinned by constraints.txt; the build backend
#    too: installed first, then used without build isolation. uv installs (pinned too):
#    it fetches and unpacks in parallel, 20 s on a fresh machine where pip takes 50 s.
#    The venv is made without pip (ensurepip unpacks and compiles it: 10 s); the
#    machine's pip puts uv in it, and uv puts pip. What a build imports is byte-compiled
#    once, and so is the editable src: not on every build on a machine that sets
#    PYTHONDONTWRITEBYTECODE. The dev tools are not: the tests write what they import --
UV := $(BIN)/uv pip install --quiet --python $(BIN)/python -c constraints.txt
PIP_UV := --quiet --disable-pip-version-check -c constraints.txt uv
$(STAMP): pyproject.toml constraints.txt | $(SYSTEM_STAMP)
	$(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) -m pip --python $(BIN)/python install $(PIP_UV) \
	  || { $(BIN)/python -m ensurepip --default-pip && $(BIN)/python -m pip install $(PIP_UV); }
	$(UV) setuptools pip
	$(UV) --compile-bytecode --no-build-isolation -e .
	$(UV) --no-build-isolation -e '.[dev]'
	$(BIN)/python -m compileall -q src
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

# -- generated files that are committed: the JSON Schema editors use, the format reference.
#    A test fails when either is stale. --
reference: $(STAMP)
	$(BIN)/briefing schema -o content/briefing.schema.json
	$(BIN)/briefing schema --markdown -o docs/content-format.md

# -- the pictures in docs/: PDF pages and slides --
gallery: docs-images deck-images figure-images

# -- the figures example (examples/expansion, a project with its own theme and logo): a
#    chart page of its PDF and its first chart slide as LibreOffice draws it --
FIG_TMP := $(VENV)/figure-images
COMBO_WORDS := almost a quarter of demand
.PHONY: figure-images example
example: $(STAMP)
	cd examples/expansion && ../../$(BIN)/briefing build --verify
figure-images: $(STAMP)
	rm -rf $(FIG_TMP) && mkdir -p $(FIG_TMP) docs/images
	cd examples/expansion && ../../$(BIN)/briefing build content/expansion.yaml \
		-o $(abspath $(FIG_TMP)) --only pdf,pptx -q
	@set -e; page=$$($(BIN)/python scripts/gallery_pages.py pdf $(FIG_TMP)/expansion.pdf value); \
	pdftoppm -png -r 60 -f $$page -l $$page -singlefile $(FIG_TMP)/expansion.pdf docs/images/chart-page; \
	echo "docs/images/chart-page.png (page $$page)"
	soffice -env:UserInstallation=file://$(abspath $(FIG_TMP))/profile --headless \
		--convert-to pdf --outdir $(FIG_TMP) $(FIG_TMP)/expansion.pptx >/dev/null
	@set -e; slide=$$($(BIN)/python scripts/gallery_pages.py chart $(FIG_TMP)/expansion.pptx); \
	pdftoppm -png -r 72 -f $$slide -l $$slide -singlefile $(FIG_TMP)/expansion.pdf docs/images/chart-slide; \
	echo "docs/images/chart-slide.png (slide $$slide)"
	@set -e; page=$$($(BIN)/python scripts/gallery_pages.py text $(FIG_TMP)/expansion.pdf "$(COMBO_WORDS)"); \
	pdftoppm -png -r 60 -f $$page -l $$page -singlefile $(FIG_TMP)/expansion.pdf docs/images/chart-combo-slide; \
	echo "docs/images/chart-combo-slide.png (slide $$page)"
	cd examples/expansion && ../../$(BIN)/briefing build content/expansion.yaml \
		-o $(abspath $(FIG_TMP))/doc --only pdf -q
	@set -e; page=$$($(BIN)/python scripts/gallery_pages.py text $(FIG_TMP)/doc/expansion.pdf "$(COMBO_WORDS)"); \
	pdftoppm -png -r 60 -f $$page -l $$page -singlefile $(FIG_TMP)/doc/expansion.pdf docs/images/chart-combo-page; \
	echo "docs/images/chart-combo-page.png (page $$page)"

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/charts.py
	$(BIN)/python bench/edit_loop.py

# -- seconds per page of the worst sources the bounds allow, and of refusing worse ones --
bench-pathological: $(STAMP)
	$(BIN)/python bench/pathological.py

bench-hostile: $(STAMP)
	$(BIN)/python bench/hostile.py

clean:
	rm -rf build/*.html build/*.pdf build/*.pptx build/*.png

# -- the deck as a reader's PowerPoint shows it: LibreOffice renders two slides of the
#    shipped briefing (a section and its table) into docs/; needs libreoffice-impress
#    and poppler-utils (make system) --
DECK_TMP := $(VENV)/deck-images
.PHONY: deck-images deck-viewer
deck-images: $(STAMP)
	rm -rf $(DECK_TMP) && mkdir -p $(DECK_TMP) docs/images
	$(BIN)/briefing build content/muse-spark.yaml -o $(DECK_TMP) --only pptx -q
	soffice -env:UserInstallation=file://$(abspath $(DECK_TMP))/profile --headless \
		--convert-to pdf --outdir $(DECK_TMP) $(DECK_TMP)/muse-spark.pptx >/dev/null
	@set -e; set -- $$($(BIN)/python scripts/gallery_pages.py pptx $(DECK_TMP)/muse-spark.pptx); \
	pdftoppm -png -r 72 -f $$1 -l $$1 -singlefile $(DECK_TMP)/muse-spark.pdf docs/images/deck-section; \
	pdftoppm -png -r 72 -f $$2 -l $$2 -singlefile $(DECK_TMP)/muse-spark.pdf docs/images/deck-table; \
	echo "docs/images/deck-section.png (slide $$1), docs/images/deck-table.png (slide $$2)"

# -- only the tests that open the deck in LibreOffice (they also run in `make test`) --
deck-viewer: $(STAMP)
	$(BIN)/pytest tests/test_deck_viewer.py

# -- the README's pictures, rendered from the real PDF (never drawn by hand): the
#    cover, the contents and the chapter with the table (found by its section id,
#    `shift`), and every page side by side. Needs poppler-utils. --
DOCS_PDF   := build/muse-spark.pdf
docs-images: $(STAMP)
	$(BIN)/briefing build content/muse-spark.yaml -o build --only pdf
	@mkdir -p docs/images
	@chapter=$$($(BIN)/python scripts/gallery_pages.py pdf $(DOCS_PDF) shift); \
	for spec in 1:cover 2:contents $$chapter:chapter; do \
		page=$${spec%%:*}; name=$${spec#*:}; \
		pdftoppm -png -r 110 -f $$page -l $$page -singlefile $(DOCS_PDF) docs/images/$$name || exit 1; \
		echo "docs/images/$$name.png (page $$page)"; \
	done
	@echo "docs/images/pages.png ($$($(BIN)/python scripts/gallery_pages.py sheet $(DOCS_PDF) docs/images/pages.png) pages)"
