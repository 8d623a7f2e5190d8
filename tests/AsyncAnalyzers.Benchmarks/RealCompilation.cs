using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Benchmarks
{
    /// <summary>
    /// A real project's compilation rebuilt from its compiler command line (the <c>csc</c> line of <c>dotnet build -v:d</c>):
    /// the same sources, references, options and analyzer config options, so the in-process measure (warm, repeatable,
    /// per rule) runs on what the project's build analyses.
    /// </summary>
    internal static class RealCompilation
    {
        public static (CSharpCompilation Compilation, AnalyzerOptions Options, int FileCount, Func<DiagnosticAnalyzer, bool> Runs) FromResponseFile(string path, string? baseDirectory)
        {
            var folder = baseDirectory ?? Path.GetDirectoryName(path)!;
            var arguments = CSharpCommandLineParser.Default.Parse(Split(File.ReadAllText(path)), folder, sdkDirectory: null);
            var errors = arguments.Errors.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("the command line has errors: " + string.Join("; ", errors.Select(e => e.GetMessage())));
            }

            var configs = arguments.AnalyzerConfigPaths
                .Select(p => AnalyzerConfig.Parse(SourceText.From(File.ReadAllText(p)), p))
                .ToImmutableArray();
            var configSet = AnalyzerConfigSet.Create(configs);
            // One options object per distinct set of values, as the compiler's analyzer-config cache hands out per section set.
            var shared = new Dictionary<ImmutableDictionary<string, string>, AnalyzerConfigOptions>(ReferenceEqualityComparer.Instance);
            AnalyzerConfigOptions OptionsOf(ImmutableDictionary<string, string> values)
            {
                if (!shared.TryGetValue(values, out var options))
                {
                    shared[values] = options = new Options(values);
                }

                return options;
            }

            var perTree = new Dictionary<SyntaxTree, AnalyzerConfigOptions>();
            var severities = new Dictionary<SyntaxTree, AnalyzerConfigOptionsResult>();
            var trees = new List<SyntaxTree>();
            foreach (var file in arguments.SourceFiles)
            {
                var text = SourceText.From(File.ReadAllText(file.Path), Encoding.UTF8);
                var tree = CSharpSyntaxTree.ParseText(text, arguments.ParseOptions, file.Path);
                trees.Add(tree);
                var result = configSet.GetOptionsForSourcePath(file.Path);
                perTree[tree] = OptionsOf(result.AnalyzerOptions);
                severities[tree] = result;
            }

            var additional = arguments.AdditionalFiles.Select(f => (AdditionalText)new FileText(f.Path)).ToImmutableArray();
            var perAdditional = additional.ToDictionary(a => a, a => OptionsOf(configSet.GetOptionsForSourcePath(a.Path).AnalyzerOptions));
            var provider = new Provider(new Options(configSet.GlobalConfigOptions.AnalyzerOptions), perTree, perAdditional);
            var references = arguments.ResolveMetadataReferences(new MetadataReferenceResolverFromPaths()).ToList();
            var compilation = CSharpCompilation.Create(
                arguments.CompilationName ?? Path.GetFileNameWithoutExtension(path),
                trees,
                references,
                arguments.CompilationOptions.WithSyntaxTreeOptionsProvider(new TreeOptions(severities, configSet.GlobalConfigOptions)));
            var errorLog = arguments.ErrorLogOptions != null;
            var treeResults = severities.Values.ToList();
            bool Runs(DiagnosticAnalyzer analyzer) => errorLog || RunsInCommandLineBuild(analyzer, compilation.Options, configSet.GlobalConfigOptions, treeResults);
            return (compilation, new AnalyzerOptions(additional, provider), trees.Count, Runs);
        }

        /// <summary>
        /// The command-line compiler without <c>/errorlog</c> skips an analyzer whose every diagnostic is Info, Hidden or off:
        /// nothing of it would be printed (checked on Polly.Core: ASYNC104, ASYNC106 and ASYNC606 report "&lt;0.001" s without
        /// <c>/errorlog</c> and 0.010–0.027 s with it). Approximated here from the project's severities: the command line, the
        /// global config (its ID, category and bulk keys) and any file's .editorconfig section.
        /// </summary>
        private static bool RunsInCommandLineBuild(DiagnosticAnalyzer analyzer, CompilationOptions options, AnalyzerConfigOptionsResult global, List<AnalyzerConfigOptionsResult> trees)
        {
            foreach (var descriptor in analyzer.SupportedDiagnostics)
            {
                if (Shown(Effective(descriptor, options, global, null)))
                {
                    return true;
                }

                foreach (var tree in trees)
                {
                    if (tree.TreeOptions.TryGetValue(descriptor.Id, out var perTree) && Shown(perTree))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool Shown(ReportDiagnostic severity) => severity is ReportDiagnostic.Warn or ReportDiagnostic.Error;

        private static ReportDiagnostic Effective(DiagnosticDescriptor descriptor, CompilationOptions options, AnalyzerConfigOptionsResult global, AnalyzerConfigOptionsResult? tree)
        {
            if (options.SpecificDiagnosticOptions.TryGetValue(descriptor.Id, out var specific))
            {
                return specific;
            }

            if (global.TreeOptions.TryGetValue(descriptor.Id, out var configured))
            {
                return configured;
            }

            if (TryParse(global.AnalyzerOptions, "dotnet_analyzer_diagnostic.category-" + descriptor.Category + ".severity", out var category))
            {
                return category;
            }

            if (descriptor.IsEnabledByDefault && TryParse(global.AnalyzerOptions, "dotnet_analyzer_diagnostic.severity", out var bulk))
            {
                return bulk;
            }

            if (!descriptor.IsEnabledByDefault)
            {
                return ReportDiagnostic.Suppress;
            }

            return descriptor.DefaultSeverity switch
            {
                DiagnosticSeverity.Error => ReportDiagnostic.Error,
                DiagnosticSeverity.Warning => options.GeneralDiagnosticOption == ReportDiagnostic.Error ? ReportDiagnostic.Error : ReportDiagnostic.Warn,
                DiagnosticSeverity.Info => ReportDiagnostic.Info,
                _ => ReportDiagnostic.Hidden,
            };
        }

        private static bool TryParse(ImmutableDictionary<string, string> values, string key, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            if (!values.TryGetValue(key, out var text))
            {
                return false;
            }

            switch (text.Trim().ToLowerInvariant())
            {
                case "error": severity = ReportDiagnostic.Error; return true;
                case "warning": severity = ReportDiagnostic.Warn; return true;
                case "suggestion": severity = ReportDiagnostic.Info; return true;
                case "silent": severity = ReportDiagnostic.Hidden; return true;
                case "none": severity = ReportDiagnostic.Suppress; return true;
                default: return false;
            }
        }

        /// <summary>Response-file arguments: whitespace-separated, double quotes group.</summary>
        private static IEnumerable<string> Split(string text)
        {
            var current = new StringBuilder();
            var quoted = false;
            foreach (var c in text)
            {
                if (c == '"')
                {
                    quoted = !quoted;
                    continue;
                }

                if (!quoted && char.IsWhiteSpace(c))
                {
                    if (current.Length > 0)
                    {
                        yield return current.ToString();
                        current.Clear();
                    }

                    continue;
                }

                current.Append(c);
            }

            if (current.Length > 0)
            {
                yield return current.ToString();
            }
        }

        private sealed class MetadataReferenceResolverFromPaths : MetadataReferenceResolver
        {
            public override bool Equals(object? other) => ReferenceEquals(this, other);

            public override int GetHashCode() => 1;

            public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
                => File.Exists(reference)
                    ? ImmutableArray.Create(MetadataReference.CreateFromFile(reference, properties))
                    : ImmutableArray<PortableExecutableReference>.Empty;
        }

        private sealed class Options : AnalyzerConfigOptions
        {
            private readonly ImmutableDictionary<string, string> _values;

            public Options(ImmutableDictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);

            public override IEnumerable<string> Keys => _values.Keys;
        }

        private sealed class Provider : AnalyzerConfigOptionsProvider
        {
            private readonly Dictionary<SyntaxTree, AnalyzerConfigOptions> _trees;
            private readonly Dictionary<AdditionalText, AnalyzerConfigOptions> _additional;

            public Provider(AnalyzerConfigOptions global, Dictionary<SyntaxTree, AnalyzerConfigOptions> trees, Dictionary<AdditionalText, AnalyzerConfigOptions> additional)
            {
                GlobalOptions = global;
                _trees = trees;
                _additional = additional;
            }

            public override AnalyzerConfigOptions GlobalOptions { get; }

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _trees.TryGetValue(tree, out var options) ? options : GlobalOptions;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _additional.TryGetValue(textFile, out var options) ? options : GlobalOptions;
        }

        /// <summary>The .editorconfig severities (<c>dotnet_diagnostic.ID.severity</c>) and <c>generated_code</c>, per file and global.</summary>
        private sealed class TreeOptions : SyntaxTreeOptionsProvider
        {
            private readonly Dictionary<SyntaxTree, AnalyzerConfigOptionsResult> _trees;
            private readonly AnalyzerConfigOptionsResult _global;

            public TreeOptions(Dictionary<SyntaxTree, AnalyzerConfigOptionsResult> trees, AnalyzerConfigOptionsResult global)
            {
                _trees = trees;
                _global = global;
            }

            public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken)
                => _trees.TryGetValue(tree, out var result) && result.AnalyzerOptions.TryGetValue("generated_code", out var value) && bool.TryParse(value, out var generated)
                    ? (generated ? GeneratedKind.MarkedGenerated : GeneratedKind.NotGenerated)
                    : GeneratedKind.Unknown;

            public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            {
                if (_trees.TryGetValue(tree, out var result) && result.TreeOptions.TryGetValue(diagnosticId, out severity))
                {
                    return true;
                }

                severity = ReportDiagnostic.Default;
                return false;
            }

            public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
                => _global.TreeOptions.TryGetValue(diagnosticId, out severity);
        }

        private sealed class FileText : AdditionalText
        {
            public FileText(string path) => Path = path;

            public override string Path { get; }

            public override SourceText? GetText(CancellationToken cancellationToken = default)
                => File.Exists(Path) ? SourceText.From(File.ReadAllText(Path), Encoding.UTF8) : null;
        }
    }
}
