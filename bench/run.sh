#!/bin/sh
# What `make bench` runs: builds the reports to measure, runs each case, prints
# the tables as it goes and writes them, with the machine they ran on, to
# bench/RESULTS.md.
#
#   bench/run.sh            (from the repository root, after `make bench`'s build steps)
#   bench/run.sh --assemble  rewrites RESULTS.md from the tables of the last run
#                            (after editing bench/ANALYSIS.md), measuring nothing
#
# Environment (the Makefile sets these): BUILD (build), SEEDS (../shared/corpus/seeds,
# skipped when absent), CC, OPTFLAGS, RESULTS (bench/RESULTS.md).
set -eu

BUILD=${BUILD:-build}
SEEDS=${SEEDS:-../shared/corpus/seeds}
RESULTS=${RESULTS:-bench/RESULTS.md}
OUT=$BUILD/bench
BENCH=$OUT/bench
SECTIONS=$OUT/sections
ASSEMBLE_ONLY=
[ "${1:-}" = --assemble ] && ASSEMBLE_ONLY=1

note() { echo "bench: $*" >&2; }

# A section: the command's Markdown goes to the terminal and to $SECTIONS/NAME.md.
# A section that fails is noted, and the run exits with an error at the end.
failed_sections=
section() {
	section_name=$1
	section_status=$SECTIONS/$1.status
	shift
	{
		status=0
		"$@" || status=$?
		echo "$status" >"$section_status"
	} | tee "$SECTIONS/$section_name.md"
	echo | tee -a "$SECTIONS/$section_name.md"
	if [ "$(cat "$section_status")" != 0 ]; then
		note "the $section_name section failed"
		failed_sections="$failed_sections $section_name"
	fi
}

# --- inputs ------------------------------------------------------------------

seed_files=
if ls "$SEEDS"/*.txt >/dev/null 2>&1; then
	seed_files=$(ls "$SEEDS"/*.txt)
fi
# A report with few findings (the cleanest fixtures), for the editor's cost
# where the diagnostics are few.
clean_sources="tests/fixtures/01-standard.txt tests/fixtures/07-problems-remedies.txt"

make_inputs() {
	[ -n "$seed_files" ] || note "no seeds in $SEEDS: the reports are built from tests/fixtures alone"
	# shellcheck disable=SC2086
	"$OUT/gen_reports" "$OUT" $seed_files tests/fixtures/*.txt >"$OUT/inputs.log"
	cat "$OUT/inputs.log" >&2
	mkdir -p "$OUT/clean"
	rm -f "$OUT"/clean/*
	# shellcheck disable=SC2086
	if ls $clean_sources >/dev/null 2>&1; then
		"$OUT/gen_reports" "$OUT/clean" $clean_sources >"$OUT/clean/inputs.log"
	fi
}

inputs() {
	echo "### Inputs"
	echo
	seed_count=$(echo "$seed_files" | grep -c . || true)
	fixture_count=$(ls tests/fixtures/*.txt | wc -l)
	if [ "$seed_count" -gt 0 ]; then
		from="$seed_count real reports in \`../shared/corpus/seeds\` and the $fixture_count sample reports in \`tests/fixtures\`"
	else
		from="the $fixture_count sample reports in \`tests/fixtures\` (no seeds on this machine)"
	fi
	echo "Built by \`bench/gen_reports\` into \`$OUT/\` (not committed) from $from: the first"
	echo "source's title, recipient and preamble, then the level-1 sections of every source in turn,"
	echo "renumbered 一、二、… to keep the numbering continuous, then its signature. \`clean/\` is built"
	echo "the same way from the two fixtures with the fewest findings, 01 and 07, for the editor's"
	echo "cost when the findings are few."
	echo
	echo "| file | bytes | level-1 sections |"
	echo "|---|---|---|"
	for log in "$OUT/inputs.log" "$OUT/clean/inputs.log"; do
		[ -f "$log" ] || continue
		sed -n "s|^$OUT/\\(.*report-[^:]*\\): \\([0-9]*\\) bytes, \\([0-9]*\\) level-1.*|\\| \\1 \\| \\2 \\| \\3 \\||p" "$log"
	done
}

# --- machine -------------------------------------------------------------------

machine() {
	cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
	mhz=$(sed -n 's/^cpu MHz[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
	mem=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
	os=$(sed -n 's/^PRETTY_NAME="\(.*\)"/\1/p' /etc/os-release 2>/dev/null || true)
	ts_version=$(dpkg-query -W -f '${Version}' libtree-sitter0 2>/dev/null ||
		pkg-config --modversion tree-sitter 2>/dev/null || echo unknown)
	icu_version=$(pkg-config --modversion icu-uc 2>/dev/null || echo unknown)
	commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
	if [ -n "$(git status --porcelain -- src include grammar bench Makefile 2>/dev/null)" ]; then
		commit="$commit (with uncommitted changes)"
	fi
	echo "## Machine"
	echo
	echo "| | |"
	echo "|---|---|"
	echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
	echo "| CPU | $cpu, $(nproc) cores${mhz:+, $mhz MHz} |"
	echo "| memory | $mem |"
	echo "| system | ${os:-unknown}, Linux $(uname -r) |"
	echo "| load average (1, 5, 15 min) at the start, at the end | $(cat "$SECTIONS/load-start"), $(cut -d' ' -f1-3 /proc/loadavg) |"
	echo "| compiler | $($CC --version | head -n 1), \`$OPTFLAGS\` |"
	echo "| libtree-sitter | $ts_version |"
	echo "| ICU | $icu_version |"
	echo "| gongwen | $(sed -n 's/^#define GW_VERSION_STRING "\(.*\)"/\1/p' include/gongwen.h), commit $commit |"
	if command -v node >/dev/null 2>&1; then echo "| node | $(node --version) |"; fi
	if command -v nvim >/dev/null 2>&1; then echo "| nvim | $(nvim --version | head -n 1) |"; fi
}

# --- instruction counts ----------------------------------------------------------

# The total of a callgrind dump.
dump_total() { sed -n 's/^totals: //p' "$1"; }

instructions() {
	prefix=$OUT/callgrind.out
	rm -f "$prefix" "$prefix".*
	files="$OUT/report-10k.txt $OUT/report-100k.txt $OUT/report-1m.txt"
	dump_options=
	for s in bench_count_tree_sitter bench_count_document bench_count_lint \
		bench_count_tree_sitter_edit bench_count_edit; do
		dump_options="$dump_options --dump-after=$s"
	done
	note "callgrind: one run of each step (about a minute)"
	# shellcheck disable=SC2086
	valgrind --tool=callgrind --callgrind-out-file="$prefix" --toggle-collect='bench_count_*' \
		$dump_options "$BENCH" count "$OUT/report-1m.txt" $files >/dev/null 2>"$OUT/callgrind.log"
	# One line per dump, in order: step, instructions, file (the parse of a
	# file starts its steps; the edits come after the last file).
	n=1
	file_index=0
	editing=
	: >"$OUT/callgrind.tsv"
	while [ -f "$prefix.$n" ]; do
		step=$(sed -n 's/^desc: Trigger: --dump-after=bench_count_//p' "$prefix.$n")
		[ "$step" = tree_sitter ] && file_index=$((file_index + 1))
		[ "$step" = tree_sitter_edit ] && editing=1
		file=$(echo "$files" | cut -d' ' -f"$file_index")
		if [ -n "$editing" ]; then
			file=edit
			[ "$step" = lint ] && step=edit_lint
		fi
		[ "$step" = edit ] && edit_dump=$prefix.$n
		[ "$step" = document ] && document_dump=$prefix.$n
		[ "$step" = lint ] && lint_dump=$prefix.$n
		printf '%s\t%s\t%s\t%s\n' "$step" "$(dump_total "$prefix.$n")" "$file" \
			"$( [ "$file" = edit ] && echo 0 || wc -c <"$file")" >>"$OUT/callgrind.tsv"
		n=$((n + 1))
	done
	echo "### Instruction counts (callgrind)"
	echo
	echo "Instructions executed by one run of each step (\`valgrind --tool=callgrind\`): unlike the"
	echo "times above, these do not depend on the load of the machine. \`full\` = \`gw_document_new\` +"
	echo "\`gw_lint\`."
	echo
	echo "| report | tree-sitter per byte | gw_document_new per byte | gw_lint per byte | full / tree-sitter | full per byte × smallest |"
	echo "|---|---|---|---|---|---|"
	awk -F'\t' '
		$3 != "edit" { if (!($3 in bytes)) order[++count] = $3; bytes[$3] = $4; n[$3, $1] = $2 }
		END {
			for (i = 1; i <= count; i++) {
				f = order[i]; b = bytes[f]
				full = n[f, "document"] + n[f, "lint"]
				if (i == 1) first = full / b
				lint = ((f, "lint") in n) ? sprintf("%.1f", n[f, "lint"] / b) : "n/a"
				name = f; sub(/^.*\//, "", name)
				printf "| %s (%d bytes) | %.1f | %.1f | %s | %.2f× | %.2f |\n", name, b,
					n[f, "tree_sitter"] / b, n[f, "document"] / b, lint,
					full / n[f, "tree_sitter"], full / b / first
			}
		}' "$OUT/callgrind.tsv"
	echo
	awk -F'\t' '
		$3 != "edit" { last = $3; n[$3, $1] = $2; bytes[$3] = $4 }
		$3 != "edit" && !($3 in seen) { seen[$3] = 1; order[++count] = $3 }
		END {
			r = (n[last, "document"] + n[last, "lint"]) / n[last, "tree_sitter"]
			name = last; sub(/^.*\//, "", name)
			printf "- by instructions (independent of load), %s: full = %.2f× tree-sitter alone " \
				"(target ≤ 1.5×): **%s**\n", name, r, r <= 1.5 ? "met" : "not met"
			first = order[1]
			base = (n[first, "document"] + n[first, "lint"]) / bytes[first]
			worst = 0
			for (i = 2; i <= count; i++) {
				f = order[i]
				per = (n[f, "document"] + n[f, "lint"]) / bytes[f] / base
				if (per > worst) worst = per
			}
			from = first; sub(/^.*\//, "", from)
			printf "- growth by instructions, from %s to %s: full costs at most %.2f× as many " \
				"instructions per byte as on %s (linear: about 1, up to 1.5×; the reports mix their " \
				"sources differently): **%s**\n", from, name, worst, from, worst <= 1.5 ? "met" : "not met"
		}' "$OUT/callgrind.tsv"
	echo
	echo "One character typed into a paragraph in the middle of the 1 MB report:"
	echo
	echo "| step | instructions | × tree-sitter |"
	echo "|---|---|---|"
	awk -F'\t' '
		function thousands(v,   s) {
			s = sprintf("%d", v)
			while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s)
			return s
		}
		$3 == "edit" { n[$1] = $2 }
		END {
			label["tree_sitter_edit"] = "tree-sitter: ts_tree_edit + incremental parse"
			label["edit"] = "gw_document_edit"
			label["edit_lint"] = "gw_lint after it"
			for (k = 1; k <= 3; k++) {
				s = k == 1 ? "tree_sitter_edit" : k == 2 ? "edit" : "edit_lint"
				if (s in n) printf "| %s | %s | %.1f× |\n", label[s], thousands(n[s]),
					n[s] / n["tree_sitter_edit"]
			}
		}' "$OUT/callgrind.tsv"
	echo
	echo "Where \`gw_document_edit\`'s instructions go (inclusive: each function with what it calls;"
	echo "the functions with at least 5%):"
	echo
	callgrind_breakdown "$edit_dump"
	echo
	echo "Where \`gw_document_new\`'s instructions go on the 1 MB report:"
	echo
	callgrind_breakdown "$document_dump"
	echo
	echo "Where \`gw_lint\`'s instructions go on the 1 MB report:"
	echo
	callgrind_breakdown "$lint_dump"
}

# The functions of a callgrind dump with their inclusive share, from 5% up,
# under the measured step (not the program's frames around it, nor ICU's
# internals below its C functions).
callgrind_breakdown() {
	echo "| function | instructions | share |"
	echo "|---|---|---|"
	callgrind_annotate --inclusive=yes --auto=no "$1" 2>/dev/null |
		sed -n -E 's/^ *([0-9,]+) \( *([0-9.]+)%\)  [^ :]*:([^ []*).*$/\1 \2 \3/p' |
		awk '$2 >= 5 && $3 !~ /^(__libc_start|main$|\(below|0x|bench_count_|icu_[0-9]+::)/ {
			name = $3
			sub(/\(.*$/, "", name)
			if (!seen[name]++) printf "| `%s` | %s | %s%% |\n", name, $1, $2 }'
}

# --- Neovim ------------------------------------------------------------------------

# The plugin in a headless Neovim on report $2, headed $1; as tests/nvim/run
# does, with XDG directories of its own so that nothing of the user's is read.
neovim() {
	dir=$(mktemp -d)
	mkdir -p "$dir/config" "$dir/data" "$dir/state" "$dir/cache" "$dir/run"
	chmod 700 "$dir/run"
	root=$(pwd)
	XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data" XDG_STATE_HOME="$dir/state" \
		XDG_CACHE_HOME="$dir/cache" XDG_RUNTIME_DIR="$dir/run" NVIM_LOG_FILE="$dir/nvim.log" \
		GW_ROOT="$root" GW_BENCH_FILE="$root/$2" GW_BENCH_OUT="$dir/out.md" GW_BENCH_LABEL="$1" \
		timeout 900 nvim --headless --clean -u NONE -i NONE --cmd "set runtimepath^=$root" \
		-c "luafile $root/bench/nvim_bench.lua" </dev/null >"$dir/nvim.out" 2>&1 ||
		note "the Neovim benchmark on $2 failed (see below)"
	cat "$dir/out.md" 2>/dev/null || cat "$dir/nvim.out"
	rm -rf "$dir"
}

# --- AutoCorrect and zhlint ------------------------------------------------------------

PEER_PACKAGES="autocorrect-node@2.14.0 zhlint@0.8.2"

# Whether each of $PEER_PACKAGES is installed under $OUT at its version.
peers_installed() {
	for p in $PEER_PACKAGES; do
		package=${p%@*}
		version=$(node -p "require('./$OUT/node_modules/$package/package.json').version" 2>/dev/null) ||
			return 1
		[ "$version" = "${p##*@}" ] || return 1
	done
}

peers() {
	if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
		echo "No node or npm on this machine: AutoCorrect and zhlint not measured."
		return 0
	fi
	if ! peers_installed; then
		note "installing $PEER_PACKAGES under $OUT/node_modules"
		# shellcheck disable=SC2086
		npm install --prefix "$OUT" --no-save --no-package-lock --no-audit --no-fund \
			--loglevel=error $PEER_PACKAGES >&2 || true
	fi
	if ! peers_installed; then
		echo "npm could not install $PEER_PACKAGES: AutoCorrect and zhlint not measured."
		return 0
	fi
	# shellcheck disable=SC2086
	node bench/peers.mjs "$OUT" "$BUILD/gongwen" --time "$OUT/report-100k.txt" "$OUT/report-1m.txt" \
		--cli "$OUT/report-10k.txt" "$OUT/report-100k.txt" "$OUT/report-1m.txt" \
		--seeds $seed_files --fixtures tests/fixtures/*.txt
}

# --- run -------------------------------------------------------------------------

if [ -z "$ASSEMBLE_ONLY" ]; then
mkdir -p "$SECTIONS"
rm -f "$SECTIONS"/*
cut -d' ' -f1-3 /proc/loadavg >"$SECTIONS/load-start"
make_inputs
section inputs inputs
note "throughput (a few seconds per report)"
section throughput "$BENCH" throughput "$OUT/report-10k.txt" "$OUT/report-100k.txt" \
	"$OUT/report-1m.txt" "$OUT/report-10m.txt"
note "edit latency"
section edit "$BENCH" edit "$OUT/report-1m.txt"
if command -v valgrind >/dev/null 2>&1 && command -v callgrind_annotate >/dev/null 2>&1; then
	section instructions instructions
else
	note "no valgrind: instruction counts skipped"
fi
if command -v luajit >/dev/null 2>&1; then
	note "the Lua binding"
	section lua luajit bench/lua_bench.lua "$BUILD" "$OUT/report-100k.txt" "$OUT/report-1m.txt"
else
	note "no luajit: the Lua binding not measured"
fi
note "AutoCorrect and zhlint (about a minute)"
section peers peers
if command -v nvim >/dev/null 2>&1; then
	note "Neovim (a few minutes)"
	section nvim-mixed neovim "1 MB from the seeds and fixtures" "$OUT/report-1m.txt"
	if [ -f "$OUT/clean/report-1m.txt" ]; then
		section nvim-clean neovim "1 MB from the two cleanest fixtures" "$OUT/clean/report-1m.txt"
	fi
else
	note "no nvim: the plugin not measured"
fi
section machine machine
fi

# --- RESULTS.md ----------------------------------------------------------------------

if [ ! -f "$SECTIONS/machine.md" ]; then
	note "no tables of a run in $SECTIONS: run make bench first"
	exit 1
fi

{
	echo "# Benchmarks"
	echo
	echo "Written by \`make bench\` (bench/run.sh) on the machine below; do not edit by hand."
	echo "Times are wall-clock medians (minimum–maximum) of several runs; 1 MB is 2^20 bytes."
	echo
	echo "## Targets (issue 7)"
	echo
	for s in throughput edit instructions nvim-mixed nvim-clean peers; do
		[ -f "$SECTIONS/$s.md" ] && grep -h '^- .*\*\*\|\*\*\(not \)\{0,1\}met\*\*' "$SECTIONS/$s.md"
	done |
		sed 's/^| \([^|]*\) |.*\*\*\([a-z ]*\)\*\* (\([0-9.]*\) ms) |$/- one-character edit in the 1 MB report, \1: gw_document_edit + gw_lint \3 ms (target < 1 ms): **\2**/'
	echo
	if [ -f bench/ANALYSIS.md ]; then
		cat bench/ANALYSIS.md
		echo
	fi
	cat "$SECTIONS"/machine.md
	echo "## Results"
	echo
	for s in inputs throughput edit instructions lua nvim-mixed nvim-clean peers; do
		[ -f "$SECTIONS/$s.md" ] && cat "$SECTIONS/$s.md"
	done
} >"$RESULTS.new"
mv "$RESULTS.new" "$RESULTS"
note "wrote $RESULTS"
if [ -n "$failed_sections" ]; then
	note "failed:$failed_sections"
	exit 1
fi
