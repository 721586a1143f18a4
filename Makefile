# SPDX-License-Identifier: AGPL-3.0-or-later
# cabildo: one non-recursive GNU Makefile.  `make run` and `make check` are the
# two set-up commands of the README; the rest are for developers.
#
#   make                       release build into build/
#   make SANITIZE=address,undefined   sanitised build into build-asan/
#   make run                   install deps, build, create demo.db, serve :8080
#   make check                 install deps, run every test under sanitizers
#   make lint format-check fuzz bench

-include config.mk

VERSION  := 0.1.0
PREFIX   ?= /usr/local
CC       ?= gcc
SANITIZE ?=
PORT     ?= 8080
DB       ?= demo.db
FUZZ_SECONDS ?= 10

ifeq ($(SANITIZE),)
BUILD    ?= build
OPTFLAGS ?= -O2 -g -D_FORTIFY_SOURCE=3 -fstack-protector-strong
else
BUILD    ?= build-asan
OPTFLAGS ?= -O1 -g -fno-omit-frame-pointer -fsanitize=$(SANITIZE) \
	    -fno-sanitize-recover=all
endif

PKGS     := libmicrohttpd sqlite3 libcjson libsodium libcmark libxml-2.0 zlib
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lstemmer -lglpk -lpthread -lm

WARNINGS := -std=c17 -Wall -Wextra -Wpedantic -Wformat=2 -Wshadow \
	-Wpointer-arith -Wcast-qual -Wstrict-prototypes -Wmissing-prototypes \
	-Wwrite-strings -Wvla -Wundef -Wimplicit-fallthrough -Werror
CPPFLAGS_ALL = -D_POSIX_C_SOURCE=200809L -Isrc -I$(BUILD)/gen \
	-DCABILDO_VERSION='"$(VERSION)"' $(CPPFLAGS)
CFLAGS_ALL = $(WARNINGS) $(OPTFLAGS) $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(OPTFLAGS) $(LDFLAGS)

LIB_SRC := $(sort $(wildcard src/util/*.c src/core/*.c src/text/*.c \
	src/solve/*.c src/formats/*.c src/store/*.c src/web/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
GEN_SRC := $(BUILD)/gen/embed_sql.c $(BUILD)/gen/embed_web.c \
	$(BUILD)/gen/embed_data.c
SQL_FILES := $(sort $(wildcard src/store/sql/*.sql))
WEB_FILES := $(sort $(wildcard web/css/* web/js/* web/img/*))
DATA_FILES := $(sort $(wildcard data/events/*.json))
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
BENCH_SRC := $(sort $(wildcard bench/*.c))
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(GEN_SRC:%.c=%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_OBJ := $(UNIT_SRC:%.c=$(BUILD)/%.o)
LIB      := $(BUILD)/libcabildo.a
BIN      := $(BUILD)/cabildo
UNIT_BIN := $(BUILD)/unit-tests
EMBED    := $(BUILD)/tools/embed
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

.PHONY: all run check check-e2e unit lint format format-check fuzz bench \
	clean install deps test-build fuzz-build
.DEFAULT_GOAL := all

all: $(BIN)

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(LDFLAGS_ALL) -o $@ $(CLI_OBJ) $(LIB) $(PKG_LIBS)

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/%.o: %.c | $(GEN_SRC)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -Isrc -c -o $@ $<

$(EMBED): tools/embed.c
	@mkdir -p $(@D)
	gcc -std=c17 -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/gen/embed_sql.c: $(EMBED) $(SQL_FILES)
	@mkdir -p $(@D)
	$(EMBED) embed_sql $(SQL_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/embed_web.c: $(EMBED) $(WEB_FILES)
	@mkdir -p $(@D)
	$(EMBED) embed_web $(WEB_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/embed_data.c: $(EMBED) $(DATA_FILES)
	@mkdir -p $(@D)
	$(EMBED) embed_data $(DATA_FILES) > $@.tmp && mv $@.tmp $@

$(UNIT_BIN): $(UNIT_OBJ) $(LIB)
	$(CC) $(LDFLAGS_ALL) -o $@ $(UNIT_OBJ) $(LIB) $(PKG_LIBS) \
	    $(shell pkg-config --libs criterion)

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -o $@ $< $(LIB) $(PKG_LIBS)

test-build: $(BIN) $(UNIT_BIN)

# The writer of the crash consistency test (tests/crash/run.sh).
CRASH_CLIENT := $(BUILD)/tests/crash-client
test-build: $(CRASH_CLIENT)
$(CRASH_CLIENT): tests/crash/client.c
	@mkdir -p $(@D)
	$(CC) $(WARNINGS) -O2 -D_POSIX_C_SOURCE=200809L -o $@ $<

# SQL with the text search tokenizer, for tests that write proposals
# directly (the sqlite3 shell cannot: tests/tools/sql.c).
SQL_TOOL := $(BUILD)/tests/sql
test-build: $(SQL_TOOL)
$(SQL_TOOL): tests/tools/sql.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -o $@ $< $(LIB) $(PKG_LIBS)

deps:
	scripts/install-deps

run: deps
	$(MAKE) all
	@if [ ! -f $(DB) ]; then \
	    $(BIN) init --db $(DB) && $(BIN) demo --db $(DB) && \
	    $(BIN) schedule --db $(DB) --event ogp-americas-2017 \
	        --time-limit 10 --quiet && \
	    head -c 12 /dev/urandom | base64 > $(DB).password && \
	    $(BIN) user add --db $(DB) --email organiser@example.org \
	        --name "Demo organiser" --admin --password-file $(DB).password \
	        >/dev/null && \
	    echo "demo organiser: organiser@example.org, password in $(DB).password"; \
	fi
	$(BIN) serve --db $(DB) --listen 127.0.0.1:$(PORT)

check:
	scripts/install-deps --browser
	$(MAKE) SANITIZE=address,undefined test-build
	$(MAKE) fuzz-build
	tests/run-all.sh build-asan

unit: $(UNIT_BIN)
	$(UNIT_BIN)

check-e2e: $(BIN)
	tests/e2e/run.sh $(BUILD)

lint:
	tests/lint.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

format-check:
	clang-format --dry-run -Werror $$(git ls-files '*.c' '*.h')

# libFuzzer targets: the library is compiled once more with clang and
# coverage instrumentation (STACK.md pitfall 8), then linked into each target.
FUZZ_CC   ?= clang
FUZZ_DIR  := build-fuzz
FUZZ_BIN  := $(FUZZ_SRC:fuzz/%.c=$(FUZZ_DIR)/%)
FUZZ_LIB_SRC := $(filter-out src/web/server.c,$(LIB_SRC))
FUZZ_GEN := $(FUZZ_DIR)/gen/embed_sql.c $(FUZZ_DIR)/gen/embed_web.c \
	$(FUZZ_DIR)/gen/embed_data.c
FUZZ_OBJ := $(FUZZ_LIB_SRC:%.c=$(FUZZ_DIR)/%.o) $(FUZZ_GEN:%.c=%.o)
FUZZ_FLAGS = -std=c17 -g -O1 -fsanitize=fuzzer-no-link,address,undefined \
	-D_POSIX_C_SOURCE=200809L -Isrc -I$(FUZZ_DIR)/gen $(PKG_CFLAGS)

$(FUZZ_DIR)/%.o: %.c | $(FUZZ_GEN)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/gen/%.o: $(FUZZ_DIR)/gen/%.c
	$(FUZZ_CC) $(FUZZ_FLAGS) -c -o $@ $<

$(FUZZ_DIR)/libfuzzcabildo.a: $(FUZZ_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(FUZZ_DIR)/fuzz_%: fuzz/fuzz_%.c $(FUZZ_DIR)/libfuzzcabildo.a
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< \
	    $(FUZZ_DIR)/libfuzzcabildo.a $(PKG_LIBS)

$(FUZZ_DIR)/gen/embed_%.c: $(BUILD)/gen/embed_%.c
	@mkdir -p $(@D)
	cp $< $@

fuzz-build: $(FUZZ_BIN)

fuzz: fuzz-build
	tests/fuzz-run.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

bench: $(BIN) $(BENCH_BIN)
	@for b in bench/*.sh; do echo "== $$b"; $$b || exit 1; done

install: $(BIN)
	install -D -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/cabildo
	install -D -m 644 man/cabildo.1 $(DESTDIR)$(PREFIX)/share/man/man1/cabildo.1

clean:
	rm -rf build build-asan build-fuzz

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) \
	$(wildcard $(FUZZ_DIR)/src/*/*.d)
