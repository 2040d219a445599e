# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# galley: Markdown articles to print-ready PDF and EPUB 3.
#
#   make          build build/libgalley.a and build/galley
#   make demo     install what is missing, build, typeset examples/ into examples/out/
#   make check    install what is missing, build, run every test
#   make deps     install the Debian packages needed to build and test
#   make golden   rewrite the golden files from what the code makes now
#   BUILD=asan    AddressSanitizer + UBSan build under build/asan/
#   BUILD=tsan    ThreadSanitizer build under build/tsan/ (make check-tsan)

CC      ?= cc
PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= release

# Where `make install` puts things (all under DESTDIR when it is set).
# LIBDIR may be a multiarch folder (/usr/lib/x86_64-linux-gnu).  galley
# finds its data relative to its own file (src/base/fontdir.c), so an
# installed tree may be moved: compiled in are the paths from BINDIR and
# LIBDIR to the data folder, and the data folder itself as a last resort.
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
COMPDIR    ?= $(DATADIR)/bash-completion/completions
relpath     = $(shell realpath -ms --relative-to="$(1)" "$(2)")
BIN_TO_DATA := $(call relpath,$(BINDIR),$(DATADIR)/galley)
LIB_TO_DATA := $(call relpath,$(LIBDIR),$(DATADIR)/galley)
# galley's loadable module (galley-highlight.so), found from the data folder
MODULEDIR  ?= $(LIBDIR)/galley
DATA_TO_MODULE := $(call relpath,$(DATADIR)/galley,$(MODULEDIR))

PKGS        := libcmark-gfm yaml-0.1 libzip harfbuzz harfbuzz-subset libpng zlib libdeflate
HPDF_LIBS   ?= -lhpdf
HYPHEN_LIBS ?= -lhyphen

WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
ifneq ($(CI),)
WARN    += -Werror
endif
CFLAGS  ?= -O2 -g

ifeq ($(BUILD),asan)
B       := build/asan
CFLAGS  := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
CPPFLAGS += -DGALLEY_ARENA_DEBUG
else ifeq ($(BUILD),tsan)
B       := build/tsan
CFLAGS  := -O1 -g -fsanitize=thread -fno-omit-frame-pointer
LDFLAGS += -fsanitize=thread
else
B       := build
endif

# Libraries galley only ever loads with dlopen (src/base/lazy.h), for their
# headers: librsvg and cairo (SVG), libxml2 (SVG sanitising), libwebp, libcurl,
# fontconfig (font fallback)
# (giflib has no .pc; its header is in the default path).
LAZY_PKGS  := librsvg-2.0 cairo libxml-2.0 libwebpdemux libcurl fontconfig
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) $(LAZY_PKGS) 2>/dev/null)
# libzip is loaded at run time by src/epub/zip.c (dlopen), not linked: it
# brings libcrypto, whose relocation is a seventh of a one-article run.
PKG_LIBS   = $(shell pkg-config --libs $(filter-out libzip,$(PKGS)) 2>/dev/null)
# (its file name, read once when first needed, after `make deps`)
LIBZIP_SONAME = $(eval LIBZIP_SONAME := $$(shell readelf -d "$$$$(pkg-config --variable=libdir libzip \
                  2>/dev/null)/libzip.so" 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p'))$(LIBZIP_SONAME)

# HarfBuzz, libharu, libpng and gumbo are loaded when first needed too
# (src/base/lazy.h): the galley binary does not link them, so that an EPUB
# maps none of them.  Their file names, from their SONAME (the sources
# fall back on Debian 12's names when a library is not installed yet).
soname_of = $(shell readelf -d "$$($(CC) -print-file-name=lib$(1).so)" 2>/dev/null | \
              sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
soname_def = $(if $(2),-DGALLEY_$(1)_SONAME='"$(2)"')
LAZY_DEFS := $(call soname_def,HARFBUZZ,$(call soname_of,harfbuzz)) \
             $(call soname_def,HARFBUZZ_SUBSET,$(call soname_of,harfbuzz-subset)) \
             $(call soname_def,HPDF,$(call soname_of,hpdf)) \
             $(call soname_def,PNG,$(call soname_of,png)) \
             $(call soname_def,UTF8PROC,$(call soname_of,utf8proc)) \
             $(call soname_def,RSVG,$(call soname_of,rsvg-2)) \
             $(call soname_def,XML2,$(call soname_of,xml2)) \
             $(call soname_def,GIF,$(call soname_of,gif)) \
             $(call soname_def,WEBPDEMUX,$(call soname_of,webpdemux)) \
             $(call soname_def,CURL,$(call soname_of,curl)) \
             $(call soname_def,GUMBO,$(call soname_of,gumbo)) \
             $(call soname_def,FONTCONFIG,$(call soname_of,fontconfig))
# what the binary leaves out of LIBS (libpng brings zlib, which galley
# does not call)
LAZY_LIBS := -lharfbuzz-subset -lharfbuzz -lpng16 -lpng -lz $(HPDF_LIBS)

ALL_CPPFLAGS = -Iinclude -Isrc $(PKG_CFLAGS) -D_GNU_SOURCE -DGALLEY_DATADIR='"$(DATADIR)/galley"' \
               -DGALLEY_BIN_TO_DATA='"$(BIN_TO_DATA)"' -DGALLEY_LIB_TO_DATA='"$(LIB_TO_DATA)"' \
               -DGALLEY_MODULEDIR='"$(MODULEDIR)"' -DGALLEY_DATA_TO_MODULE='"$(DATA_TO_MODULE)"' \
               $(if $(LIBZIP_SONAME),-DGALLEY_LIBZIP_SONAME='"$(LIBZIP_SONAME)"') $(LAZY_DEFS) $(CPPFLAGS)
# (the tree's path in debugging information and __FILE__ becomes ".", so
# that nothing built names the folder it was built in)
ALL_CFLAGS   = -std=c11 $(WARN) -fPIC -fvisibility=hidden -pthread -ffile-prefix-map=$(CURDIR)=. $(CFLAGS)
LIBS         = -lcmark-gfm-extensions $(PKG_LIBS) $(HPDF_LIBS) $(HYPHEN_LIBS) -lm -pthread

# Syntax highlighting: GNU Source-highlight's C++ library (with Boost.Regex
# and ICU) is linked only into the module galley-highlight.so, built from
# the one C++ file src/highlight/srchilite.cc, which libgalley loads with
# dlopen when a code block first names a language (src/base/highlight.h).
# libgalley.a and libgalley.so stay C: a C program links them with no C++
# runtime, and an article without such code maps none of it.
CXX          ?= c++
# (in the build tree's installed layout: build/lib/galley/, as the
# module folder is relative to build/share/galley)
HL_MODULE    := $(abspath $(B)/bin/$(BIN_TO_DATA)/$(DATA_TO_MODULE))/galley-highlight.so
HL_LIBS      ?= $(shell pkg-config --libs source-highlight 2>/dev/null || echo -lsource-highlight -lboost_regex)
HL_DATADIR   ?= $(shell pkg-config --variable=prefix source-highlight 2>/dev/null || echo /usr)/share/source-highlight

LIB_SRC  := $(sort $(wildcard src/*.c src/base/*.c src/model/*.c src/read/*.c src/digest/*.c src/typeset/*.c src/pdf/*.c src/epub/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(B)/obj/%.o)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)

Q := @
ifneq ($(V),)
Q :=
endif

SONAME_MAJOR := 0
VERSION      := $(shell sed -n 's/^#define GALLEY_VERSION "\(.*\)"/\1/p' include/galley.h)
PUB_HEADERS  := include/galley.h $(sort $(wildcard include/galley/*.h))

# The build tree has an installation's layout where galley looks for its
# data (src/base/fontdir.c): the program in $(B)/bin/ ($(B)/galley is a
# link to it) and $(B)/share/galley/fonts a link to the tree's fonts/, so
# that build/galley, the tests in $(B)/tests/ and the API example find the
# tree's fonts by the rule an installed galley follows, without any path
# of the tree compiled in.
B_FONTS := $(abspath $(B)/bin/$(BIN_TO_DATA))/fonts

.PHONY: all deps demo check check-asan check-tsan golden test clean bench install uninstall fuzz fuzz-run
all: $(B)/libgalley.a $(B)/libgalley.so $(B)/galley $(HL_MODULE) $(TEST_BIN) $(B)/examples/digest $(B_FONTS)

$(B_FONTS):
	@mkdir -p $(dir $@)
	$(Q)ln -sfn "$(call relpath,$(dir $@),$(CURDIR)/fonts)" $@

# Every object and program depends on $(B)/flags, which holds the compiler,
# the flags and the install folders compiled in (GALLEY_DATADIR and the
# paths to it from BINDIR and LIBDIR).  It is
# rewritten while the Makefile is read, and only when its content changes,
# so that `make CFLAGS=-O0` or a new PREFIX rebuilds what they change and
# an unchanged build stays up to date (also for `make -q`).  DESTDIR is
# not in it: it changes where files are installed, not what is built.
BUILD_FLAGS = $(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) $(LIBS)
ifneq ($(file <$(B)/flags),$(BUILD_FLAGS))
$(shell mkdir -p $(B))
$(file >$(B)/flags,$(BUILD_FLAGS))
endif

$(B)/obj/%.o: %.c $(B)/flags
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# The static library is one relocatable object in which every hidden
# symbol (all but the API: galley/export.h) is made local, so that a
# program linking it sees only the API and may define names galley uses
# inside.  The tests, which call internals, link the plain archive of the
# objects, $(B)/libgalley-internal.a.
$(B)/libgalley.a: $(LIB_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ $(B)/libgalley.o && $(CC) -r -nostdlib -o $(B)/libgalley.o $^ && \
	  objcopy --localize-hidden $(B)/libgalley.o && ar rcs $@ $(B)/libgalley.o && rm -f $(B)/libgalley.o

$(B)/libgalley-internal.a: $(LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

# The shared library exports exactly the functions of the public headers.
$(B)/libgalley.map: $(PUB_HEADERS) tools/exports.sh
	@mkdir -p $(dir $@)
	$(Q)sh tools/exports.sh $(PUB_HEADERS) > $@

$(B)/libgalley.so: $(LIB_OBJ) $(B)/libgalley.map $(B)/flags
	@echo "  LD      $@"
	$(Q)$(CC) -shared $(LDFLAGS) -Wl,-soname,libgalley.so.$(SONAME_MAJOR) \
	  -Wl,--version-script=$(B)/libgalley.map -o $@.$(VERSION) $(LIB_OBJ) $(LIBS)
	$(Q)ln -sf libgalley.so.$(VERSION) $@.$(SONAME_MAJOR) && ln -sf libgalley.so.$(VERSION) $@

# The galley binary takes the small libraries Debian also ships as static
# archives into itself: four shared objects fewer to map and relocate at
# every start (0.6 ms of a 30 ms one-article run).  libgalley.so and the
# tests link them as shared libraries; a library without its archive stays
# shared here too.
comma := ,
CLI_STATIC = $(eval CLI_STATIC := $$(foreach l,cmark-gfm-extensions cmark-gfm yaml deflate hyphen,$$(if $$(filter /%,\
               $$(shell $$(CC) -print-file-name=lib$$(l).a)),-l$$(l))))$(CLI_STATIC)

#
# CLI_LINK=shared links the program against libgalley.so.0 instead, as a
# distribution does (debian/rules): the program then takes no other
# package's code into itself and is updated with the library.  From the
# build tree it then runs with LD_LIBRARY_PATH=$(B).
CLI_LINK ?= static
ifeq ($(CLI_LINK),shared)
$(B)/bin/galley: $(CLI_OBJ) $(B)/libgalley.so $(B)/flags
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) -L$(B) -lgalley -lm -pthread
else
$(B)/bin/galley: $(CLI_OBJ) $(B)/libgalley.a $(B)/flags
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libgalley.a \
	  $(if $(CLI_STATIC),-Wl$(comma)-Bstatic $(CLI_STATIC) -Wl$(comma)-Bdynamic) \
	  $(filter-out $(CLI_STATIC) $(LAZY_LIBS),$(LIBS))
endif

$(B)/galley: $(B)/bin/galley | $(B_FONTS)
	$(Q)ln -sf bin/galley $@

# Compiled and linked in one step; the headers they include are listed in
# $@.d (named here: gcc would name it after a temporary object).
$(B)/tests/%: tests/unit/%.c tests/unit/t.h $(B)/libgalley-internal.a $(B)/flags
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CPPFLAGS) -DGALLEY_SRCDIR='"$(CURDIR)"' -Itests/unit $(ALL_CFLAGS) -MMD -MP -MT $@ -MF $@.d $(LDFLAGS) \
	  -o $@ $< $(B)/libgalley-internal.a $(LIBS)

# The API example (examples/api): public headers only, no -Isrc.
$(B)/examples/digest: examples/api/digest.c $(PUB_HEADERS) $(B)/libgalley.a $(B)/flags
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) -Iinclude $(ALL_CFLAGS) -MMD -MP -MT $@ -MF $@.d $(LDFLAGS) -o $@ $< $(B)/libgalley.a $(LIBS)

$(HL_MODULE): src/highlight/srchilite.cc src/base/highlight.h $(B)/flags
	@mkdir -p $(dir $@)
	@echo "  CXX     $<"
	$(Q)$(CXX) -std=c++14 -Isrc -DGALLEY_SRCHILITE_DATADIR='"$(HL_DATADIR)"' $(filter-out -Wstrict-prototypes \
	  -Wmissing-prototypes,$(WARN)) -fPIC -fvisibility=hidden -pthread -ffile-prefix-map=$(CURDIR)=. \
	  $(CFLAGS) -shared $(LDFLAGS) \
	  -o $@ $< $(HL_LIBS)

# Allocation-failure injection: galley's own allocations go through wrappers.
$(B)/tests/test_oom: LDFLAGS += -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc \
	-Wl,--wrap=free -Wl,--wrap=strdup -Wl,--wrap=strndup

# ---- fuzzing (clang + libFuzzer) -------------------------------------------
FUZZ_CC ?= clang
fuzz: build/fuzz/fuzz_galley
build/fuzz/fuzz_galley: tests/fuzz/fuzz_target.c $(LIB_SRC)
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $@"
	$(Q)$(FUZZ_CC) -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -DGALLEY_LIBFUZZER \
	  -DGALLEY_ARENA_DEBUG $(ALL_CPPFLAGS) -DGALLEY_SRCDIR='"$(CURDIR)"' -o $@ tests/fuzz/fuzz_target.c $(LIB_SRC) $(LIBS)
fuzz-run: build/fuzz/fuzz_galley
	@mkdir -p build/fuzz/corpus
	build/fuzz/fuzz_galley -dict=tests/fuzz/markdown.dict -max_len=16384 -timeout=10 \
	  -artifact_prefix=build/fuzz/ build/fuzz/corpus tests/fuzz/corpus $(FUZZ_ARGS)

# ---- Debian packages --------------------------------------------------------
# `make deb` builds galley, libgalley0 and libgalley-dev (debian/) with
# dpkg-buildpackage from a copy of the tree's tracked files under
# build/deb/ (a fresh clone's view: nothing untracked, no build/), and
# runs lintian on them.  `make check-deb` (slow: two package builds, so
# not part of `make check`) also checks that a second build in another
# folder gives the same bytes, and runs galley from the packages
# (tests/deb.sh).
DEB_OUT  := build/deb
DEB_TOOLS := debhelper lintian dpkg-dev fakeroot fonts-noto-core fonts-jetbrains-mono fonts-dejavu-core
.PHONY: deb check-deb symbols print-dlopen-sonames

deb: deps
	@DEB_OUT=$(DEB_OUT) sh tools/deb.sh build $(DEB_OUT)/1

check-deb: deps
	@mkdir -p $(DEB_OUT)
	@DEB_OUT=$(DEB_OUT) bash tests/deb.sh | tee $(DEB_OUT)/check.log
	@echo "$$(grep -c '^ok ' $(DEB_OUT)/check.log) passed, $$(grep -c '^not ok ' $(DEB_OUT)/check.log) failed"
	@! grep -q '^not ok ' $(DEB_OUT)/check.log

# The symbols file of libgalley0: the export list (tools/exports.sh), with
# the version that brought each function (new ones: this version).  Run
# after adding a function to the API; the package build fails until then.
symbols: $(B)/libgalley.map
	$(Q)sh tools/symbols.sh $(VERSION) debian/libgalley0.symbols $(B)/libgalley.map > $(B)/symbols.new && \
	  mv $(B)/symbols.new debian/libgalley0.symbols

# The sonames of the libraries galley loads with dlopen (debian/rules).
print-dlopen-sonames:
	@echo $(LAZY_DEFS) $(if $(LIBZIP_SONAME),-DGALLEY_LIBZIP_SONAME='"$(LIBZIP_SONAME)"') | \
	  tr ' ' '\n' | sed -n 's/^-DGALLEY_[A-Z0-9_]*_SONAME="\(.*\)"$$/\1/p'

DEB_BUILD := libhpdf-dev libzip-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libhyphen-dev hyphen-en-us libutf8proc-dev \
             libharfbuzz-dev libpng-dev zlib1g-dev libdeflate-dev libgumbo-dev pkg-config \
             librsvg2-dev libcairo2-dev libxml2-dev libgif-dev libwebp-dev libcurl4-openssl-dev \
             libfontconfig-dev fonts-noto-core fonts-noto-cjk fonts-symbola \
             libsource-highlight-dev g++
DEB_TEST  := poppler-utils qpdf epubcheck cmark-gfm default-jre-headless default-jdk-headless python3 pandoc hyphen-de \
             groff-base man-db locales imagemagick strace parallel python3-yaml
DEB_ALL   := $(DEB_BUILD) $(DEB_TEST)
DEB_ALL   += $(DEB_TOOLS)

# (de_DE.UTF-8: tests/unit/test_number.c reads numbers under a locale whose
# decimal point is a comma; about a second to generate, once)
deps:
	@missing=""; for p in $(DEB_ALL); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "galley: installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; \
	  else echo "galley: cannot install packages; run as root:"; \
	       echo "  apt-get update && apt-get install -y$$missing"; exit 1; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq$$missing >/dev/null \
	    || { echo "galley: apt-get failed; try: apt-get update && apt-get install -y$$missing"; exit 1; }; \
	fi
	@locale -a 2>/dev/null | grep -qx 'de_DE.utf8' || [ "$$(id -u)" != 0 ] || \
	  localedef -i de_DE -f UTF-8 de_DE.UTF-8 || echo "galley: could not generate the de_DE.UTF-8 locale"

# ---- demo -------------------------------------------------------------------
EXAMPLES := $(sort $(wildcard examples/*.md))

demo: deps
	@$(MAKE) -s all
	@mkdir -p examples/out
	@for f in $(EXAMPLES); do n=$$(basename $$f .md); \
	  $(B)/galley pdf -o examples/out/$$n.pdf $$f && \
	  $(B)/galley epub -o examples/out/$$n.epub $$f || exit 1; \
	  pdftoppm -png -r 60 -f 1 -l 2 examples/out/$$n.pdf examples/out/$$n 2>/dev/null; \
	  echo "  wrote examples/out/$$n.pdf, $$n.epub, $$n-*.png"; \
	done
	@$(B)/galley pdf --columns 2 -o examples/out/river-ferry-2col.pdf examples/river-ferry.md && \
	 pdftoppm -png -r 60 -f 1 -l 1 examples/out/river-ferry-2col.pdf examples/out/river-ferry-2col 2>/dev/null && \
	 echo "  wrote examples/out/river-ferry-2col.pdf, river-ferry-2col-1.png (two columns)"
	@$(B)/galley pdf -o examples/out/book.pdf $(EXAMPLES) && \
	 $(B)/galley epub -o examples/out/book.epub $(EXAMPLES) && \
	 pdftoppm -png -r 60 -f 1 -l 3 examples/out/book.pdf examples/out/book 2>/dev/null && \
	 echo "  wrote examples/out/book.pdf, book.epub, book-*.png"
	@mkdir -p examples/out/weekly && $(B)/galley build examples/weekly/digest.yaml && \
	 pdftoppm -png -r 60 -f 1 -l 3 examples/out/weekly/the-weekly-brief.pdf examples/out/weekly/page 2>/dev/null && \
	 echo "  wrote examples/out/weekly/the-weekly-brief.pdf, the-weekly-brief.epub, page-*.png"

# ---- tests ------------------------------------------------------------------
check: deps
	@$(MAKE) -s all
	@B=$(B) tests/run

check-asan: deps
	@$(MAKE) -s BUILD=asan all
	@B=build/asan LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 tests/run

# ThreadSanitizer writes its reports under build/tsan/reports/ rather than
# on the standard error the tests read; tests/run fails on any report
# there, also from a run whose exit status a test does not look at.  Its
# allocator returns NULL for an impossible size, as the C library does,
# rather than ending the process: the tests check that galley refuses one.
TSAN_REPORTS := $(CURDIR)/build/tsan/reports
check-tsan: deps
	@$(MAKE) -s BUILD=tsan all
	@rm -rf $(TSAN_REPORTS) && mkdir -p $(TSAN_REPORTS)
	@B=build/tsan TSAN_REPORTS=$(TSAN_REPORTS) TSAN_OPTIONS="suppressions=$(CURDIR)/tests/tsan.supp \
	  log_path=$(TSAN_REPORTS)/tsan allocator_may_return_null=1" tests/run

test: all
	@B=$(B) tests/run

# What readers see (issue 23), not part of `make check`: each installs what
# it needs and takes minutes.  check-readers converts the examples book, a
# digest and an article with a picture to AZW3 with calibre and checks the
# cover and the contents (tests/readers/calibre.sh); check-a11y runs DAISY
# Ace (npm @daisy/ace, installed under build/ace, with Debian's chromium as
# its browser) on the examples, a digest and 100 generated articles
# (tests/readers/ace.sh).
ACE_DIR := build/ace
.PHONY: check-readers check-a11y
check-readers: deps
	@$(MAKE) -s deps DEB_ALL="calibre"
	@$(MAKE) -s all
	@B=$(B) tests/readers/run calibre

$(ACE_DIR)/node_modules/.bin/ace-puppeteer:
	@command -v npm >/dev/null 2>&1 || $(MAKE) -s deps DEB_ALL="npm"
	@mkdir -p $(ACE_DIR) && cd $(ACE_DIR) && PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
	  npm install --no-audit --no-fund --loglevel=error @daisy/ace

check-a11y: deps
	@$(MAKE) -s deps DEB_ALL="chromium"
	@$(MAKE) -s all $(ACE_DIR)/node_modules/.bin/ace-puppeteer
	@B=$(B) ACE=$(CURDIR)/$(ACE_DIR)/node_modules/.bin/ace-puppeteer tests/readers/run ace

# The golden files, rewritten from what the code makes now: the reader's
# model dumps, the layout trace and the importer's Markdown.  The only way
# they change; `make check` never writes them.  Review `git diff tests/data`.
golden: all
	@for t in test_read test_layout; do $(B)/tests/$$t --update > $(B)/tests/$$t.golden.log || \
	  { grep '^not ok' $(B)/tests/$$t.golden.log; exit 1; }; done
	@for t in tests/data/import/*.txt; do m=$${t%.txt}.md; [ -f "$$m" ] || continue; \
	  $(B)/galley import "$$t" -o "$$m" || exit 1; done
	@echo "  golden files rewritten: review git diff tests/data"

clean:
	rm -rf build examples/out

# ---- install ----------------------------------------------------------------
MAN_PAGES := man/galley.1 man/galley-config.5 man/galley-digest.5 man/libgalley.3

# galley.pc names what a client needs: galley's include folder and the
# library.  With --static, the libraries libgalley.a itself calls (not
# those it loads with dlopen, src/base/lazy.h), as plain -l flags rather
# than Requires.private, which pkg-config resolves even without --static
# and whose Cflags it would print.  Always regenerated: it records PREFIX
# and LIBDIR, which may differ from one `make install` to the next without
# any file changing.
under_prefix = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))
.PHONY: $(B)/galley.pc
$(B)/galley.pc: Makefile
	@mkdir -p $(dir $@)
	@printf '%s\n' 'prefix=$(PREFIX)' 'includedir=$(call under_prefix,$(INCLUDEDIR))' \
	  'libdir=$(call under_prefix,$(LIBDIR))' '' \
	  'Name: galley' 'Description: Markdown articles to print-ready PDF and EPUB 3' 'Version: $(VERSION)' \
	  'Libs: -L$${libdir} -lgalley' \
	  'Libs.private: -lcmark-gfm-extensions -lcmark-gfm -lyaml -ldeflate $(HYPHEN_LIBS) -lm -pthread -ldl' \
	  'Cflags: -I$${includedir}' > $@

# The manual pages as installed: the data folder they name is the one
# compiled in (the pages in man/ name the default, /usr/local).
.PHONY: install-man
install-man:
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man5
	@for p in $(MAN_PAGES); do s=$${p##*.}; \
	  echo "  MAN     $(DESTDIR)$(MANDIR)/man$$s/$${p#man/}"; \
	  sed 's|/usr/local/share/galley|$(DATADIR)/galley|g' $$p > $(DESTDIR)$(MANDIR)/man$$s/$${p#man/} && \
	  chmod 644 $(DESTDIR)$(MANDIR)/man$$s/$${p#man/} || exit 1; done

install: all $(B)/galley.pc install-man
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)/galley \
	  $(DESTDIR)$(DATADIR)/galley/fonts/licenses $(DESTDIR)$(COMPDIR)
	install -m 755 $(B)/bin/galley $(DESTDIR)$(BINDIR)/galley
	install -d $(DESTDIR)$(MODULEDIR) && install -m 755 $(HL_MODULE) $(DESTDIR)$(MODULEDIR)/galley-highlight.so
	install -m 644 $(B)/libgalley.a $(DESTDIR)$(LIBDIR)/libgalley.a
	install -m 644 $(B)/libgalley.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libgalley.so.$(VERSION)
	ln -sf libgalley.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libgalley.so.$(SONAME_MAJOR)
	ln -sf libgalley.so.$(SONAME_MAJOR) $(DESTDIR)$(LIBDIR)/libgalley.so
	install -m 644 include/galley.h $(DESTDIR)$(INCLUDEDIR)/galley.h
	install -m 644 include/galley/*.h $(DESTDIR)$(INCLUDEDIR)/galley/
	install -m 644 fonts/*.ttf fonts/README.md $(DESTDIR)$(DATADIR)/galley/fonts/
	install -m 644 fonts/licenses/* $(DESTDIR)$(DATADIR)/galley/fonts/licenses/
	install -m 644 $(B)/galley.pc $(DESTDIR)$(LIBDIR)/pkgconfig/galley.pc
	install -m 644 contrib/galley.bash $(DESTDIR)$(COMPDIR)/galley

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/galley $(DESTDIR)$(LIBDIR)/libgalley.a $(DESTDIR)$(LIBDIR)/libgalley.so \
	  $(DESTDIR)$(LIBDIR)/libgalley.so.$(SONAME_MAJOR) $(DESTDIR)$(LIBDIR)/libgalley.so.$(VERSION) \
	  $(DESTDIR)$(INCLUDEDIR)/galley.h $(DESTDIR)$(LIBDIR)/pkgconfig/galley.pc $(DESTDIR)$(COMPDIR)/galley \
	  $(foreach p,$(MAN_PAGES),$(DESTDIR)$(MANDIR)/man$(subst .,,$(suffix $(p)))/$(notdir $(p)))
	rm -rf $(DESTDIR)$(INCLUDEDIR)/galley $(DESTDIR)$(DATADIR)/galley $(DESTDIR)$(MODULEDIR)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_BIN:=.d) $(B)/examples/digest.d

# ---- benchmark (issue 7; see bench/README.md) --------------------------------
.PHONY: bench-peers
bench: deps
	@$(MAKE) -s all
	@B=$(B) bench/run.sh

bench-peers: deps
	@$(MAKE) -s deps DEB_ALL="weasyprint"
	@$(MAKE) -s all
	@B=$(B) bench/peers.sh $(PEERS_FLAGS)

# ---- leak check (issue 6) -----------------------------------------------------
# Every example, each alone and all as one book, through both writers under
# valgrind: any definite or indirect leak or memory error fails.
VALGRIND ?= valgrind --quiet --leak-check=full --error-exitcode=1 --errors-for-leak-kinds=definite,indirect
LEAK_OUT := build/leakcheck
.PHONY: leakcheck
leakcheck: all
	@mkdir -p $(LEAK_OUT)
	@for f in $(EXAMPLES); do n=$$(basename $$f .md); \
	  for c in pdf epub; do echo "  VALGRIND galley $$c $$f"; \
	    $(VALGRIND) $(B)/galley $$c -q -o $(LEAK_OUT)/$$n.$$c $$f || exit 1; done; \
	done
	@for c in pdf epub; do echo "  VALGRIND galley $$c (book of all examples)"; \
	  $(VALGRIND) $(B)/galley $$c -q -o $(LEAK_OUT)/book.$$c $(EXAMPLES) || exit 1; done
	@echo "  leakcheck: no leak, no memory error"
