using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Tests.Conventions
{
    /// <summary>
    /// samples/ is documentation that runs: every line that should warn carries a trailing <c>// ASYNCnnn:</c>
    /// comment, and the analyzers must report exactly those lines (nothing unmarked, nothing missing).
    /// </summary>
    public sealed class SamplesTests
    {
        private static readonly Regex Marker = new Regex(@"//\s*(ASYNC\d{3}):", RegexOptions.Compiled);

        [Fact]
        public async Task Samples_report_exactly_the_marked_lines_and_compile()
        {
            var folder = Path.Combine(Repository.Root, "samples", "AsyncAnalyzers.Samples");
            var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                            && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parseOptions, path: f)).ToList();
            var compilation = CSharpCompilation.Create(
                "Samples",
                trees,
                Basic.Reference.Assemblies.Net80.References.All,
                new CSharpCompilationOptions(OutputKind.ConsoleApplication)
                    // Rules that ship disabled are switched on for the samples, as samples/.editorconfig does for the build.
                    .WithSpecificDiagnosticOptions(Repository.Descriptors.Where(d => !d.IsEnabledByDefault)
                        .ToDictionary(d => d.Id, _ => ReportDiagnostic.Info)));

            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "samples do not compile:\n" + string.Join("\n", errors));

            var expected = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    foreach (Match match in Marker.Matches(lines[i]))
                    {
                        expected.Add($"{Path.GetFileName(file)}:{i + 1}: {match.Groups[1].Value}");
                    }
                }
            }

            var exceptions = new List<Exception>();
            var editorConfig = EditorConfig(folder, trees);
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(default, new TreeOptions(editorConfig.ToDictionary(p => p.Key, p => p.Value.AnalyzerOptions))),
                (e, _, _) => exceptions.Add(e),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);

            // Rules that ship disabled count where samples/.editorconfig switches them on, as in the build.
            var diagnostics = (await compilation.WithAnalyzers(Repository.Analyzers, options).GetAnalyzerDiagnosticsAsync())
                .Where(d => Repository.Descriptors.First(x => x.Id == d.Id).IsEnabledByDefault
                            || (editorConfig[d.Location.SourceTree!].TreeOptions.TryGetValue(d.Id, out var severity) && severity != ReportDiagnostic.Suppress))
                .ToList();
            Assert.Empty(exceptions);
            var actual = new SortedSet<string>(
                diagnostics.Select(d => $"{Path.GetFileName(d.Location.SourceTree!.FilePath)}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.Id}"),
                StringComparer.Ordinal);

            Assert.NotEmpty(expected);
            var missing = expected.Except(actual).ToList();
            var unexpected = actual.Except(expected).ToList();
            Assert.True(
                missing.Count == 0 && unexpected.Count == 0,
                "marked but not reported: " + string.Join(", ", missing) + "\nreported but not marked: " + string.Join(", ", unexpected));

            // Configuration errors (ASYNC001) have no place in source; the configuration tests and the package e2e show them.
            foreach (var descriptor in Repository.Descriptors.Where(d => d.Category != "Configuration"))
            {
                Assert.True(expected.Any(e => e.EndsWith(descriptor.Id, StringComparison.Ordinal)), $"samples/ has no case for {descriptor.Id}");
            }
        }

        /// <summary>What samples/.editorconfig gives each file (behaviour options and severities), as the build reads it.</summary>
        private static Dictionary<SyntaxTree, AnalyzerConfigOptionsResult> EditorConfig(string folder, IEnumerable<SyntaxTree> trees)
        {
            var path = Path.Combine(Path.GetDirectoryName(folder)!, ".editorconfig");
            var set = AnalyzerConfigSet.Create(new[] { AnalyzerConfig.Parse(File.ReadAllText(path), path) });
            return trees.ToDictionary(t => t, t => set.GetOptionsForSourcePath(t.FilePath));
        }

        private sealed class TreeOptions : AnalyzerConfigOptionsProvider
        {
            private readonly Dictionary<SyntaxTree, System.Collections.Immutable.ImmutableDictionary<string, string>> _trees;

            public TreeOptions(Dictionary<SyntaxTree, System.Collections.Immutable.ImmutableDictionary<string, string>> trees) => _trees = trees;

            public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(System.Collections.Immutable.ImmutableDictionary<string, string>.Empty);

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree)
                => new Values(_trees.TryGetValue(tree, out var values) ? values : System.Collections.Immutable.ImmutableDictionary<string, string>.Empty);

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => GlobalOptions;

            private sealed class Values : AnalyzerConfigOptions
            {
                private readonly System.Collections.Immutable.ImmutableDictionary<string, string> _values;

                public Values(System.Collections.Immutable.ImmutableDictionary<string, string> values) => _values = values;

                public override IEnumerable<string> Keys => _values.Keys;

                public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
            }
        }
    }
}
