# esc-autopsy developer entry points. `make test` is what CI runs.
BUILD ?= build
JOBS ?= 2
DEBIAN_PACKAGES = cmake ninja-build g++ pkg-config libyaml-dev libyaml-cpp-dev libcsv-dev libcli11-dev libfmt-dev \
  libboost-graph-dev libboost-math-dev doctest-dev nlohmann-json3-dev libmstch-dev \
  libxml2-utils python3 python3-jsonschema python3-yaml man-db dpkg-dev bash-completion
# Tools some tests drive (the HTML report in a headless browser, `dot`, networkx):
# without them `make test` skips those tests. Installed without recommends.
TEST_TOOLS = chromium graphviz python3-networkx
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all deps build demo test sanitize fuzz bench clean

all: build

# Installs the Debian packages that are missing (as root), or says what to install.
deps:
	@missing=""; tools=""; for p in $(DEBIAN_PACKAGES) $(TEST_TOOLS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" && continue; \
	  case " $(TEST_TOOLS) " in *" $$p "*) tools="$$tools $$p";; *) missing="$$missing $$p";; esac; \
	done; \
	if [ -n "$$missing$$tools" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing:$$missing$$tools"; apt-get update -qq && \
	    { [ -z "$$missing" ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; } && \
	    { [ -z "$$tools" ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$tools; }; \
	  else \
	    echo "Missing Debian packages:$$missing$$tools"; echo "Run: sudo apt-get install$$missing$$tools"; \
	    [ -z "$$missing" ] || exit 1; \
	  fi; \
	fi

build: deps
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

# Builds only the binary (not the test suite), then shows it on the examples.
demo: deps
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS) --target esc-autopsy
	@echo "== esc-autopsy validate examples/cases"
	@$(BUILD)/esc-autopsy validate examples/cases
	@echo
	@echo "== esc-autopsy validate examples/broken (one file per rule; exit 1 expected)"
	@$(BUILD)/esc-autopsy validate examples/broken || true
	@echo
	@echo "== esc-autopsy report examples/cases --as-of 2025-06-30"
	@$(BUILD)/esc-autopsy report --as-of 2025-06-30 examples/cases
	@echo
	@echo "== esc-autopsy report examples/cases --format html"
	@$(BUILD)/esc-autopsy -q report examples/cases --format html --as-of 2025-06-30 -o report.html --force
	@echo "Wrote $(CURDIR)/report.html: open it in a browser, or print it to PDF."

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer, but for
# the browser tests (they measure Chromium's layout, not our memory use).
sanitize:
	$(MAKE) test BUILD=build-asan CMAKE_FLAGS="-DCMAKE_BUILD_TYPE=Debug -DESC_SANITIZE=ON" CTEST_ARGS="-LE browser"

# 60-second libFuzzer smoke of the loader and validator (clang-14, libclang-rt-14-dev).
fuzz:
	tools/fuzz.sh 60

# The benchmarks of bench/README.md (minutes; not part of `make test`).
bench:
	bench/run.sh

clean:
	rm -rf $(BUILD) build-asan build-fuzz
