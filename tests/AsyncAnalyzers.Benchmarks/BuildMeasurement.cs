using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace AsyncAnalyzers.Benchmarks
{
    /// <summary>
    /// <c>build TARGET [--runs N] [--sets ours,asyncfixer,vsthrd,netanalyzers] [--ours DLL] [--property K=V] [--server | --fresh-server] [--out DIR]</c>: what a real build pays.
    /// TARGET is a project or solution (fetched real code), <c>--empty</c> (a generated 46-line library without async code:
    /// the fixed cost per compilation) or <c>--multi N</c> (a generated solution of N small projects: a fixed cost hides in
    /// per-project overhead). Every set is attached to the same builds from outside the code (a targets file passed as
    /// <c>CustomAfterMicrosoftCommonTargets</c>); each build runs with <c>--no-incremental -p:ReportAnalyzer=true</c> and
    /// (by default) without the compiler server, so every compilation starts cold, as on a CI agent. The compiler's own report is
    /// parsed and summed over the build's compilations; the median of the runs is reported per set and per rule.
    /// <c>--ours DLL</c> measures another build of our analyzer assembly (e.g. the previous commit's, for before/after).
    /// <c>--server</c> builds through the compiler server instead (the SDK's default): the server is shut down, one
    /// unmeasured build warms it, then the measured builds run in it. That is what a developer's repeated builds pay (and,
    /// near enough, the IDE's long-lived process): every analyzer's code is compiled by the JIT once per server, not once
    /// per project and build. <c>--fresh-server</c> starts a new server for each measured build: the SDK's default on a fresh
    /// CI agent, where the first compilation of a build is cold and the solution's other projects run in the same server.
    /// </summary>
    internal static class BuildMeasurement
    {
        private static readonly Regex Line = new Regex(@"^\s+(?<time><?[0-9.]+)\s+(?<percent><?[0-9]+)\s+(?<name>\S.*)$", RegexOptions.Compiled);

        public static int Run(string[] args)
        {
            string? target = null;
            var runs = 3;
            var sets = new List<string> { "ours", "asyncfixer", "vsthrd", "netanalyzers" };
            string? outDir = null;
            int? multi = null;
            var empty = false;
            string? oursDll = null;
            var properties = new List<string>();
            var server = false;
            var freshServer = false;
            for (var i = 1; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--sets": sets = args[++i].Split(',').ToList(); break;
                    case "--out": outDir = args[++i]; break;
                    case "--empty": empty = true; break;
                    case "--multi": multi = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--ours": oursDll = Path.GetFullPath(args[++i]); break;
                    case "--property": properties.Add(args[++i]); break;
                    case "--server": server = true; break;
                    case "--fresh-server": server = true; freshServer = true; break;
                    default: target = args[i]; break;
                }
            }

            var work = Path.Combine(Path.GetTempPath(), "asyncanalyzers-build-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(work);
            string label;
            if (empty)
            {
                target = GenerateProject(Path.Combine(work, "Empty"), "Empty", references: Array.Empty<string>());
                label = "empty project (46 lines, no async code)";
            }
            else if (multi is { } count)
            {
                target = GenerateSolution(work, count);
                label = $"generated solution, {count} small projects";
            }
            else if (target is null)
            {
                Console.Error.WriteLine("build: give a project or solution, --empty or --multi N");
                return 2;
            }
            else
            {
                label = Path.GetFileName(target);
            }

            var inject = WriteInjection(work, sets, oursDll ?? typeof(AsyncAnalyzers.Descriptors).Assembly.Location);
            var perRun = new List<Dictionary<string, double>>();
            if (server && !freshServer)
            {
                ShutDownServer();
                var (warmed, warmOutput) = Build(target!, inject, sets.Contains("netanalyzers"), properties, server);
                if (!warmed)
                {
                    return BuildFailed(target!, warmOutput);
                }

                Console.WriteLine("warm-up build done (compiler server)");
            }

            for (var run = 0; run < runs; run++)
            {
                if (freshServer)
                {
                    ShutDownServer();
                }

                var (ok, output) = Build(target!, inject, sets.Contains("netanalyzers"), properties, server);
                if (!ok)
                {
                    return BuildFailed(target!, output);
                }

                perRun.Add(Parse(output));
                Console.WriteLine($"run {run + 1}/{runs} done");
            }

            if (server)
            {
                ShutDownServer();
            }

            var mode = freshServer ? "builds, each in a new compiler server" : server ? "builds in a warm compiler server" : "cold builds";
            var report = Report(label, target!, runs, sets, perRun, args, mode);
            Console.WriteLine(report);
            if (outDir != null)
            {
                Directory.CreateDirectory(outDir);
                var file = Path.Combine(outDir, "build-" + Regex.Replace(label, "[^A-Za-z0-9]+", "-").Trim('-').ToLowerInvariant() + ".md");
                File.WriteAllText(file, report);
                Console.WriteLine("wrote " + file);
            }

            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }

            return 0;
        }

        private static int BuildFailed(string target, string output)
        {
            Console.Error.WriteLine(output.Length > 4000 ? output.Substring(output.Length - 4000) : output);
            Console.Error.WriteLine("build failed: " + target);
            return 1;
        }

        private static void ShutDownServer()
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add("build-server");
            info.ArgumentList.Add("shutdown");
            info.ArgumentList.Add("--vbcscompiler");
            using var process = Process.Start(info)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
        }

        private static (bool Ok, string Output) Build(string target, string inject, bool netAnalyzers, List<string> properties, bool server)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "build", target, "-c", "Release", "--no-incremental", "-v:d", "-nodeReuse:false",
                "-p:ReportAnalyzer=true", "-p:UseSharedCompilation=" + (server ? "true" : "false"), "-p:TreatWarningsAsErrors=false",
                "-p:CustomAfterMicrosoftCommonTargets=" + inject,
                "-p:EnableNETAnalyzers=" + (netAnalyzers ? "true" : "false"),
                "-p:AnalysisMode=None",
            })
            {
                info.ArgumentList.Add(argument);
            }

            foreach (var property in properties)
            {
                info.ArgumentList.Add("-p:" + property);
            }

            using var process = Process.Start(info)!;
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            return (process.ExitCode == 0, output.ToString());
        }

        /// <summary>Sums the compiler's "Total analyzer execution time" tables over the build's compilations.</summary>
        private static Dictionary<string, double> Parse(string output)
        {
            var totals = new Dictionary<string, double>(StringComparer.Ordinal);
            var inTable = false;
            string? assembly = null;
            foreach (var raw in output.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (line.Contains("Total analyzer execution time", StringComparison.Ordinal))
                {
                    inTable = true;
                    assembly = null;
                    continue;
                }

                if (!inTable)
                {
                    continue;
                }

                var match = Line.Match(line);
                if (!match.Success)
                {
                    if (line.Trim().Length == 0 || line.Contains("Time (s)", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    inTable = false;
                    continue;
                }

                var timeText = match.Groups["time"].Value;
                var seconds = timeText.StartsWith('<') ? 0.0005 : double.Parse(timeText, CultureInfo.InvariantCulture);
                var name = match.Groups["name"].Value.Trim();
                if (name.Contains(", Version=", StringComparison.Ordinal))
                {
                    assembly = name.Substring(0, name.IndexOf(',', StringComparison.Ordinal));
                    Add(totals, "asm:" + assembly, seconds);
                }
                else if (assembly != null)
                {
                    Add(totals, "rule:" + assembly + ":" + name, seconds);
                }
            }

            return totals;
        }

        private static void Add(Dictionary<string, double> totals, string key, double seconds)
            => totals[key] = totals.TryGetValue(key, out var current) ? current + seconds : seconds;

        private static readonly (string Set, string Assembly, string Display)[] Assemblies =
        {
            ("ours", "AsyncAnalyzers", "AsyncAnalyzers (ours)"),
            ("asyncfixer", "AsyncFixer", "AsyncFixer"),
            ("vsthrd", "Microsoft.VisualStudio.Threading.Analyzers.CSharp", "VSTHRD (C# assembly)"),
            ("vsthrd", "Microsoft.VisualStudio.Threading.Analyzers", "VSTHRD (shared assembly)"),
            ("netanalyzers", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers", "NetAnalyzers async CA rules (C# assembly)"),
            ("netanalyzers", "Microsoft.CodeAnalysis.NetAnalyzers", "NetAnalyzers async CA rules (shared assembly)"),
        };

        private static string Report(string label, string target, int runs, List<string> sets, List<Dictionary<string, double>> perRun, string[] args, string mode)
        {
            double Median(string key)
            {
                var values = perRun.Select(r => r.TryGetValue(key, out var v) ? v : 0).OrderBy(v => v).ToList();
                return values[values.Count / 2];
            }

            (double Min, double Max) Range(string key)
            {
                var values = perRun.Select(r => r.TryGetValue(key, out var v) ? v : 0).ToList();
                return (values.Min(), values.Max());
            }

            var builder = new StringBuilder();
            builder.AppendLine($"### {label}");
            builder.AppendLine();
            builder.AppendLine($"Command: `dotnet run -c Release --project tests/AsyncAnalyzers.Benchmarks -- {string.Join(' ', args)}` ({runs} {mode}, median [min–max] seconds of analyzer time summed over the build's compilations, from `-p:ReportAnalyzer=true`).");
            builder.AppendLine();
            builder.AppendLine("| Set | Analyzer s (median) | min–max | × ours |");
            builder.AppendLine("|---|---:|---:|---:|");
            // The NetAnalyzers assemblies run every CA rule a project turns on: count only the analyzers of the async rules.
            var asyncCaRules = perRun.SelectMany(r => r.Keys).Distinct()
                .Where(k => k.StartsWith("rule:Microsoft.CodeAnalysis.", StringComparison.Ordinal) && AnalyzerSets.NetAnalyzersAsyncRules.Any(id => Regex.IsMatch(k, @"[(, ]" + id + @"[,)]")))
                .ToList();
            List<string> KeysOf(string set) => set == "netanalyzers"
                ? asyncCaRules
                : Assemblies.Where(a => a.Set == set).Select(a => "asm:" + a.Assembly).ToList();

            var setTotals = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var set in sets)
            {
                var keys = KeysOf(set);
                var totalsPerRun = perRun.Select(r => keys.Sum(k => r.TryGetValue(k, out var v) ? v : 0)).OrderBy(v => v).ToList();
                setTotals[set] = totalsPerRun[totalsPerRun.Count / 2];
            }

            var ours = setTotals.TryGetValue("ours", out var o) ? o : 0;
            foreach (var set in sets)
            {
                var keys = KeysOf(set);
                var totalsPerRun = perRun.Select(r => keys.Sum(k => r.TryGetValue(k, out var v) ? v : 0)).ToList();
                var display = Assemblies.First(a => a.Set == set).Display.Replace(" (C# assembly)", string.Empty, StringComparison.Ordinal);
                var ratio = ours > 0 ? (setTotals[set] / ours).ToString("0.00", CultureInfo.InvariantCulture) : "–";
                builder.AppendLine(FormattableString.Invariant($"| {display} | {setTotals[set]:0.000} | {totalsPerRun.Min():0.000}–{totalsPerRun.Max():0.000} | {ratio} |"));
            }

            builder.AppendLine();
            builder.AppendLine("Per rule (median s; ours, and the peers' rules that take the most time):");
            builder.AppendLine();
            builder.AppendLine("| Analyzer | s (median) | min–max |");
            builder.AppendLine("|---|---:|---:|");
            var ruleKeys = perRun.SelectMany(r => r.Keys).Where(k => k.StartsWith("rule:", StringComparison.Ordinal)).Distinct()
                .Where(k => Assemblies.Any(a => sets.Contains(a.Set) && k.StartsWith("rule:" + a.Assembly + ":", StringComparison.Ordinal)))
                .OrderByDescending(Median).ToList();
            foreach (var key in ruleKeys.Where(k => k.StartsWith("rule:AsyncAnalyzers:", StringComparison.Ordinal))
                         .Concat(asyncCaRules.OrderByDescending(Median))
                         .Concat(ruleKeys.Where(k => !k.StartsWith("rule:AsyncAnalyzers:", StringComparison.Ordinal) && !asyncCaRules.Contains(k)).Take(12)))
            {
                var (min, max) = Range(key);
                var name = key.Substring(key.IndexOf(':', 5) + 1);
                builder.AppendLine(FormattableString.Invariant($"| {name} | {Median(key):0.000} | {min:0.000}–{max:0.000} |"));
            }

            var others = perRun.SelectMany(r => r.Keys).Where(k => k.StartsWith("asm:", StringComparison.Ordinal)).Distinct()
                .Where(k => !Assemblies.Any(a => "asm:" + a.Assembly == k)).OrderByDescending(Median).Take(3).ToList();
            if (others.Count > 0)
            {
                builder.AppendLine();
                builder.AppendLine("Other analyzers in the same builds (the SDK's): " + string.Join(", ", others.Select(k => FormattableString.Invariant($"{k.Substring(4)} {Median(k):0.000} s"))) + ".");
            }

            return builder.ToString();
        }

        /// <summary>A targets file that attaches the chosen analyzer sets to every project of the build.</summary>
        private static string WriteInjection(string work, List<string> sets, string oursDll)
        {
            var items = new StringBuilder();
            if (sets.Contains("ours"))
            {
                items.AppendLine($"    <Analyzer Include=\"{oursDll}\" />");
            }

            foreach (var (set, key) in new[] { ("asyncfixer", "peer:asyncfixer"), ("vsthrd", "peer:vsthrd") })
            {
                if (!sets.Contains(set))
                {
                    continue;
                }

                var folder = typeof(BuildMeasurement).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
                foreach (var dll in Directory.GetFiles(folder, "*.dll").Where(f => !f.Contains("CodeFixes", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal))
                {
                    items.AppendLine($"    <Analyzer Include=\"{dll}\" />");
                }
            }

            var config = Path.Combine(work, "async-rules.globalconfig");
            var rules = new StringBuilder("is_global = true\n");
            if (sets.Contains("vsthrd"))
            {
                // Error by default; a measured build must not stop at the first peer diagnostic.
                rules.Append("dotnet_diagnostic.VSTHRD011.severity = warning\n");
            }

            if (sets.Contains("netanalyzers"))
            {
                foreach (var id in AnalyzerSets.NetAnalyzersAsyncRules)
                {
                    rules.Append("dotnet_diagnostic.").Append(id).Append(".severity = warning\n");
                }
            }

            File.WriteAllText(config, rules.ToString());
            var path = Path.Combine(work, "inject.targets");
            File.WriteAllText(path, $"""
                <Project>
                  <ItemGroup>
                {items}    <EditorConfigFiles Include="{config}" />
                  </ItemGroup>
                </Project>
                """);
            return path;
        }

        private static string GenerateSolution(string work, int count)
        {
            var projects = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var name = "Part" + i.ToString("00", CultureInfo.InvariantCulture);
                projects.Add(GenerateProject(Path.Combine(work, name), name, i == 0 ? Array.Empty<string>() : new[] { projects[i - 1] }));
            }

            var solution = Path.Combine(work, "Multi.slnx");
            File.WriteAllText(solution, "<Solution>\n" + string.Concat(projects.Select(p => $"  <Project Path=\"{p}\" />\n")) + "</Solution>\n");
            return solution;
        }

        private static string GenerateProject(string directory, string name, string[] references)
        {
            Directory.CreateDirectory(directory);
            var project = Path.Combine(directory, name + ".csproj");
            File.WriteAllText(project, $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <RootNamespace>{name}</RootNamespace>
                  </PropertyGroup>
                  <ItemGroup>
                {string.Concat(references.Select(r => $"    <ProjectReference Include=\"{r}\" />\n"))}  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(directory, "Calculator.cs"), $$"""
                namespace {{name}};

                public sealed class Calculator
                {
                    private readonly List<int> _history = new();

                    public int Add(int a, int b)
                    {
                        var result = a + b;
                        _history.Add(result);
                        return result;
                    }

                    public int Multiply(int a, int b)
                    {
                        var result = a * b;
                        _history.Add(result);
                        return result;
                    }

                    public IReadOnlyList<int> History => _history;

                    public int Sum()
                    {
                        var total = 0;
                        foreach (var value in _history)
                        {
                            total += value;
                        }

                        return total;
                    }

                    public string Describe()
                    {
                        var parts = new List<string>();
                        for (var i = 0; i < _history.Count; i++)
                        {
                            parts.Add(i + ": " + _history[i]);
                        }

                        return string.Join(", ", parts);
                    }

                    public void Clear() => _history.Clear();
                }
                """);
            return project;
        }
    }
}
