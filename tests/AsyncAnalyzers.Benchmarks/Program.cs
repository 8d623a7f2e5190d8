using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace AsyncAnalyzers.Benchmarks
{
    public static class Program
    {
        private const string Usage = """
            AsyncAnalyzers side-by-side benchmark.
              --sizes 20000,100000,400000   generated corpus sizes in lines (default)
              --runs N                       measured runs per set and size (default 5)
              --warmup N                     warm-up runs (default 1)
              --sets ours,null,vsthrd,asyncfixer,meziantou,netanalyzers   (default: all)
              --sources DIR                  measure on your own .cs files instead of the generated corpus
              --references DIR               extra reference dlls for --sources
              --command-line FILE            measure on a real compilation: a csc response file (the project's `csc`
                                             line from `dotnet build -v:d`, one argument per line or space-separated;
                                             relative paths are read from the file's folder, or --base-dir DIR); its
                                             sources, references, options and .editorconfig/globalconfig analyzer options
              --no-scaling                   skip the 1×4k vs 4×1k lines scaling check
              --out DIR                      where to write the markdown report (default artifacts/benchmarks)
              --smoke                        seconds-long run for CI: 2k lines, 1 run, no warm-up, no thresholds

            Or measure the cascade fix ("Make 'M' async and update callers") on a tree of .csproj projects:
              cascade DIR [--exe Name1,Name2] [--public-api] [--ids ASYNC104,ASYNC201]

            Or write every diagnostic on a real codebase, with its source lines, to a review file (docs/precision.md):
              precision DIR [--name Label] [--sets ours,vsthrd,asyncfixer,meziantou,netanalyzers] [--references DIR] [--exclude part,part]
            """;

        public static async Task<int> Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "cascade")
            {
                return await CascadeMeasurement.RunAsync(args.Skip(1).ToArray()).ConfigureAwait(false);
            }

            if (args.Length > 0 && args[0] == "build")
            {
                return BuildMeasurement.Run(args);
            }

            if (args.Length > 0 && args[0] == "precision")
            {
                return await PrecisionReport.RunAsync(args.Skip(1).ToArray()).ConfigureAwait(false);
            }

            var options = Options.Parse(args);
            if (options is null)
            {
                Console.WriteLine(Usage);
                return 2;
            }

            var sets = AnalyzerSets.Load(options.Sets);
            var report = new StringBuilder();
            report.AppendLine("# AsyncAnalyzers benchmark");
            report.AppendLine();
            report.AppendLine($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            report.AppendLine($"- Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, Roslyn {typeof(Compilation).Assembly.GetName().Version}");
            report.AppendLine($"- Command: `dotnet run -c Release --project tests/AsyncAnalyzers.Benchmarks -- {string.Join(' ', args)}`");
            report.AppendLine($"- Method: one process, the same compilation (cloned, pre-bound) for every set; `CompilationWithAnalyzers` with `LogAnalyzerExecutionTime`, no concurrent analysis, full GC before each run; time = sum of the analyzers' execution times from `GetAnalyzerTelemetryInfoAsync`; {options.Warmup} warm-up + {options.Runs} measured runs, median [min–max]; allocations = process-wide allocated bytes during the analysis, GC pause = process-wide GC pause time during the analysis (medians; GC pauses land inside whichever analyzer callback is running and so inflate the telemetry).");
            foreach (var set in sets)
            {
                report.AppendLine($"- {set.Name}: {set.Analyzers.Length} analyzers, {set.ForcedIds.Length} rules forced on");
            }

            report.AppendLine();

            var references = Basic.Reference.Assemblies.Net80.References.All.Cast<MetadataReference>().ToList();
            if (options.Sources != null)
            {
                if (options.References != null)
                {
                    references.AddRange(Directory.EnumerateFiles(options.References, "*.dll").Select(p => MetadataReference.CreateFromFile(p)));
                }

                var files = Directory.EnumerateFiles(options.Sources, "*.cs", SearchOption.AllDirectories)
                    .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                    .Select(f => (f, File.ReadAllText(f))).ToList();
                await MeasureAsync(report, $"{options.Sources}", files, references, sets, options);
            }
            else if (options.CommandLine != null)
            {
                var (compilation, analyzerOptions, fileCount, runs) = RealCompilation.FromResponseFile(options.CommandLine, options.BaseDir);
                var built = sets.Select(set => set with { Analyzers = set.Analyzers.Where(runs).ToImmutableArray() }).ToList();
                foreach (var (set, kept) in sets.Zip(built))
                {
                    report.AppendLine($"- {set.Name}: {kept.Analyzers.Length} of {set.Analyzers.Length} analyzers run (without `/errorlog` the compiler skips an analyzer whose diagnostics are all Info, Hidden or off)");
                }

                report.AppendLine();
                await MeasureAsync(report, options.CommandLine, compilation, analyzerOptions, fileCount, built, options);
            }
            else
            {
                var results = new Dictionary<int, Dictionary<string, Measurement>>();
                foreach (var size in options.Sizes)
                {
                    var files = new CorpusGenerator(seed: 42).Generate(size, linesPerFile: 500);
                    results[size] = await MeasureAsync(report, $"generated corpus, {size:N0} lines", files, references, sets, options);
                }

                if (options.Sizes.Count >= 2)
                {
                    AppendGrowth(report, results, options.Sizes);
                }

                if (options.Scaling)
                {
                    await AppendScalingAsync(report, references, sets.Where(s => s.Name.Contains("ours", StringComparison.Ordinal)).ToList(), options);
                }
            }

            Directory.CreateDirectory(options.Out);
            var path = Path.Combine(options.Out, $"benchmark-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
            File.WriteAllText(path, report.ToString());
            Console.WriteLine(report.ToString());
            Console.WriteLine($"report written to {path}");
            return 0;
        }

        private sealed record Measurement(double MedianMs, double MinMs, double MaxMs, double MedianAllocatedMb, double MedianGcPauseMs, int Diagnostics, Dictionary<string, double> PerAnalyzerMs, int Lines);

        private static async Task<Dictionary<string, Measurement>> MeasureAsync(
            StringBuilder report,
            string title,
            List<(string Name, string Text)> files,
            List<MetadataReference> references,
            IReadOnlyList<AnalyzerSet> sets,
            Options options)
        {
            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, path: f.Name)).ToList();
            var baseCompilation = CSharpCompilation.Create("Bench", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
            return await MeasureAsync(report, title, baseCompilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), files.Count, sets, options);
        }

        private static async Task<Dictionary<string, Measurement>> MeasureAsync(
            StringBuilder report,
            string title,
            CSharpCompilation baseCompilation,
            AnalyzerOptions analyzerOptions,
            int fileCount,
            IReadOnlyList<AnalyzerSet> sets,
            Options options)
        {
            var lines = baseCompilation.SyntaxTrees.Sum(t => t.GetText().Lines.Count);
            var errors = baseCompilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);

            var results = new Dictionary<string, Measurement>();
            foreach (var set in sets)
            {
                var times = new List<double>();
                var allocations = new List<double>();
                var pauses = new List<double>();
                var perAnalyzer = new Dictionary<string, List<double>>();
                var diagnostics = 0;
                for (var run = 0; run < options.Warmup + options.Runs; run++)
                {
                    // A real command line keeps the project's own severities (what its build runs); the corpus forces every rule on.
                    var forced = options.CommandLine != null ? ImmutableArray<string>.Empty : set.ForcedIds;
                    var specific = baseCompilation.Options.SpecificDiagnosticOptions.SetItems(forced.Select(id => new KeyValuePair<string, ReportDiagnostic>(id, ReportDiagnostic.Warn)));
                    var compilation = (CSharpCompilation)baseCompilation.Clone().WithOptions(baseCompilation.Options.WithSpecificDiagnosticOptions(specific));
                    _ = compilation.GetDiagnostics(); // bind first: compile time is not analyzer time
                    var exceptions = new List<Exception>();
                    var withAnalyzers = compilation.WithAnalyzers(set.Analyzers, new CompilationWithAnalyzersOptions(
                        analyzerOptions,
                        (e, _, _) => exceptions.Add(e),
                        concurrentAnalysis: false,
                        logAnalyzerExecutionTime: true));
                    // Start every run from a collected heap, so one set does not pay for another's garbage.
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    var before = GC.GetTotalAllocatedBytes(precise: true);
                    var pauseBefore = GC.GetTotalPauseDuration();
                    var found = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
                    var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                    var paused = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds;
                    var telemetry = new Dictionary<DiagnosticAnalyzer, AnalyzerTelemetryInfo>();
                    foreach (var analyzer in set.Analyzers)
                    {
                        telemetry[analyzer] = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, System.Threading.CancellationToken.None);
                    }

                    if (run < options.Warmup)
                    {
                        continue;
                    }

                    times.Add(telemetry.Values.Sum(t => t.ExecutionTime.TotalMilliseconds));
                    allocations.Add(allocated / 1024.0 / 1024.0);
                    pauses.Add(paused);
                    diagnostics = found.Length;
                    foreach (var (analyzer, info) in telemetry)
                    {
                        var name = analyzer.GetType().Name;
                        if (!perAnalyzer.TryGetValue(name, out var list))
                        {
                            perAnalyzer[name] = list = new List<double>();
                        }

                        list.Add(info.ExecutionTime.TotalMilliseconds);
                    }

                    if (exceptions.Count > 0)
                    {
                        Console.Error.WriteLine($"{set.Name}: {exceptions.Count} analyzer exceptions, first: {exceptions[0].Message}");
                    }
                }

                results[set.Name] = new Measurement(Median(times), times.Min(), times.Max(), Median(allocations), Median(pauses), diagnostics, perAnalyzer.ToDictionary(p => p.Key, p => Median(p.Value)), lines);
            }

            var ours = results.FirstOrDefault(r => r.Key.Contains("ours", StringComparison.Ordinal)).Value;
            var floor = results.TryGetValue("null", out var n) ? n : null;
            report.AppendLine($"## {title}");
            report.AppendLine();
            report.AppendLine($"{fileCount} files, {lines:N0} lines, {errors} compile errors.");
            report.AppendLine();
            report.AppendLine("| Analyzer set | Analyzer ms (median) | min–max | ms / 1k lines | × ours | × null | Allocated MB | GC pause ms | Diagnostics |");
            report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (name, m) in results)
            {
                report.AppendLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "| {0} | {1:F1} | {2:F1}–{3:F1} | {4:F2} | {5} | {6} | {7:F1} | {8:F1} | {9} |",
                    name, m.MedianMs, m.MinMs, m.MaxMs, m.MedianMs / lines * 1000,
                    ours is null ? "–" : Ratio(m.MedianMs, ours.MedianMs),
                    floor is null ? "–" : Ratio(m.MedianMs, floor.MedianMs),
                    m.MedianAllocatedMb, m.MedianGcPauseMs, m.Diagnostics));
            }

            if (ours != null)
            {
                report.AppendLine();
                report.AppendLine("Our per-analyzer breakdown (median ms): " + string.Join(", ", ours.PerAnalyzerMs.OrderByDescending(p => p.Value).Select(p => string.Format(CultureInfo.InvariantCulture, "{0} {1:F1}", p.Key.Replace("Analyzer", string.Empty, StringComparison.Ordinal), p.Value))));
            }

            report.AppendLine();
            Console.WriteLine($"measured {title}");
            return results;
        }

        private static void AppendGrowth(StringBuilder report, Dictionary<int, Dictionary<string, Measurement>> results, List<int> sizes)
        {
            var smallest = sizes.Min();
            var largest = sizes.Max();
            report.AppendLine($"## Growth {smallest:N0} → {largest:N0} lines (line ratio {(double)results[largest].First().Value.Lines / results[smallest].First().Value.Lines:F2})");
            report.AppendLine();
            report.AppendLine("| Analyzer set | time ratio |");
            report.AppendLine("|---|---:|");
            foreach (var name in results[largest].Keys)
            {
                report.AppendLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:F2} |", name, results[largest][name].MedianMs / Math.Max(0.001, results[smallest][name].MedianMs)));
            }

            report.AppendLine();
        }

        private static async Task AppendScalingAsync(StringBuilder report, List<MetadataReference> references, List<AnalyzerSet> sets, Options options)
        {
            // The same members: once as one 4k-line file, once split into four files of about 1k lines.
            var big = new CorpusGenerator(seed: 7).Generate(4000, linesPerFile: 4000);
            var small = new CorpusGenerator(seed: 7).Generate(4000, linesPerFile: 1000);
            var scaling = new StringBuilder();
            var one = await MeasureAsync(scaling, "scaling: 1 file × 4k lines", big, references, sets, options);
            var four = await MeasureAsync(scaling, "scaling: 4 files × 1k lines", small, references, sets, options);
            report.AppendLine("## Scaling: one 4k-line file vs four 1k-line files");
            report.AppendLine();
            foreach (var name in one.Keys)
            {
                report.AppendLine(string.Format(CultureInfo.InvariantCulture, "- {0}: {1:F1} ms vs {2:F1} ms, ratio {3:F2}", name, one[name].MedianMs, four[name].MedianMs, one[name].MedianMs / Math.Max(0.001, four[name].MedianMs)));
            }

            report.AppendLine();
        }

        private static string Ratio(double value, double baseline) => baseline <= 0 ? "–" : (value / baseline).ToString("F2", CultureInfo.InvariantCulture);

        private static double Median(List<double> values)
        {
            if (values.Count == 0)
            {
                return 0;
            }

            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }

        private sealed class Options
        {
            public List<int> Sizes { get; private set; } = new() { 20000, 100000, 400000 };

            public int Runs { get; private set; } = 5;

            public int Warmup { get; private set; } = 1;

            public List<string> Sets { get; private set; } = new() { "ours", "null", "vsthrd", "asyncfixer", "meziantou", "netanalyzers" };

            public string? Sources { get; private set; }

            public string? References { get; private set; }

            public string? CommandLine { get; private set; }

            public string? BaseDir { get; private set; }

            public bool Scaling { get; private set; } = true;

            public string Out { get; private set; } = Path.Combine("artifacts", "benchmarks");

            public static Options? Parse(string[] args)
            {
                var options = new Options();
                for (var i = 0; i < args.Length; i++)
                {
                    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException("missing value for " + args[i]);
                    switch (args[i])
                    {
                        case "--sizes": options.Sizes = Value().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(); break;
                        case "--runs": options.Runs = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                        case "--warmup": options.Warmup = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                        case "--sets": options.Sets = Value().Split(',').ToList(); break;
                        case "--sources": options.Sources = Value(); break;
                        case "--references": options.References = Value(); break;
                        case "--command-line": options.CommandLine = Path.GetFullPath(Value()); break;
                        case "--base-dir": options.BaseDir = Path.GetFullPath(Value()); break;
                        case "--no-scaling": options.Scaling = false; break;
                        case "--out": options.Out = Value(); break;
                        case "--smoke":
                            options.Sizes = new() { 2000 };
                            options.Runs = 1;
                            options.Warmup = 0;
                            options.Scaling = false;
                            break;
                        default: return null;
                    }
                }

                return options;
            }
        }
    }
}
