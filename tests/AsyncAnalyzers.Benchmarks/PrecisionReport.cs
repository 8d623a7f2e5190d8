using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Benchmarks
{
    /// <summary>
    /// <c>precision DIR</c>: compiles the .cs files of a real codebase (net10.0 references, plus any dlls given), runs our
    /// analyzers (and, on request, the peers') and writes every diagnostic with its source lines to a markdown file to be
    /// read and judged by a person: precision on real code is measured by reading the hits, not by a number the tool makes.
    /// </summary>
    public static class PrecisionReport
    {
        private const string Usage = """
            precision DIR [--name Label] [--sets ours,vsthrd,asyncfixer,meziantou,netanalyzers] [--references DIR] [--exclude part,part] [--out FILE]
              DIR           a folder of C# sources (obj/ and bin/ are skipped)
              --exclude     skip files whose path contains one of these parts (tests, benchmarks …)
              --out         the review file (default artifacts/precision/<name>.md)
            """;

        public static async Task<int> RunAsync(string[] args)
        {
            if (args.Length == 0 || !Directory.Exists(args[0]))
            {
                Console.WriteLine(Usage);
                return 2;
            }

            var root = Path.GetFullPath(args[0]);
            var name = Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar));
            var setNames = new List<string> { "ours" };
            string? referenceDir = null;
            string? output = null;
            var excluded = new List<string>();
            for (var i = 1; i + 1 < args.Length; i += 2)
            {
                switch (args[i])
                {
                    case "--name": name = args[i + 1]; break;
                    case "--sets": setNames = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(); break;
                    case "--references": referenceDir = args[i + 1]; break;
                    case "--exclude": excluded.AddRange(args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries)); break;
                    case "--out": output = args[i + 1]; break;
                    default: Console.WriteLine(Usage); return 2;
                }
            }

            var separator = Path.DirectorySeparatorChar;
            var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
                .Where(f => !excluded.Any(part => f.Contains(part, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            // The symbols a net10.0 build defines, so that #if NET6_0_OR_GREATER … branches are the ones analyzed.
            var symbols = new List<string> { "NET", "NETCOREAPP", "NET10_0", "RELEASE", "TRACE" };
            foreach (var version in new[] { "NETCOREAPP1_0", "NETCOREAPP1_1", "NETCOREAPP2_0", "NETCOREAPP2_1", "NETCOREAPP2_2", "NETCOREAPP3_0", "NETCOREAPP3_1", "NET5_0", "NET6_0", "NET7_0", "NET8_0", "NET9_0", "NET10_0" })
            {
                symbols.Add(version + "_OR_GREATER");
            }

            var parse = new CSharpParseOptions(LanguageVersion.Preview, preprocessorSymbols: symbols);
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, path: Path.GetRelativePath(root, f))).ToList();
            var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().ToList();
            if (referenceDir != null)
            {
                references.AddRange(Directory.EnumerateFiles(referenceDir, "*.dll").Select(p => MetadataReference.CreateFromFile(p)));
            }

            var compilation = CSharpCompilation.Create(name, trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
            var errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
            var lines = trees.Sum(t => t.GetText().Lines.Count);

            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"# Precision review: {name}");
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"- {files.Count} files, {lines:N0} lines, {errors:N0} compile errors (packages the folder references are not loaded: code that uses them binds to error types, where our rules stay silent).");
            report.AppendLine(CultureInfo.InvariantCulture, $"- Command: `dotnet run -c Release --project tests/AsyncAnalyzers.Benchmarks -- precision {string.Join(' ', args.Skip(1).Prepend("<dir>"))}`");
            report.AppendLine("- Judge each hit: true (a maintainer would thank us), false (wrong), debatable. Write the verdict after the hit.");
            report.AppendLine();

            foreach (var set in AnalyzerSets.Load(setNames))
            {
                var specific = set.ForcedIds.ToDictionary(id => id, _ => ReportDiagnostic.Warn);
                var forSet = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(specific));
                var exceptions = new List<string>();
                var withAnalyzers = forSet.WithAnalyzers(set.Analyzers, new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                    (e, analyzer, _) => { lock (exceptions) { exceptions.Add($"{analyzer.GetType().Name}: {e.Message}"); } },
                    concurrentAnalysis: true,
                    logAnalyzerExecutionTime: false));
                var found = (await withAnalyzers.GetAnalyzerDiagnosticsAsync())
                    .Where(d => d.Location.IsInSource && d.Severity != DiagnosticSeverity.Hidden)
                    .OrderBy(d => d.Id, StringComparer.Ordinal)
                    .ThenBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
                    .ThenBy(d => d.Location.SourceSpan.Start)
                    .ToList();

                report.AppendLine(CultureInfo.InvariantCulture, $"## {set.Name}: {found.Count} diagnostics, {exceptions.Count} analyzer exceptions");
                report.AppendLine();
                report.AppendLine("| Rule | Count |");
                report.AppendLine("|---|---:|");
                foreach (var group in found.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    report.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} |");
                }

                report.AppendLine();
                foreach (var exception in exceptions.Take(10))
                {
                    report.AppendLine(CultureInfo.InvariantCulture, $"- exception: {exception}");
                }

                foreach (var diagnostic in found)
                {
                    var span = diagnostic.Location.GetLineSpan();
                    var text = diagnostic.Location.SourceTree!.GetText();
                    report.AppendLine(CultureInfo.InvariantCulture, $"### {diagnostic.Id} {span.Path}:{span.StartLinePosition.Line + 1}");
                    report.AppendLine(diagnostic.GetMessage(CultureInfo.InvariantCulture));
                    report.AppendLine("```csharp");
                    var first = Math.Max(0, span.StartLinePosition.Line - 3);
                    var last = Math.Min(text.Lines.Count - 1, span.EndLinePosition.Line + 3);
                    for (var line = first; line <= last; line++)
                    {
                        var marker = line >= span.StartLinePosition.Line && line <= span.EndLinePosition.Line ? ">" : " ";
                        report.AppendLine(CultureInfo.InvariantCulture, $"{marker} {text.Lines[line]}");
                    }

                    report.AppendLine("```");
                    report.AppendLine("verdict: ");
                    report.AppendLine();
                }
            }

            var path = output ?? Path.Combine("artifacts", "precision", name + ".md");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, report.ToString());
            foreach (var line in report.ToString().Split('\n'))
            {
                if (line.StartsWith("# ", StringComparison.Ordinal) || line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith('|') || line.StartsWith("- ", StringComparison.Ordinal))
                {
                    Console.WriteLine(line.TrimEnd('\r'));
                }
            }

            Console.WriteLine($"review file written to {path}");
            return 0;
        }
    }
}
