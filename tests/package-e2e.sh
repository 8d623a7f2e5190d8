#!/usr/bin/env bash
# End-to-end test of the AsyncAnalyzers package as users get it:
#   pack -> inspect the nupkg -> `dotnet add package` into a throwaway console app from the local feed ->
#   build (warning in the log and in SARIF) -> build with -warnaserror (must fail) ->
#   `dotnet format analyzers` (code rewritten) -> build again (clean);
#   presets (<AsyncAnalyzersMode>, the user's own config winning), ASYNC001 for malformed options,
#   ASYNC201 preferred_fix = cascade under dotnet format;
#   the precompiled (ReadyToRun) image given to command-line builds on the SDK's platform, the IL everywhere else;
#   the baseline on a legacy solution (single-target app + multi-target library): update -> clean -warnaserror build ->
#   edits elsewhere and dotnet format keep it -> one new violation fails alone -> a fixed one is reported stale once ->
#   the next update drops it -> -p:AsyncAnalyzersBaseline=false -> a malformed line is ASYNC001.
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

echo "== precompiled analyzers (ReadyToRun) in command-line builds"
platforms="linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64 win-arm64"
missing=""
for p in $platforms; do grep -q "precompiled/$p/AsyncAnalyzers.dll" <<<"$listing" || missing="$missing $p"; done
check "package has precompiled/<rid>/AsyncAnalyzers.dll for $platforms" test -z "$missing"
rid=$(cd "$app" && dotnet msbuild -getProperty:NETCoreSdkPortableRuntimeIdentifier 2>/dev/null | tr -d '\r')
[ -n "$rid" ] || rid=$(cd "$app" && dotnet msbuild -getProperty:NETCoreSdkRuntimeIdentifier | tr -d '\r')
# Which AsyncAnalyzers.dll the compiler was given (the Csc task logs its command line at normal verbosity).
given() { grep -oE "/analyzer:[^ ]*/AsyncAnalyzers\.dll" "$1" | sort -u | sed -E 's#.*/asyncanalyzers/[^/]+/##'; }
(cd "$app" && dotnet build --nologo --no-incremental -v:n >"$work/r2r.log" 2>&1) || { cat "$work/r2r.log"; exit 1; }
(cd "$app" && dotnet build --nologo --no-incremental -v:n -p:AsyncAnalyzersPrecompiled=false >"$work/il.log" 2>&1) || { cat "$work/il.log"; exit 1; }
if grep -qw -- "$rid" <<<"$platforms"; then
  check "a build on $rid gives the compiler precompiled/$rid/AsyncAnalyzers.dll, and no other copy" test "$(given "$work/r2r.log")" = "precompiled/$rid/AsyncAnalyzers.dll"
  # The runtime uses an image's code only when it accepts it (platform, runtime version, mapped from a file), and runs
  # it as IL otherwise: count our methods the JIT compiles in a compiler process of its own (no server: the compiler
  # server loads analyzers from memory, where an image is always IL).
  jitted() {
    rm -f "$work/jit.txt"
    (cd "$app" && DOTNET_JitStdOutFile="$work/jit.txt" DOTNET_JitDisasmSummary=1 dotnet build --nologo --no-incremental -v:q \
      -p:UseSharedCompilation=false "$@" >/dev/null 2>&1) || true
    grep -a -c "JIT compiled AsyncAnalyzers\." "$work/jit.txt" 2>/dev/null || true
  }
  jit_image=$(jitted); jit_il=$(jitted -p:AsyncAnalyzersPrecompiled=false)
  check "the compiler runs the image's precompiled code: ${jit_image:-?} of our methods JIT-compiled (IL: ${jit_il:-?})" \
    test "${jit_image:-999}" -lt 10 -a "${jit_il:-0}" -gt 50
else
  check "no image for $rid: the build gives the compiler the IL" test "$(given "$work/r2r.log")" = "analyzers/dotnet/cs/AsyncAnalyzers.dll"
fi
check "-p:AsyncAnalyzersPrecompiled=false: the IL" test "$(given "$work/il.log")" = "analyzers/dotnet/cs/AsyncAnalyzers.dll"
reported() { grep -oE "Program\.cs\([0-9]+,[0-9]+\): (warning|error) [A-Z]+[0-9]+" "$1" | sort -u | tr '\n' ' '; }
check "the image loads and reports what the IL reports (ASYNC101, no CS8034)" \
  bash -c "test '$(reported "$work/r2r.log")' = '$(reported "$work/il.log")' && grep -q 'warning ASYNC101' '$work/r2r.log' && ! grep -q 'CS8034' '$work/r2r.log'"
# A design-time build (what the IDE asks for: the compiler's inputs without running it) keeps the IL: the IDE's
# analyzer host may be another runtime or architecture than the SDK's.
(cd "$app" && dotnet msbuild -nologo -t:Compile -p:DesignTimeBuild=true -p:SkipCompilerExecution=true -p:ProvideCommandLineArgs=true \
  -getItem:Analyzer >"$work/designtime.json" 2>&1) || { cat "$work/designtime.json"; exit 1; }
check "a design-time build gives the IDE the IL" bash -c "grep -q 'analyzers/dotnet/cs/AsyncAnalyzers.dll' '$work/designtime.json' && ! grep -q 'precompiled/' '$work/designtime.json'"

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

# ---------------------------------------------------------------------------------------------------------------
# Presets: <AsyncAnalyzersMode> through the package's MSBuild files; a rule's own entry in the user's config wins.
echo "== presets"
presets="$work/presets"
mkdir -p "$presets"
cp "$app/nuget.config" "$presets/"
cat >"$presets/Presets.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="AsyncAnalyzers" Version="$version" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
cat >"$presets/Store.cs" <<'CS'
namespace Presets;
public static class Store
{
    public static int Read() => Load().Result;                              // ASYNC104 (Info by default)
    public static async Task Poll() { await Task.Yield(); Thread.Sleep(5); } // ASYNC101 (Warning)
    private static Task<int> Load() => Task.FromResult(1);
}
CS
preset_build() { # preset_build MODE -> the distinct "warning|error ASYNCnnn" of a clean build
  (cd "$presets" && dotnet build --nologo --no-incremental -p:AsyncAnalyzersMode="$1" 2>&1) | grep -oE "(warning|error) ASYNC[0-9]{3}" | sort -u | tr '\n' ' '
}
check "Default: ASYNC101 warning, ASYNC104 not in the build" test "$(preset_build Default)" = "warning ASYNC101 "
check "Recommended: ASYNC104 becomes a warning" test "$(preset_build Recommended)" = "warning ASYNC101 warning ASYNC104 "
# Strict also switches on the rules that ship disabled: ASYNC602 (Async suffix) reports Poll and Load.
check "Strict: every rule a warning, disabled ones too" test "$(preset_build Strict)" = "warning ASYNC101 warning ASYNC104 warning ASYNC602 "
check "None: nothing reported" test "$(preset_build None)" = ""
check "unknown mode: ASYNC001 names the property" bash -c "cd '$presets' && dotnet build --nologo --no-incremental -p:AsyncAnalyzersMode=Everything 2>&1 | grep -q \"warning ASYNC001: AsyncAnalyzersMode 'Everything' is ignored\""
printf 'is_global = true\ndotnet_diagnostic.ASYNC101.severity = error\n' >"$presets/.globalconfig"
check "None + the user's .globalconfig: the user's entry wins" test "$(preset_build None)" = "error ASYNC101 "
printf 'root = true\n[*.cs]\ndotnet_diagnostic.ASYNC104.severity = none\n' >"$presets/.editorconfig"
rm "$presets/.globalconfig"
check "Strict + the user's .editorconfig: ASYNC104 off" test "$(preset_build Strict)" = "warning ASYNC101 warning ASYNC602 "
# The second key sits in a section only Store.cs matches: the compiler builds a separate set of options for that file,
# which ASYNC001 must read as well as the one the generated files share.
printf 'root = true\n[*.cs]\nasync_analyzers.cascade_depth = deep\n[Store.cs]\nasync_analyzers.ASYNC103.exclude_method = M:A.B\n' >"$presets/.editorconfig"
(cd "$presets" && dotnet build --nologo --no-incremental 2>&1) >"$work/async001.log" || true
check "ASYNC001 for a non-integer option value" grep -q "warning ASYNC001: 'async_analyzers.cascade_depth' = 'deep' is ignored: expected a non-negative whole number" "$work/async001.log"
check "ASYNC001 for an unknown option name of a known rule" grep -q "warning ASYNC001: 'async_analyzers.async103.exclude_method' = 'M:A.B' is ignored: 'exclude_method' is not an option of ASYNC103" "$work/async001.log"
# With thousands of keys per file ASYNC001 compares the files' options by the dictionary the compiler shares between
# them: each file's own section (Store.cs, Zed.cs) is a dictionary of its own and must be read too.
printf 'namespace Presets;\npublic static class Zed { public static int Count() => 2; }\n' >"$presets/Zed.cs"
{ printf 'root = true\n[*.cs]\n'; for i in $(seq 1 3000); do printf 'team_style_%04d = true\n' "$i"; done
  printf 'async_analyzers.cascade_depth = deep\n[Store.cs]\nasync_analyzers.ASYNC103.exclude_method = M:A.B\n[Zed.cs]\nasync_analyzers.ASYNC201.cascade_depth = 2\n'; } >"$presets/.editorconfig"
(cd "$presets" && dotnet build --nologo --no-incremental 2>&1) >"$work/async001-many.log" || true
rm "$presets/Zed.cs"
check "ASYNC001 with 3,000 keys per file: the shared section's problem and each file's own" \
  bash -c "grep -q \"warning ASYNC001: 'async_analyzers.cascade_depth' = 'deep'\" '$work/async001-many.log' && grep -q \"warning ASYNC001: 'async_analyzers.async103.exclude_method' = 'M:A.B'\" '$work/async001-many.log' && grep -q \"warning ASYNC001: 'async_analyzers.async201.cascade_depth' = '2'\" '$work/async001-many.log'"

# dotnet format applies the first fix of a diagnostic: '_ =' for ASYNC201 in synchronous code, unless the team
# prefers the cascade (async_analyzers.ASYNC201.preferred_fix = cascade).
cat >"$presets/Store.cs" <<'CS'
namespace Presets;
internal static class Store
{
    internal static void Run() => Save();
    private static void Save() { WriteAsync(); }
    private static Task WriteAsync() => Task.Delay(1);
}
CS
printf 'root = true\n[*.cs]\nasync_analyzers.ASYNC201.preferred_fix = cascade\n' >"$presets/.editorconfig"
(cd "$presets" && dotnet format analyzers --diagnostics ASYNC201 --severity warn >"$work/format201.log" 2>&1) || { cat "$work/format201.log"; exit 1; }
check "preferred_fix = cascade: dotnet format makes the callers async instead of writing '_ ='" \
  bash -c "grep -q 'private static async Task Save() { await WriteAsync(); }' '$presets/Store.cs' && grep -q 'internal static async Task Run() => await Save();' '$presets/Store.cs'"

# ASYNC601 decides per project from MSBuild properties the package makes visible to the compiler (CompilerVisibleProperty).
configure="$work/configure"
mkdir -p "$configure"
cp "$app/nuget.config" "$configure/"
cat >"$configure/Lib.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <AsyncAnalyzersMode>Strict</AsyncAnalyzersMode>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="AsyncAnalyzers" Version="$version" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
cat >"$configure/Loader.cs" <<'CS'
namespace Lib;
public static class Loader
{
    public static async Task<int> LengthAsync(string path) => (await File.ReadAllTextAsync(path)).Length;
}
CS
configure_build() { (cd "$configure" && dotnet build --nologo --no-incremental "$@" 2>&1) | grep -oE "Loader.cs\([0-9]+,[0-9]+\): warning ASYNC601" | sort -u | tr '\n' ' '; }
check "Strict library: ASYNC601 on the await" test "$(configure_build)" = "Loader.cs(4,64): warning ASYNC601 "
check "Strict library with IsTestProject=true (a build property): no ASYNC601" test "$(configure_build -p:IsTestProject=true)" = ""

# ---------------------------------------------------------------------------------------------------------------
# Baseline: a legacy solution (a single-target app and a multi-target library) adopts the package.
echo "== baseline"
legacy="$work/legacy"
mkdir -p "$legacy/App" "$legacy/Lib"
cp "$app/nuget.config" "$legacy/"
cat >"$legacy/App/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="AsyncAnalyzers" Version="$version" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
# Two target frameworks without downloading a second targeting pack: two aliases of net10.0, one defining LEGACY.
cat >"$legacy/Lib/Lib.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFrameworks>current;legacy</TargetFrameworks>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <PropertyGroup Condition="'\$(TargetFramework)' == 'current' or '\$(TargetFramework)' == 'legacy'">
    <TargetFrameworkIdentifier>.NETCoreApp</TargetFrameworkIdentifier>
    <TargetFrameworkVersion>v10.0</TargetFrameworkVersion>
    <TargetFrameworkMoniker>.NETCoreApp,Version=v10.0</TargetFrameworkMoniker>
  </PropertyGroup>
  <PropertyGroup Condition="'\$(TargetFramework)' == 'legacy'">
    <DefineConstants>\$(DefineConstants);LEGACY</DefineConstants>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="AsyncAnalyzers" Version="$version" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
cat >"$legacy/Lib/Poller.cs" <<'CS'
namespace Lib;
public static class Poller
{
    public static async Task PollAsync()
    {
        await Task.Yield();
        Thread.Sleep(5);
#if LEGACY
        Thread.Sleep(8);
#endif
    }
}
CS
cat >"$legacy/App/Program.cs" <<'CS'
public static class Program
{
    public static async Task Main()
    {
        await Task.Yield();
        Thread.Sleep(10);
        Thread.Sleep(10);
        Console.WriteLine(Load().Result);
    }

    private static Task<int> Load() => Task.FromResult(1);
}
CS
(cd "$legacy" && dotnet new sln -n Legacy --format sln >/dev/null 2>&1 && dotnet sln add App/App.csproj Lib/Lib.csproj >/dev/null 2>&1)
(cd "$legacy" && dotnet build --nologo --no-incremental 2>&1) >"$work/legacy0.log" || true
check "before the baseline: the legacy solution has 5 ASYNC warnings" test "$(grep -oE 'Program.cs\([0-9]+,[0-9]+\): warning ASYNC[0-9]+|Poller.cs\([0-9]+,[0-9]+\): warning ASYNC[0-9]+' "$work/legacy0.log" | sort -u | wc -l)" -eq 5
(cd "$legacy" && dotnet build --nologo -p:AsyncAnalyzersUpdateBaseline=true 2>&1) >"$work/update1.log" || { cat "$work/update1.log"; exit 1; }
check "update writes one baseline per project" test -f "$legacy/App/AsyncAnalyzers.baseline.txt" -a -f "$legacy/Lib/AsyncAnalyzers.baseline.txt"
check "app baseline: two identical lines are two entries (occurrence 0 and 1)" bash -c "grep -qP '^ASYNC101\tProgram.cs\t0\tThread.Sleep\(10\);$' '$legacy/App/AsyncAnalyzers.baseline.txt' && grep -qP '^ASYNC101\tProgram.cs\t1\tThread.Sleep\(10\);$' '$legacy/App/AsyncAnalyzers.baseline.txt'"
check "multi-target baseline: the union of both target frameworks" bash -c "grep -qP '^ASYNC101\tPoller.cs\t0\tThread.Sleep\(8\);$' '$legacy/Lib/AsyncAnalyzers.baseline.txt' && grep -qP '^ASYNC101\tPoller.cs\t0\tThread.Sleep\(5\);$' '$legacy/Lib/AsyncAnalyzers.baseline.txt'"
cp "$legacy/App/AsyncAnalyzers.baseline.txt" "$work/app-baseline-1.txt"
(cd "$legacy" && dotnet build --nologo --no-incremental -p:AsyncAnalyzersUpdateBaseline=true 2>&1) >/dev/null
check "update is deterministic: a second update writes the same bytes" cmp -s "$legacy/App/AsyncAnalyzers.baseline.txt" "$work/app-baseline-1.txt"

sarif_build() { (cd "$legacy" && dotnet build --nologo --no-incremental -warnaserror "$@" 2>&1); }
sarif_build -p:ErrorLog="$work/legacy.sarif%2Cversion=2.1" >"$work/legacy1.log" && clean=yes || clean=no
check "with the baseline: the solution builds clean under -warnaserror" test "$clean" = yes
check "SARIF lists the baselined diagnostics as suppressed, with the justification" grep -q "Listed in AsyncAnalyzers.baseline.txt" "$work/legacy.sarif"
check "a SARIF log shared by the solution's projects causes no false stale entries" bash -c "! grep -q 'stale baseline entry' '$work/legacy1.log'"

# Edits elsewhere: lines inserted above and the old code re-indented and moved; dotnet format re-indents it back.
cat >"$legacy/App/Program.cs" <<'CS'
// Entry point.
public static class Program
{
    private static Task<int> Load() => Task.FromResult(1);

    public static async Task Main()
    {
        await Task.Yield();
        Console.WriteLine(Load().Result);
              Thread.Sleep(10);
        Thread.Sleep(10);
    }
}
CS
sarif_build >"$work/legacy2.log" && clean=yes || clean=no
check "code moved and re-indented: still baselined" test "$clean" = yes
(cd "$legacy" && dotnet format whitespace Legacy.sln >/dev/null 2>&1) || true
sarif_build >"$work/legacy3.log" && clean=yes || clean=no
check "after dotnet format: still baselined" test "$clean" = yes

# One new violation: only it fails the build.
sed -i 's|^        Console.WriteLine(Load().Result);|        Console.WriteLine(Load().Result);\n        Thread.Sleep(20);|' "$legacy/App/Program.cs"
sarif_build >"$work/legacy4.log" && clean=yes || clean=no
check "a new violation fails the build" test "$clean" = no
check "only the new violation is an error" test "$(grep -oE 'Program.cs\([0-9]+,[0-9]+\): error ASYNC[0-9]+' "$work/legacy4.log" | sort -u | tr '\n' ' ')" = "Program.cs(10,9): error ASYNC101 "
sed -i '/Thread.Sleep(20);/d' "$legacy/App/Program.cs"

# Fix an old one (in the LEGACY target framework only): the stale entry is reported once, the next update drops it.
sed -i 's|        Thread.Sleep(8);|        await Task.Delay(8);|' "$legacy/Lib/Poller.cs"
sarif_build >"$work/legacy5.log" && clean=yes || clean=no
check "after fixing an old violation the build is clean" test "$clean" = yes
check "the stale entry is reported once, with the baseline's line" test "$(grep -c 'AsyncAnalyzers.baseline.txt(4): message AsyncAnalyzersBaseline: stale baseline entry: ASYNC101 Poller.cs: Thread.Sleep(8);' "$work/legacy5.log")" -eq 1
(cd "$legacy" && dotnet build --nologo -p:AsyncAnalyzersUpdateBaseline=true 2>&1) >/dev/null
check "the next update drops the stale entry" bash -c "! grep -q 'Thread.Sleep(8)' '$legacy/Lib/AsyncAnalyzers.baseline.txt' && grep -q 'Thread.Sleep(5)' '$legacy/Lib/AsyncAnalyzers.baseline.txt'"
sarif_build -p:AsyncAnalyzersBaseline=false >"$work/legacy6.log" && clean=yes || clean=no
check "-p:AsyncAnalyzersBaseline=false ignores the file" bash -c "test '$clean' = no && grep -q 'error ASYNC101' '$work/legacy6.log'"
printf 'ASYNC101 Program.cs zero Thread.Sleep(10);\n' >>"$legacy/App/AsyncAnalyzers.baseline.txt"
(cd "$legacy" && dotnet build --nologo --no-incremental 2>&1) >"$work/legacy7.log" || true
check "an unreadable baseline line is ASYNC001 with its line number" grep -q "warning ASYNC001: '.*AsyncAnalyzers.baseline.txt line 6' = '(entry)' is ignored: expected 'rule<TAB>file<TAB>occurrence<TAB>line text'" "$work/legacy7.log"

echo "package e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
