using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using AsyncAnalyzers.Configuration;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Tests.Configuration
{
    /// <summary>
    /// ASYNC001 reads each distinct set of per-file options once: the command-line compiler's options objects are compared by
    /// the dictionary they wrap. Objects around different dictionaries must all be read; the IDE's and test hosts' types are
    /// read one by one (every other ASYNC001 test runs on the testing library's host).
    /// </summary>
    [Trait("Rule", "ASYNC001")]
    public sealed class ConfigurationSharedOptionsTests
    {
        /// <summary>The compiler's own per-file options type, built the way the compiler builds it.</summary>
        private static AnalyzerConfigOptions CompilerOptions(ImmutableDictionary<string, string> values)
        {
            var type = typeof(AnalyzerConfigOptions).Assembly.GetType("Microsoft.CodeAnalysis.Diagnostics.DictionaryAnalyzerConfigOptions", throwOnError: true)!;
            return (AnalyzerConfigOptions)Activator.CreateInstance(type, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null, new object[] { values }, null)!;
        }

        private static ImmutableDictionary<string, string> Values(params (string Key, string Value)[] entries)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in entries)
            {
                builder[key] = value;
            }

            return builder.ToImmutable();
        }

        [Fact]
        public void Two_compiler_objects_around_one_dictionary_are_one_content()
        {
            var values = Values(("async_analyzers.cascade_depth", "deep"));
            var first = CompilerOptions(values);
            var second = CompilerOptions(values);

            Assert.NotSame(first, second);
            Assert.Same(ConfigurationAnalyzer.SharedContent(first), ConfigurationAnalyzer.SharedContent(second));
            Assert.NotSame(ConfigurationAnalyzer.SharedContent(first), ConfigurationAnalyzer.SharedContent(CompilerOptions(Values(("async_analyzers.cascade_depth", "deep")))));
        }

        [Fact]
        public void Any_other_options_type_is_its_own_content()
        {
            var options = new PlainOptions(Values(("async_analyzers.cascade_depth", "deep")));

            Assert.Same(options, ConfigurationAnalyzer.SharedContent(options));
        }

        [Theory]
        [InlineData(0)] // few keys: every file's options are read
        [InlineData(3000)] // many keys: options are compared by the dictionary they wrap
        public async Task Every_distinct_dictionary_is_read_and_each_problem_reported_once(int otherKeys)
        {
            // Three files share the [*.cs] section's dictionary (three objects around it); one file also matches a section of
            // its own (a second dictionary) that holds the only unknown option.
            var shared = Values(("async_analyzers.cascade_depth", "deep"));
            for (var i = 0; i < otherKeys; i++)
            {
                shared = shared.Add("dotnet_diagnostic.X" + i + ".severity", "warning");
            }

            var own = shared.Add("async_analyzers.ASYNC103.exclude_method", "M:A.B");
            var trees = Enumerable.Range(0, 4).Select(i => CSharpSyntaxTree.ParseText("class C" + i + " { }", path: "/src/C" + i + ".cs")).ToArray();
            var perTree = new Dictionary<SyntaxTree, AnalyzerConfigOptions>
            {
                [trees[0]] = CompilerOptions(shared),
                [trees[1]] = CompilerOptions(shared),
                [trees[2]] = CompilerOptions(own),
                [trees[3]] = CompilerOptions(shared),
            };
            var compilation = CSharpCompilation.Create("App", trees, ReferenceSets.Get(ReferenceSet.Net100), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new PerTreeProvider(CompilerOptions(Values()), perTree));

            var diagnostics = await compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ConfigurationAnalyzer()), new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false))
                .GetAnalyzerDiagnosticsAsync();

            var messages = diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(m => m, StringComparer.Ordinal).ToArray();
            Assert.Equal(2, messages.Length);
            Assert.Contains("'async_analyzers.ASYNC103.exclude_method' = 'M:A.B'", messages[0], StringComparison.Ordinal);
            Assert.Contains("'async_analyzers.cascade_depth' = 'deep'", messages[1], StringComparison.Ordinal);
        }

        private sealed class PerTreeProvider : AnalyzerConfigOptionsProvider
        {
            private readonly Dictionary<SyntaxTree, AnalyzerConfigOptions> _perTree;

            public PerTreeProvider(AnalyzerConfigOptions global, Dictionary<SyntaxTree, AnalyzerConfigOptions> perTree)
            {
                GlobalOptions = global;
                _perTree = perTree;
            }

            public override AnalyzerConfigOptions GlobalOptions { get; }

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _perTree[tree];

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => GlobalOptions;
        }

        private sealed class PlainOptions : AnalyzerConfigOptions
        {
            private readonly ImmutableDictionary<string, string> _values;

            public PlainOptions(ImmutableDictionary<string, string> values) => _values = values;

            public override IEnumerable<string> Keys => _values.Keys;

            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        }
    }
}
