using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Configuration
{
    /// <summary>
    /// Suppresses the ASYNC diagnostics listed in the project's AsyncAnalyzers.baseline.txt (an AdditionalFile the package
    /// adds when it exists), so legacy code stays quiet in the IDE, under <c>-warnaserror</c> and in SARIF (as suppressed,
    /// with a justification) while new diagnostics are reported. While the package rewrites the baseline
    /// (<c>-p:AsyncAnalyzersUpdateBaseline=true</c>) it suppresses every ASYNC diagnostic, so that build succeeds and its
    /// SARIF log lists them all for the MSBuild task that writes the file. The analyzer never writes files (RS1035).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BaselineSuppressor : DiagnosticSuppressor
    {
        /// <summary>The compiler-visible MSBuild property the package sets while it rewrites the baseline.</summary>
        public const string UpdateProperty = "build_property.AsyncAnalyzersUpdateBaseline";

        private static readonly ConditionalWeakTable<AdditionalText, Baseline> Parsed = new ConditionalWeakTable<AdditionalText, Baseline>();

        private static readonly ImmutableDictionary<string, SuppressionDescriptor> ByRule = CreateDescriptors();

        public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ByRule.Values.ToImmutableArray();

        public override void ReportSuppressions(SuppressionAnalysisContext context)
        {
            var options = context.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
            if (options.TryGetValue(UpdateProperty, out var update) && string.Equals(update.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var diagnostic in context.ReportedDiagnostics)
                {
                    if (ByRule.TryGetValue(diagnostic.Id, out var descriptor))
                    {
                        context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
                    }
                }

                return;
            }

            var baseline = Find(context.Options.AdditionalFiles, context.CancellationToken);
            if (baseline is null || baseline.IsEmpty)
            {
                return;
            }

            // Lines of the trees that have entries, computed once per tree and only for trees with a reported diagnostic.
            Dictionary<SyntaxTree, TreeLines>? lines = null;
            foreach (var diagnostic in context.ReportedDiagnostics)
            {
                var tree = diagnostic.Location.SourceTree;
                if (tree is null || !ByRule.TryGetValue(diagnostic.Id, out var descriptor))
                {
                    continue;
                }

                var relativePath = BaselineFormat.RelativePath(baseline.Directory, tree.FilePath);
                if (!baseline.HasFile(relativePath))
                {
                    continue;
                }

                lines ??= new Dictionary<SyntaxTree, TreeLines>();
                if (!lines.TryGetValue(tree, out var treeLines))
                {
                    treeLines = new TreeLines(tree.GetText(context.CancellationToken));
                    lines.Add(tree, treeLines);
                }

                var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line;
                if (baseline.Contains(diagnostic.Id, relativePath, treeLines.Compared(line), treeLines.Occurrence(line)))
                {
                    context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
                }
            }
        }

        /// <summary>The baseline among the AdditionalFiles (parsed once per file), or null.</summary>
        internal static Baseline? Find(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
        {
            foreach (var file in files)
            {
                if (string.Equals(Path.GetFileName(file.Path), BaselineFormat.FileName, StringComparison.OrdinalIgnoreCase))
                {
                    return Parsed.GetValue(file, f => Baseline.Read(f, cancellationToken));
                }
            }

            return null;
        }

        private static ImmutableDictionary<string, SuppressionDescriptor> CreateDescriptors()
        {
            // Every rule ID the package declares except ASYNC001 (a configuration error is not legacy code).
            var builder = ImmutableDictionary.CreateBuilder<string, SuppressionDescriptor>(StringComparer.Ordinal);
            foreach (var field in typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                if (field.IsLiteral && field.GetRawConstantValue() is string id && id != DiagnosticIds.InvalidConfiguration)
                {
                    builder[id] = new SuppressionDescriptor("ASYNCB" + id.Substring(5), id, BaselineFormat.Justification);
                }
            }

            return builder.ToImmutable();
        }

        private sealed class TreeLines
        {
            private readonly Microsoft.CodeAnalysis.Text.SourceText _text;
            private string[]? _compared;
            private int[]? _occurrences;

            public TreeLines(Microsoft.CodeAnalysis.Text.SourceText text) => _text = text;

            public string Compared(int line)
            {
                Ensure();
                return line < _compared!.Length ? _compared[line] : string.Empty;
            }

            public int Occurrence(int line)
            {
                Ensure();
                return line < _occurrences!.Length ? _occurrences[line] : 0;
            }

            private void Ensure()
            {
                if (_compared is not null)
                {
                    return;
                }

                var compared = new string[_text.Lines.Count];
                for (var i = 0; i < compared.Length; i++)
                {
                    compared[i] = BaselineFormat.Compared(_text.Lines[i].ToString());
                }

                _occurrences = BaselineFormat.Occurrences(compared);
                _compared = compared;
            }
        }
    }

    /// <summary>A parsed baseline: its entries, where it lives, and the lines it could not read (ASYNC001 reports them).</summary>
    internal sealed class Baseline
    {
        private readonly HashSet<BaselineEntry> _entries;
        private readonly HashSet<string> _files;

        private Baseline(string path, HashSet<BaselineEntry> entries, ImmutableArray<(int Line, string Error)> errors, bool unreadable)
        {
            Path = path;
            Directory = System.IO.Path.GetDirectoryName(path) ?? string.Empty;
            _entries = entries;
            _files = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in entries)
            {
                _files.Add(entry.File);
            }

            Errors = errors;
            Unreadable = unreadable;
        }

        public string Path { get; }

        public string Directory { get; }

        public bool IsEmpty => _entries.Count == 0;

        public int Count => _entries.Count;

        /// <summary>Lines that are not entries, comments or blank (1-based line numbers).</summary>
        public ImmutableArray<(int Line, string Error)> Errors { get; }

        /// <summary>The compiler could not read the file at all.</summary>
        public bool Unreadable { get; }

        public bool HasFile(string relativePath) => _files.Contains(relativePath);

        public bool Contains(string rule, string file, string comparedText, int occurrence)
            => _entries.Contains(new BaselineEntry(rule, file, occurrence, comparedText));

        public static Baseline Read(AdditionalText file, CancellationToken cancellationToken)
        {
            var entries = new HashSet<BaselineEntry>();
            var text = file.GetText(cancellationToken);
            if (text is null)
            {
                return new Baseline(file.Path, entries, ImmutableArray<(int, string)>.Empty, unreadable: true);
            }

            var errors = ImmutableArray.CreateBuilder<(int, string)>();
            foreach (var line in text.Lines)
            {
                var entry = BaselineFormat.Parse(line.ToString(), out var error);
                if (entry is not null)
                {
                    entries.Add(entry);
                }
                else if (error is not null)
                {
                    errors.Add((line.LineNumber + 1, error));
                }
            }

            return new Baseline(file.Path, entries, errors.ToImmutable(), unreadable: false);
        }
    }
}
