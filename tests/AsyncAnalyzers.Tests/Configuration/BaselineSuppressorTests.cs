using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.Configuration;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Tests.Configuration
{
    /// <summary>
    /// The baseline suppressor on real compilations: which diagnostics a baseline entry covers after edits, and what it
    /// leaves reported. The MSBuild side (writing the file, stale entries) is proven end to end in tests/package-e2e.sh.
    /// </summary>
    [Trait("Rule", "ASYNC001")]
    public sealed class BaselineSuppressorTests
    {
        private const string Directory = "/repo/App";

        private const string Original = """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task M()
                {
                    await Task.Yield();
                    Thread.Sleep(10);
                    Thread.Sleep(10);
                    Thread.Sleep(20);
                }
            }
            """;

        /// <summary>Runs ASYNC101 and the suppressor; answers (line text trimmed, suppressed) per ASYNC101 diagnostic, in order.</summary>
        private static async Task<List<(int Line, bool Suppressed)>> RunAsync(string source, string? baseline, string path = Directory + "/Program.cs", string? updateProperty = null)
        {
            var tree = CSharpSyntaxTree.ParseText(source, path: path);
            var compilation = CSharpCompilation.Create("App", new[] { tree }, ReferenceSets.Get(ReferenceSet.Net100), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var additional = baseline is null
                ? ImmutableArray<AdditionalText>.Empty
                : ImmutableArray.Create<AdditionalText>(new InMemoryText(Directory + "/AsyncAnalyzers.baseline.txt", baseline));
            var globals = updateProperty is null ? ImmutableDictionary<string, string>.Empty : ImmutableDictionary<string, string>.Empty.Add(BaselineSuppressor.UpdateProperty, updateProperty);
            var options = new AnalyzerOptions(additional, new GlobalOptionsProvider(globals));
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new BlockingSleepAnalyzer(), new BaselineSuppressor());
            var diagnostics = await compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true))
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            return diagnostics.Where(d => d.Id == "ASYNC101")
                .OrderBy(d => d.Location.SourceSpan.Start)
                .Select(d => (d.Location.GetLineSpan().StartLinePosition.Line + 1, d.IsSuppressed))
                .ToList();
        }

        private static string Baseline(params string[] entries) => "# header\n" + string.Join("\n", entries) + "\n";

        [Fact]
        public async Task Listed_diagnostics_are_suppressed_and_new_ones_reported()
        {
            var result = await RunAsync(Original, Baseline("ASYNC101\tProgram.cs\t0\tThread.Sleep(10);", "ASYNC101\tProgram.cs\t1\tThread.Sleep(10);"));
            Assert.Equal(new[] { (9, true), (10, true), (11, false) }, result);
        }

        [Fact]
        public async Task Entries_survive_lines_inserted_above_and_reindentation()
        {
            var edited = "// new header line\n// another\n" + Original.Replace("        Thread.Sleep(20);", "            Thread.Sleep(20);").Replace("        Thread.Sleep(10);\n        Thread.Sleep(10);", "    Thread.Sleep( 10 );\n        Thread.Sleep(10);");
            var result = await RunAsync(edited, Baseline("ASYNC101\tProgram.cs\t0\tThread.Sleep(10);", "ASYNC101\tProgram.cs\t1\tThread.Sleep(10);", "ASYNC101\tProgram.cs\t0\tThread.Sleep(20);"));
            Assert.Equal(new[] { (11, true), (12, true), (13, true) }, result);
        }

        [Fact]
        public async Task Changing_the_offending_line_makes_it_new()
        {
            var edited = Original.Replace("Thread.Sleep(20);", "Thread.Sleep(25);");
            var result = await RunAsync(edited, Baseline("ASYNC101\tProgram.cs\t0\tThread.Sleep(20);"));
            Assert.Equal(new[] { (9, false), (10, false), (11, false) }, result);
        }

        [Fact]
        public async Task A_third_identical_line_is_new_even_though_its_text_is_listed()
        {
            var edited = Original.Replace("        Thread.Sleep(20);", "        Thread.Sleep(10);");
            var result = await RunAsync(edited, Baseline("ASYNC101\tProgram.cs\t0\tThread.Sleep(10);", "ASYNC101\tProgram.cs\t1\tThread.Sleep(10);"));
            Assert.Equal(new[] { (9, true), (10, true), (11, false) }, result);
        }

        [Fact]
        public async Task Entries_of_another_rule_or_file_do_not_suppress()
        {
            var result = await RunAsync(Original, Baseline("ASYNC102\tProgram.cs\t0\tThread.Sleep(10);", "ASYNC101\tOther.cs\t0\tThread.Sleep(20);", "ASYNC101\tsrc/Program.cs\t0\tThread.Sleep(20);"));
            Assert.All(result, r => Assert.False(r.Suppressed));
        }

        [Fact]
        public async Task Files_in_subfolders_match_by_their_relative_path()
        {
            var result = await RunAsync(Original, Baseline("ASYNC101\tsrc/Jobs/Program.cs\t0\tThread.Sleep(20);"), path: Directory + "/src/Jobs/Program.cs");
            Assert.Equal(new[] { (9, false), (10, false), (11, true) }, result);
        }

        [Fact]
        public async Task Without_a_baseline_nothing_is_suppressed()
        {
            var result = await RunAsync(Original, baseline: null);
            Assert.Equal(3, result.Count);
            Assert.All(result, r => Assert.False(r.Suppressed));
        }

        [Fact]
        public async Task Malformed_lines_are_skipped_and_the_rest_applies()
        {
            var result = await RunAsync(Original, Baseline("garbage", "ASYNC101 Program.cs 0 Thread.Sleep(20);", "ASYNC101\tProgram.cs\t0\tThread.Sleep(20);"));
            Assert.Equal(new[] { (9, false), (10, false), (11, true) }, result);
        }

        [Fact]
        public async Task While_the_baseline_is_being_rewritten_every_diagnostic_is_suppressed()
        {
            var result = await RunAsync(Original, baseline: null, updateProperty: "true");
            Assert.Equal(new[] { (9, true), (10, true), (11, true) }, result);
            var notUpdating = await RunAsync(Original, baseline: null, updateProperty: "false");
            Assert.All(notUpdating, r => Assert.False(r.Suppressed));
        }

        [Fact]
        public void Suppresses_every_rule_but_configuration_errors()
        {
            var suppressed = new BaselineSuppressor().SupportedSuppressions.Select(s => s.SuppressedDiagnosticId).ToHashSet();
            foreach (var field in typeof(DiagnosticIds).GetFields())
            {
                var id = (string)field.GetRawConstantValue()!;
                Assert.Equal(id != DiagnosticIds.InvalidConfiguration, suppressed.Contains(id));
            }
        }

        [Theory]
        [InlineData("/repo/App", "/repo/App/Program.cs", "Program.cs")]
        [InlineData("/repo/App/", "/repo/App/src/Jobs/Worker.cs", "src/Jobs/Worker.cs")]
        [InlineData(@"C:\repo\App", @"C:\repo\App\src\Worker.cs", "src/Worker.cs")]
        [InlineData("/repo/App", "/repo/Shared/Linked.cs", "../Shared/Linked.cs")]
        [InlineData("/repo/App", "/elsewhere/Linked.cs", "../../elsewhere/Linked.cs")]
        public void Relative_paths_use_forward_slashes(string directory, string file, string expected)
            => Assert.Equal(expected, BaselineFormat.RelativePath(directory, file));

        [Fact]
        public void Lines_split_like_the_compiler_numbers_them()
            => Assert.Equal(new[] { "a", "b", "c", "d", "e", string.Empty }, BaselineFormat.SplitLines("a\r\nb\nc\rd\u2028e\n"));

        [Fact]
        public void Occurrences_count_earlier_identical_lines()
            => Assert.Equal(new[] { 0, 0, 1, 0, 2 }, BaselineFormat.Occurrences(new[] { "x", "y", "x", "z", "x" }));

        [Fact]
        public void Readable_and_compared_text()
        {
            Assert.Equal("Thread.Sleep( 10 ); // a b", BaselineFormat.Readable("\t  Thread.Sleep(  10 );   // a\tb  "));
            Assert.Equal("Thread.Sleep(10);//ab", BaselineFormat.Compared("\t  Thread.Sleep(  10 );   // a\tb  "));
        }

        private sealed class InMemoryText : AdditionalText
        {
            private readonly SourceText _text;

            public InMemoryText(string path, string text)
            {
                Path = path;
                _text = SourceText.From(text, Encoding.UTF8);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
        }

        private sealed class GlobalOptionsProvider : AnalyzerConfigOptionsProvider
        {
            private readonly Options _global;

            public GlobalOptionsProvider(ImmutableDictionary<string, string> values) => _global = new Options(values);

            public override AnalyzerConfigOptions GlobalOptions => _global;

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _global;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _global;

            private sealed class Options : AnalyzerConfigOptions
            {
                private readonly ImmutableDictionary<string, string> _values;

                public Options(ImmutableDictionary<string, string> values) => _values = values;

                public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
            }
        }
    }
}
