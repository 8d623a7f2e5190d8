using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Benchmarks
{
    /// <summary>A named set of analyzers plus the diagnostic ids forced on for it.</summary>
    public sealed record AnalyzerSet(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers, ImmutableArray<string> ForcedIds, string Source);

    public static class AnalyzerSets
    {
        /// <summary>The async rules of Meziantou.Analyzer (the rest of its 150+ rules are not comparable).</summary>
        public static readonly ImmutableArray<string> MeziantouAsyncRules = ImmutableArray.Create(
            "MA0004", "MA0032", "MA0040", "MA0042", "MA0045", "MA0079", "MA0080", "MA0100", "MA0129", "MA0134", "MA0147", "MA0155");

        /// <summary>The NetAnalyzers' async rules.</summary>
        public static readonly ImmutableArray<string> NetAnalyzersAsyncRules = ImmutableArray.Create(
            "CA1849", "CA2016", "CA2007", "CA2012", "CA1842", "CA1843");

        public static IReadOnlyList<AnalyzerSet> Load(IEnumerable<string> names)
        {
            var result = new List<AnalyzerSet>();
            foreach (var name in names)
            {
                result.Add(name switch
                {
                    "ours" => Ours(),
                    "null" => new AnalyzerSet("null", ImmutableArray.Create<DiagnosticAnalyzer>(new NullAnalyzer()), ImmutableArray<string>.Empty, "registers our operation kinds, does nothing"),
                    "vsthrd" => Peer("VSTHRD", "vsthrd", ids => ids.Where(id => id.StartsWith("VSTHRD", StringComparison.Ordinal))),
                    "asyncfixer" => Peer("AsyncFixer", "asyncfixer", ids => ids.Where(id => id.StartsWith("AsyncFixer", StringComparison.Ordinal))),
                    "meziantou" => Peer("Meziantou (async rules)", "meziantou", ids => ids.Where(MeziantouAsyncRules.Contains)),
                    "netanalyzers" => Peer("NetAnalyzers (async CA rules)", "netanalyzers", ids => ids.Where(NetAnalyzersAsyncRules.Contains)),
                    _ => throw new ArgumentException("unknown analyzer set: " + name),
                });
            }

            return result;
        }

        private static AnalyzerSet Ours()
        {
            var analyzers = typeof(AsyncAnalyzers.Descriptors).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null)
                .OrderBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
            var ids = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().ToImmutableArray();
            return new AnalyzerSet("AsyncAnalyzers (ours)", analyzers, ids, typeof(AsyncAnalyzers.Descriptors).Assembly.Location);
        }

        private static AnalyzerSet Peer(string display, string key, Func<IEnumerable<string>, IEnumerable<string>> select)
        {
            var folder = typeof(AnalyzerSets).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "peer:" + key).Value!;
            var loader = new Loader();
            var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            var forced = new HashSet<string>(StringComparer.Ordinal);
            foreach (var dll in Directory.EnumerateFiles(folder, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
            {
                loader.AddDependencyLocation(dll);
            }

            foreach (var dll in Directory.EnumerateFiles(folder, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
            {
                var reference = new AnalyzerFileReference(dll, loader);
                foreach (var analyzer in reference.GetAnalyzers(LanguageNames.CSharp))
                {
                    var wanted = select(analyzer.SupportedDiagnostics.Select(d => d.Id)).ToList();
                    if (wanted.Count == 0)
                    {
                        continue;
                    }

                    analyzers.Add(analyzer);
                    forced.UnionWith(wanted);
                }
            }

            return new AnalyzerSet(display, analyzers.ToImmutable(), forced.OrderBy(x => x, StringComparer.Ordinal).ToImmutableArray(), folder);
        }

        private sealed class Loader : IAnalyzerAssemblyLoader
        {
            private readonly Dictionary<string, string> _byName = new(StringComparer.OrdinalIgnoreCase);

            public Loader() => AppDomain.CurrentDomain.AssemblyResolve += (_, args) =>
                _byName.TryGetValue(new AssemblyName(args.Name).Name ?? string.Empty, out var path) ? Assembly.LoadFrom(path) : null;

            public void AddDependencyLocation(string fullPath) => _byName[Path.GetFileNameWithoutExtension(fullPath)] = fullPath;

            public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
        }
    }

    /// <summary>The floor: registers the same callbacks as our analyzers and does nothing in them.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NullAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new DiagnosticDescriptor("NULL000", "never", "never", "Null", DiagnosticSeverity.Hidden, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                start.RegisterOperationAction(
                    _ => { },
                    OperationKind.Invocation,
                    OperationKind.PropertyReference,
                    OperationKind.ExpressionStatement,
                    OperationKind.VariableDeclarator,
                    OperationKind.DelegateCreation,
                    OperationKind.Loop,
                    OperationKind.Return,
                    OperationKind.Try,
                    OperationKind.LocalFunction);
                start.RegisterSymbolAction(_ => { }, SymbolKind.Method);
            });
        }
    }
}
