#!/usr/bin/env bash
# End-to-end test of the AsyncAnalyzers package as users get it:
#   pack -> inspect the nupkg -> `dotnet add package` into a throwaway console app from the local feed ->
#   build (warning in the log and in SARIF) -> build with -warnaserror (must fail) ->
#   `dotnet format analyzers` (code rewritten) -> build again (clean).
# Exits non-zero on the first failed check. Runs offline: the throwaway project uses only the local feed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# A fresh package cache, so a package with the same version packed earlier can never be picked up instead.
export NUGET_PACKAGES="$work/nuget-cache"

passed=0
failed=0
check() { # check "description" command...
  local what=$1; shift
  if "$@"; then echo "  ok   $what"; passed=$((passed + 1)); else echo "  FAIL $what"; failed=$((failed + 1)); fi
}

version="0.1.0-e2e.$(date +%s)"
feed="$work/feed"
mkdir -p "$feed"
echo "== pack AsyncAnalyzers $version"
dotnet pack "$root/src/AsyncAnalyzers.Package/AsyncAnalyzers.Package.csproj" -c Release -p:Version="$version" -o "$feed" --nologo -v q >"$work/pack.log" 2>&1 \
  || { cat "$work/pack.log"; exit 1; }
nupkg="$feed/AsyncAnalyzers.$version.nupkg"
listing=$(unzip -l "$nupkg")
echo "$listing"
nuspec=$(unzip -p "$nupkg" AsyncAnalyzers.nuspec)
check "package has analyzers/dotnet/cs/AsyncAnalyzers.dll" grep -q "analyzers/dotnet/cs/AsyncAnalyzers.dll" <<<"$listing"
check "package has analyzers/dotnet/cs/AsyncAnalyzers.CodeFixes.dll" grep -q "analyzers/dotnet/cs/AsyncAnalyzers.CodeFixes.dll" <<<"$listing"
check "package has no lib/ folder" bash -c "! grep -q ' lib/' <<<\"\$0\"" "$listing"
check "package has README.md" grep -q " README.md" <<<"$listing"
check "nuspec marks a development dependency" grep -q "<developmentDependency>true</developmentDependency>" <<<"$nuspec"
check "nuspec declares no dependencies" bash -c "! grep -q '<dependencies' <<<\"\$0\"" "$nuspec"
check "nuspec has license and readme" bash -c "grep -q '<license type=\"expression\">MIT</license>' <<<\"\$0\" && grep -q '<readme>README.md</readme>' <<<\"\$0\"" "$nuspec"

app="$work/app"
mkdir -p "$app"
cat >"$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="e2e" value="$feed" />
  </packageSources>
</configuration>
XML
cat >"$app/App.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
</Project>
XML
cat >"$app/Program.cs" <<'CS'
public static class Program
{
    public static async Task Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        await Task.Yield();
        Thread.Sleep(10); // back off before the next poll
        Console.WriteLine("done");
    }
}
CS

echo "== dotnet add package"
(cd "$app" && dotnet add package AsyncAnalyzers --version "$version" >"$work/add.log" 2>&1) || { cat "$work/add.log"; exit 1; }
check "dotnet add package wrote PrivateAssets=all (DevelopmentDependency)" grep -q "<PrivateAssets>all</PrivateAssets>" "$app/App.csproj"

echo "== build with SARIF log"
(cd "$app" && dotnet build --nologo -p:ErrorLog="$work/app.sarif%2Cversion=2.1" >"$work/build1.log" 2>&1) || { cat "$work/build1.log"; exit 1; }
check "build output has warning ASYNC101 at Program.cs(7,9)" grep -q "Program.cs(7,9): warning ASYNC101" "$work/build1.log"
check "SARIF log has an ASYNC101 result" grep -q '"ruleId": "ASYNC101"' "$work/app.sarif"

echo "== build with -warnaserror"
if (cd "$app" && dotnet build --nologo --no-incremental -warnaserror >"$work/build2.log" 2>&1); then warnaserror_failed=no; else warnaserror_failed=yes; fi
check "-warnaserror build fails" test "$warnaserror_failed" = yes
check "-warnaserror build reports error ASYNC101" grep -q "error ASYNC101" "$work/build2.log"

echo "== dotnet format analyzers"
(cd "$app" && dotnet format analyzers --diagnostics ASYNC101 --severity warn >"$work/format.log" 2>&1) || { cat "$work/format.log"; exit 1; }
check "dotnet format rewrote Thread.Sleep to await Task.Delay with the token" grep -q "await Task.Delay(10, cts.Token); // back off before the next poll" "$app/Program.cs"
(cd "$app" && dotnet build --nologo --no-incremental -warnaserror >"$work/build3.log" 2>&1) && clean=yes || clean=no
check "build after the fix is clean under -warnaserror" test "$clean" = yes
if [ "$clean" != yes ]; then cat "$work/build3.log"; cat "$app/Program.cs"; fi

echo "package e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
