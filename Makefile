# Koers - one plain Makefile (see shared STYLE.md).
#   make            build bin/koers and the web assets
#   make test       unit + integration tests, then again under ASan+UBSan
#   make check-pages  HTML validation and axe WCAG check of the pages
#   make lint-api   NL GOV API Design Rules linter on the OpenAPI document
#   SANITIZE=1      build with AddressSanitizer and UBSan into build-san/
CC ?= cc
PKGS = libmicrohttpd jansson sqlite3 libsodium libcmark libical xlsxwriter pangocairo cairo
# -Wno-format-truncation: messages are cut to their buffer on purpose.
CFLAGS_BASE = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Wall -Wextra -Werror -Wstrict-prototypes -Wformat=2 -Wshadow \
	-Wno-unused-parameter -Wno-format-truncation -O2 -g $(shell pkg-config --cflags $(PKGS))
LDLIBS = $(shell pkg-config --libs $(PKGS)) -lpthread -lm

ifeq ($(SANITIZE),1)
BUILD = build-san
BIN = build-san/koers
CFLAGS = $(CFLAGS_BASE) -O1 -fsanitize=address,undefined \
	-fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
else
BUILD = build
BIN = bin/koers
CFLAGS = $(CFLAGS_BASE)
endif

SRCS = $(filter-out src/main.c,$(wildcard src/*.c))
OBJS = $(patsubst src/%.c,$(BUILD)/%.o,$(SRCS)) $(BUILD)/schema.o \
	$(BUILD)/openapi.o
UNIT_TESTS = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/*.c))

.PHONY: all test unit integration check-pages lint-api clean assets bench fuzz

all: $(BIN) assets

$(BIN): $(BUILD)/main.o $(BUILD)/libkoers.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libkoers.a: $(OBJS)
	ar rcs $@ $^

$(BUILD)/%.o: src/%.c src/*.h | $(BUILD)
	$(CC) $(CFLAGS) -iquote src -c -o $@ $<

# The schema is embedded as a C string generated from src/schema.sql.
$(BUILD)/schema.c: src/schema.sql | $(BUILD)
	{ echo 'const char store_schema_sql[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/.*/"&\\n"/' $<; \
	  echo ';'; } > $@

$(BUILD)/schema.o: $(BUILD)/schema.c
	$(CC) $(CFLAGS) -c -o $@ $<

# The OpenAPI document is embedded the same way from docs/openapi.json.
$(BUILD)/openapi.c: docs/openapi.json | $(BUILD)
	{ echo 'const char openapi_json[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/.*/"&\\n"/' $<; \
	  echo ';'; } > $@

$(BUILD)/openapi.o: $(BUILD)/openapi.c
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD):
	mkdir -p $(BUILD)/tests

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libkoers.a
	$(CC) $(CFLAGS) -iquote src -o $@ $< $(BUILD)/libkoers.a $(LDFLAGS) $(LDLIBS) \
		$(shell pkg-config --libs cmocka)

assets: web/vendor/.stamp

web/vendor/.stamp: package.json package-lock.json scripts/web-assets.sh
	bash scripts/web-assets.sh
	@touch $@

unit: $(UNIT_TESTS)
	@set -e; for t in $(UNIT_TESTS); do echo "== $$t"; $$t 2>&1; done

integration: $(BIN)
	KOERS_BIN=$(BIN) python3 tests/integration.py 2>&1

test:
	bash tests/run-all.sh 2>&1

check-pages: $(BIN) assets
	KOERS_BIN=$(BIN) bash tests/check-pages.sh 2>&1

lint-api: $(BIN)
	KOERS_BIN=$(BIN) bash tests/lint-api.sh 2>&1

$(BUILD)/bench_cycle: bench/bench_cycle.c $(BUILD)/libkoers.a
	$(CC) $(CFLAGS) -iquote src -o $@ $< $(BUILD)/libkoers.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/bench_similarity: bench/bench_similarity.c $(BUILD)/libkoers.a
	$(CC) $(CFLAGS) -iquote src -o $@ $< $(BUILD)/libkoers.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/bench_monitor: bench/bench_monitor.c $(BUILD)/libkoers.a
	$(CC) $(CFLAGS) -iquote src -o $@ $< $(BUILD)/libkoers.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/bench_evaluation: bench/bench_evaluation.c $(BUILD)/libkoers.a
	$(CC) $(CFLAGS) -iquote src -o $@ $< $(BUILD)/libkoers.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/bench_overlap: bench/bench_overlap.c $(BUILD)/libkoers.a
	$(CC) $(CFLAGS) -iquote src -o $@ $< $(BUILD)/libkoers.a $(LDFLAGS) $(LDLIBS)

bench: $(BIN) $(BUILD)/bench_cycle $(BUILD)/bench_overlap $(BUILD)/bench_similarity \
		$(BUILD)/bench_monitor $(BUILD)/bench_evaluation
	$(BUILD)/bench_evaluation data 2>&1
	$(BUILD)/bench_cycle data 2>&1
	$(BUILD)/bench_similarity 2>&1
	$(BUILD)/bench_overlap 2>&1
	KOERS_BIN=$(BIN) bash bench/run.sh 2>&1
	KOERS_BIN=$(BIN) BENCH_MONITOR=$(BUILD)/bench_monitor bash bench/monitor.sh 2>&1

# Fuzz the parsers that take untrusted bytes (needs clang with libFuzzer;
# FUZZ_SECONDS per target, default 30). Not part of `make test`.
FUZZ_SECONDS ?= 30
FUZZ_FLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall \
	-Wextra -Werror -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -iquote src
fuzz:
	mkdir -p build/fuzz/corpus-form build/fuzz/corpus-text
	clang $(FUZZ_FLAGS) -o build/fuzz/fuzz_form fuzz/fuzz_form.c src/form.c \
		src/text.c
	clang $(FUZZ_FLAGS) -o build/fuzz/fuzz_text fuzz/fuzz_text.c src/text.c
	build/fuzz/fuzz_form -max_total_time=$(FUZZ_SECONDS) -dict=fuzz/form.dict \
		-artifact_prefix=build/fuzz/ build/fuzz/corpus-form fuzz/corpus/form
	build/fuzz/fuzz_text -max_total_time=$(FUZZ_SECONDS) \
		-artifact_prefix=build/fuzz/ build/fuzz/corpus-text fuzz/corpus/text
	mkdir -p build/fuzz/corpus-ical
	clang $(FUZZ_FLAGS) -o build/fuzz/fuzz_ical fuzz/fuzz_ical.c src/ical.c \
		src/text.c src/calendar.c $(shell pkg-config --cflags --libs libical)
	build/fuzz/fuzz_ical -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		-timeout=10 -artifact_prefix=build/fuzz/ build/fuzz/corpus-ical
	mkdir -p build/fuzz/corpus-csv
	clang $(FUZZ_FLAGS) -o build/fuzz/fuzz_csv fuzz/fuzz_csv.c src/csvread.c \
		src/text.c
	build/fuzz/fuzz_csv -max_total_time=$(FUZZ_SECONDS) \
		-artifact_prefix=build/fuzz/ build/fuzz/corpus-csv

clean:
	rm -rf build build-san bin
