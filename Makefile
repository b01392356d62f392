# closeout: turns a project final report (YAML) into a typeset PDF and an archival XML.
# Flags come from pkg-config; put local CFLAGS (sanitizers …) in Makefile.local.

PREFIX	?= /usr/local
PKGS	 = yaml-0.1 libxml-2.0 pangocairo pangoft2 fontconfig glib-2.0 gmodule-2.0 gio-2.0 libcmark-gfm \
	   icu-i18n icu-uc json-glib-1.0
# Loaded when first needed, headers only: librsvg when an SVG logo is drawn
# (render_pdf.c), libvoikko when a report is Finnish (hyphen.c), libqpdf
# when a PDF is finished (pdf_archive.c), by the soname it has here.
PKGS_DL	 = librsvg-2.0 libvoikko libqpdf
QPDF_SONAME := $(shell objdump -p $$(pkg-config --variable=libdir libqpdf)/libqpdf.so 2>/dev/null | \
	   awk '$$1 == "SONAME" { print $$2 }')
CC	?= cc
CFLAGS	?= -O2 -g
WARN	 = -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes \
	   -Wwrite-strings -Wno-unused-parameter
DATADIR	?= $(CURDIR)
CPPFLAGS_ALL = -DCO_DATADIR='"$(DATADIR)"' $(if $(QPDF_SONAME),-DCO_QPDF_SONAME='"$(QPDF_SONAME)"') -Isrc $(shell pkg-config --cflags $(PKGS) $(PKGS_DL))
LIBS	 = $(shell pkg-config --libs $(PKGS)) -lhyphen -lm
B	 = build

-include Makefile.local

# Core objects in pipeline order: model, load, build, number, render.
CORE	 = arena env srcmap diag diag_json model doc nfc yaml_lint load_yaml suggest build prose dates xml_msg load_xml validate i18n number \
	   fonts coverage template hyphen measure measure_pango measure_breaks measure_rtl measure_cache linebreak svg_check image layout layout_text layout_table \
	   layout_records layout_notes layout_figure layout_cover layout_toc render_pdf xmp qpdf_dl pdf_archive \
	   outfile pdf render_xml \
	   render_tree inputs summary
CORE_OBJ = $(CORE:%=$(B)/%.o)
HDRS	 = $(wildcard src/*.h)

all: $(B)/closeout

$(B)/%.o: src/%.c $(HDRS) | $(B)
	$(CC) $(CFLAGS) $(WARN) -fvisibility=hidden $(CPPFLAGS_ALL) -c -o $@ $<

# The command line: main.c and the subcommands that parse their own options.
CLI	 = main cmd_util cmd_new cmd_watch cmd_batch csv
CLI_OBJ	 = $(CLI:%=$(B)/%.o)

$(B)/closeout: $(CORE_OBJ) $(CLI_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B):
	mkdir -p $(B)

# Unit tests link the core directly (static functions stay hidden), and the
# fixed-advance measurer that stands in for Pango.
FAKE	 = tests/unit/fake_measure.c tests/unit/fake_measure.h
$(B)/test_%: tests/unit/test_%.c $(CORE_OBJ) tests/unit/harness.h $(FAKE)
	$(CC) $(CFLAGS) $(WARN) $(CPPFLAGS_ALL) -Itests/unit -o $@ $< \
		tests/unit/fake_measure.c $(CORE_OBJ) $(LIBS)

UNIT	 = $(patsubst tests/unit/%.c,$(B)/%,$(wildcard tests/unit/test_*.c))
# The CSV writer is the command line's: its test builds it in.
$(B)/test_csv: src/csv.c

# Prints a report's model or its pages laid out with the fake measurer (tests/golden).
$(B)/golden_dump: tests/golden/dump.c $(CORE_OBJ) $(FAKE)
	$(CC) $(CFLAGS) $(WARN) $(CPPFLAGS_ALL) -Itests/unit -o $@ $< \
		tests/unit/fake_measure.c $(CORE_OBJ) $(LIBS)

# The whole test suite; installs missing Debian packages first (tools/install-deps.sh).
test: deps-test
	@$(MAKE) --no-print-directory all units
	@sh tests/run-all.sh

units: $(UNIT) $(B)/golden_dump

# Accepts new golden output: the dumps of tests/golden and the messages of
# tests/errors are rewritten from what the build prints now (review the diff).
regen: all units
	@REGEN=1 sh tests/golden/run.sh $(B)/golden_dump $(B)/regen/golden > /dev/null || true
	@REGEN=1 sh tests/errors/run.sh $(B)/closeout $(B)/regen/errors > /dev/null || true
	@git --no-pager diff --stat -- tests/golden tests/errors

check: test

# Installs the Debian packages the build and the tests need, if missing.
deps:
	@sh tools/install-deps.sh

deps-test:
	@sh tools/install-deps.sh --tests

# Renders every example under reports/ (PDF and XML beside each), after
# installing any missing build dependencies.
examples: deps
	@$(MAKE) --no-print-directory all
	@for f in reports/*.yaml; do \
		$(B)/closeout render "$$f" || exit 1; \
	done

# Speed and memory targets: inputs are generated, figures printed (tests/bench/).
$(B)/floor: tests/bench/floor.c | $(B)
	$(CC) -O2 $(shell pkg-config --cflags pangocairo pangoft2 fontconfig) -o $@ $< \
		$(shell pkg-config --libs pangocairo pangoft2 fontconfig)

bench: all $(B)/floor
	/usr/bin/python3 tests/bench/bench.py $(B)/closeout $(B)/floor $(B)/bench

# The whole test suite in an ASan+UBSan build of its own ($(B)/asan), so the
# normal build stays.  Leaks inside libraries: tests/lsan.supp.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=undefined
asan: deps-test
	@$(MAKE) --no-print-directory B=$(B)/asan CFLAGS="$(ASAN_FLAGS)" all units
	@B=$(B)/asan UBSAN_OPTIONS=print_stacktrace=1 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	    sh tests/run-all.sh

# Every report under reports/ rendered under valgrind: no memory error and
# no definite leak.  tests/valgrind.supp says what is the libraries' own.
VALGRIND_CMD = valgrind -q --leak-check=full --errors-for-leak-kinds=definite \
	   --show-leak-kinds=definite --error-exitcode=1 \
	   --suppressions=tests/valgrind.supp
valgrind: all
	@mkdir -p $(B)/valgrind
	@for f in reports/*.yaml; do \
		n=$$(basename "$$f" .yaml); echo "valgrind: $$f"; \
		CLOSEOUT_DATADIR="$(CURDIR)" SOURCE_DATE_EPOCH=1556236800 $(VALGRIND_CMD) \
		    $(B)/closeout -q render "$$f" -o $(B)/valgrind/$$n.pdf \
		    --xml $(B)/valgrind/$$n.xml || exit 1; \
	done; echo "valgrind: no errors, no definite leaks"

# libFuzzer targets (tests/fuzz): the core built again with clang and
# sanitizers, each target run for FUZZ_SECONDS (tests/fuzz/run.sh).
FUZZ_SECONDS ?= 60
FUZZ_CC	 = clang
FUZZ_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	   -fno-sanitize-recover=undefined
FUZZ	 = fuzz_load fuzz_inline fuzz_xml fuzz_layout

$(B)/fuzz/%.o: src/%.c $(HDRS)
	@mkdir -p $(B)/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(CPPFLAGS_ALL) -c -o $@ $<

$(B)/fuzz/fake_measure.o: $(FAKE) $(HDRS)
	@mkdir -p $(B)/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(CPPFLAGS_ALL) -c -o $@ $<

$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(CORE:%=$(B)/fuzz/%.o) $(B)/fuzz/fake_measure.o
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer $(CPPFLAGS_ALL) -Itests/unit -o $@ $< \
		$(CORE:%=$(B)/fuzz/%.o) $(B)/fuzz/fake_measure.o $(LIBS)

fuzz-build: $(FUZZ:%=$(B)/fuzz/%)

fuzz: all fuzz-build
	sh tests/fuzz/run.sh $(B) $(FUZZ_SECONDS) $(FUZZ)

# Installs under $(DESTDIR)$(PREFIX): the binary, its data in share/closeout
# (templates, fonts/fonts.conf, schemas), which it finds from where it is
# (../share/closeout), the man page and the bash completion.
BINDIR	 = $(PREFIX)/bin
SHAREDIR = $(PREFIX)/share/closeout
MANDIR	?= $(PREFIX)/share/man
COMPDIR	?= $(PREFIX)/share/bash-completion/completions
SCHEMAS	 = $(wildcard schemas/*.xsd schemas/*.json)
TEMPLATES = $(wildcard templates/*.yaml)
SKELETONS = $(wildcard templates/skeleton/*.yaml)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)/templates/skeleton $(DESTDIR)$(SHAREDIR)/fonts \
		$(DESTDIR)$(SHAREDIR)/schemas $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(COMPDIR)
	install -m 755 $(B)/closeout $(DESTDIR)$(BINDIR)/closeout
	install -m 644 $(TEMPLATES) $(DESTDIR)$(SHAREDIR)/templates
	install -m 644 $(SKELETONS) $(DESTDIR)$(SHAREDIR)/templates/skeleton
	install -m 644 fonts/fonts.conf $(DESTDIR)$(SHAREDIR)/fonts
	install -m 644 $(SCHEMAS) $(DESTDIR)$(SHAREDIR)/schemas
	install -m 644 closeout.1 $(DESTDIR)$(MANDIR)/man1/closeout.1
	install -m 644 completions/closeout.bash $(DESTDIR)$(COMPDIR)/closeout

# Removes what install put there; the data directory is closeout's alone.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/closeout $(DESTDIR)$(MANDIR)/man1/closeout.1 \
		$(DESTDIR)$(COMPDIR)/closeout
	rm -rf $(DESTDIR)$(SHAREDIR)

clean:
	rm -rf $(B)

.PHONY: all test units check deps deps-test examples bench asan valgrind clean regen fuzz fuzz-build \
	install uninstall
