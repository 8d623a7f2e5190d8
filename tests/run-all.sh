#!/usr/bin/env bash
# All tests, as the README's second command and CI run them: restore + build the solution, the code style check, the xunit suite,
# then the package end to end (pack, install from a local feed, build, SARIF, -warnaserror, dotnet format).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== build"
dotnet build AsyncAnalyzers.sln -c Release --nologo -v q -clp:NoSummary

echo "== code style (.editorconfig; dotnet format --verify-no-changes)"
if ! dotnet format whitespace AsyncAnalyzers.sln --verify-no-changes --exclude samples \
   || ! dotnet format style AsyncAnalyzers.sln --verify-no-changes --severity warn --exclude samples; then
  echo "code style: run 'dotnet format AsyncAnalyzers.sln --severity warn --exclude samples' and commit the result"
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

echo "== unit tests"
results=$(mktemp -d)
set +e
dotnet test tests/AsyncAnalyzers.Tests/AsyncAnalyzers.Tests.csproj -c Release --no-build --nologo \
  --logger "trx;LogFileName=unit.trx" --results-directory "$results" 2>&1 | tee "$log"
unit_status=${PIPESTATUS[0]}
set -e
# Counts from the TRX result file (the console summary's wording is not a contract).
counters=$(grep -o '<Counters [^>]*>' "$results/unit.trx" 2>/dev/null | head -n 1 || true)
unit_passed=$(sed -nE 's/.* passed="([0-9]+)".*/\1/p' <<<"$counters")
unit_failed=$(sed -nE 's/.* failed="([0-9]+)".*/\1/p' <<<"$counters")
rm -rf "$results"
if [ "$unit_status" -ne 0 ] || [ -z "$unit_passed" ] || [ "$unit_passed" -eq 0 ] || [ "${unit_failed:-1}" -ne 0 ]; then
  echo "unit tests failed (exit $unit_status)"
  echo "tests: ${unit_passed:-0} passed, ${unit_failed:-1} failed"
  exit 1
fi

echo "== benchmark smoke (seconds; no thresholds: timing in CI is noise)"
dotnet run -c Release --no-build --project tests/AsyncAnalyzers.Benchmarks -- --smoke --out "$(mktemp -d)" > "$log" 2>&1 || { cat "$log"; echo "tests: ${unit_passed} passed, 1 failed"; exit 1; }
grep -E "^\| AsyncAnalyzers \(ours\)" "$log" || { cat "$log"; echo "benchmark smoke produced no table"; echo "tests: ${unit_passed} passed, 1 failed"; exit 1; }

echo "== benchmark smoke on a compiler command line (--command-line: a response file, its sources, references and .editorconfig)"
cl=$(mktemp -d)
sdk_root=$(dotnet --list-sdks | tail -n 1 | sed -E 's/.*\[(.*)\]$/\1/')
refs=$(ls -d "$(dirname "$sdk_root")"/packs/Microsoft.NETCore.App.Ref/*/ref/net* 2>/dev/null | tail -n 1)
# The same blocking read in two files; the .editorconfig turns ASYNC103 off for one of them: exactly one diagnostic
# shows that the analyzers ran and that the per-file options were read (two: options ignored; none: nothing ran).
for name in Reader Other; do
cat > "$cl/$name.cs" <<CS
using System.IO;
using System.Threading.Tasks;
public static class $name
{
    public static async Task<string> ReadAsync(string path)
    {
        await Task.Yield();
        using var reader = new StreamReader(path);
        return reader.ReadToEnd();
    }
}
CS
done
printf 'root = true\n[Other.cs]\ndotnet_diagnostic.ASYNC103.severity = none\n' > "$cl/.editorconfig"
{ echo "/target:library /nullable:enable /analyzerconfig:.editorconfig"; for r in "$refs"/*.dll; do echo "/reference:\"$r\""; done; echo "Reader.cs Other.cs"; } > "$cl/smoke.rsp"
dotnet run -c Release --no-build --project tests/AsyncAnalyzers.Benchmarks -- --command-line "$cl/smoke.rsp" --sets ours --warmup 0 --runs 1 --out "$cl" > "$log" 2>&1 || { cat "$log"; echo "tests: ${unit_passed} passed, 1 failed"; exit 1; }
# The ours row must exist and count one diagnostic (the last column).
grep -E "^\| AsyncAnalyzers \(ours\) .*\| 1 \|$" "$log" || { cat "$log"; echo "command-line smoke: no table, or not the one diagnostic"; echo "tests: ${unit_passed} passed, 1 failed"; exit 1; }
rm -rf "$cl"

echo "== package end to end"
set +e
bash tests/package-e2e.sh 2>&1 | tee "$log"
e2e_status=${PIPESTATUS[0]}
set -e
e2e_passed=$(sed -nE 's/^package e2e: ([0-9]+) passed, ([0-9]+) failed$/\1/p' "$log")
e2e_failed=$(sed -nE 's/^package e2e: ([0-9]+) passed, ([0-9]+) failed$/\2/p' "$log")
if [ "$e2e_status" -ne 0 ] && [ "${e2e_failed:-0}" -eq 0 ]; then e2e_failed=1; fi

total_passed=$((unit_passed + ${e2e_passed:-0}))
total_failed=$((unit_failed + ${e2e_failed:-0}))
echo "tests: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
