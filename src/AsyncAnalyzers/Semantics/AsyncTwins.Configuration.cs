using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Semantics
{
    // Where twins and exclusions come from: the default exclusion table, the AsyncAnalyzers.Twins.txt AdditionalFile and the extra_async_twins / exclude_methods options (documentation IDs).
    internal sealed partial class AsyncTwins
    {
        /// <summary>Known false twins and APIs other rules own. Prefix match on documentation IDs (T:, M:, N:).</summary>
        internal static readonly ImmutableArray<string> DefaultExclusions = ImmutableArray.Create(
            // ASYNC102's business: Task.Wait(token) has a WaitAsync(token) "twin" with another meaning.
            "T:System.Threading.Tasks.Task",
            "T:System.Threading.Tasks.ValueTask",
            // EF Core: AddAsync exists only for special value generators; Add does no I/O.
            "M:Microsoft.EntityFrameworkCore.DbContext.Add",
            "M:Microsoft.EntityFrameworkCore.DbContext.AddRange",
            "M:Microsoft.EntityFrameworkCore.DbSet`1.Add",
            "M:Microsoft.EntityFrameworkCore.DbSet`1.AddRange",
            // EF Core: creating a context does no I/O; CreateDbContextAsync exists for factories that do.
            "M:Microsoft.EntityFrameworkCore.IDbContextFactory`1.CreateDbContext",
            // Microsoft.Data.Sqlite: the async methods run synchronously; its documentation says to prefer the sync ones.
            "N:Microsoft.Data.Sqlite",
            // Cancel runs callbacks synchronously; CancelAsync is not a drop-in.
            "M:System.Threading.CancellationTokenSource.Cancel",
            // In-memory readers and writers: the async versions only add overhead.
            "T:System.IO.MemoryStream",
            "T:System.IO.UnmanagedMemoryStream",
            "T:System.IO.StringWriter",
            "T:System.IO.StringReader",
            // Column getters read buffered data; the async versions are slower in the common case.
            "M:System.Data.Common.DbDataReader.GetFieldValue",
            "M:System.Data.Common.DbDataReader.IsDBNull",
            // XmlReader/XmlWriter async methods throw unless the reader/writer was created with Async = true.
            "T:System.Xml.XmlReader",
            "T:System.Xml.XmlWriter",
            // Assertion libraries: Throws/ThrowsAsync and friends take different delegates.
            "N:Xunit",
            "N:NUnit.Framework",
            "N:FluentAssertions",
            "N:Shouldly",
            "N:Microsoft.VisualStudio.TestTools.UnitTesting");

        /// <summary>The lookup for a compilation, built the first time a rule asks for a twin.</summary>
        public static Lazy<AsyncTwins> CreateLazy(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
            => new Lazy<AsyncTwins>(() => Create(compilation, options, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);

        public static AsyncTwins Create(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            var exclusions = ImmutableArray.CreateBuilder<string>();
            var twins = ImmutableArray.CreateBuilder<(string, string)>();
            foreach (var file in options.AdditionalFiles)
            {
                if (!string.Equals(Path.GetFileName(file.Path), AdditionalFileName, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var text = file.GetText(cancellationToken);
                if (text is null)
                {
                    continue;
                }

                foreach (var line in text.Lines)
                {
                    var entry = line.ToString();
                    var comment = entry.IndexOf('#');
                    if (comment >= 0)
                    {
                        entry = entry.Substring(0, comment);
                    }

                    entry = entry.Trim();
                    if (entry.Length == 0)
                    {
                        continue;
                    }

                    if (TryParseTwin(entry, out var twin))
                    {
                        twins.Add(twin);
                    }
                    else
                    {
                        exclusions.Add(entry);
                    }
                }
            }

            return new AsyncTwins(compilation, KnownSymbols.Get(compilation), exclusions.ToImmutable(), twins.ToImmutable());
        }

        /// <summary><c>M:Ns.Type.Save=>M:Ns.Type.PersistAsync</c>.</summary>
        internal static bool TryParseTwin(string entry, out (string From, string To) twin)
        {
            var arrow = entry.IndexOf("=>", StringComparison.Ordinal);
            if (arrow <= 0)
            {
                twin = default;
                return false;
            }

            twin = (entry.Substring(0, arrow).Trim(), entry.Substring(arrow + 2).Trim());
            return twin.From.Length > 0 && twin.To.Length > 0;
        }

        /// <summary>Whether the method is excluded by the default table, the AdditionalFile or the options.</summary>
        public bool IsExcluded(IMethodSymbol definition, ITypeSymbol? receiverType, AnalyzerConfigOptions treeOptions)
        {
            var key = new ExclusionKey(definition, receiverType);
            if (!_builtInExclusions.TryGetValue(key, out var builtIn))
            {
                builtIn = IsExcludedBy(DefaultExclusions, definition, receiverType) || IsExcludedBy(_fileExclusions, definition, receiverType);
                _builtInExclusions.TryAdd(key, builtIn);
            }

            if (builtIn)
            {
                return true;
            }

            var configured = Options.GetList(treeOptions, RuleOptions.AsyncCounterpartExcludeMethods);
            return !configured.IsEmpty && IsExcludedBy(configured, definition, receiverType);
        }

        private bool IsExcludedBy(ImmutableArray<string> entries, IMethodSymbol definition, ITypeSymbol? receiverType)
        {
            if (entries.IsEmpty)
            {
                return false;
            }

            var methodId = DocumentationId(definition.OriginalDefinition);
            var typeId = definition.ContainingType is { } type ? DocumentationId(type.OriginalDefinition) : string.Empty;
            var receiverId = receiverType is INamedTypeSymbol receiver ? DocumentationId(receiver.OriginalDefinition) : string.Empty;
#pragma warning disable RS0030 // Matched against the user's N: entries, which are text.
            var namespaceName = definition.ContainingNamespace?.ToDisplayString() ?? string.Empty;
#pragma warning restore RS0030
            return MatchesAny(entries, methodId, typeId, receiverId, namespaceName);
        }

        private sealed class ExclusionKey : IEquatable<ExclusionKey>
        {
            private readonly IMethodSymbol _method;
            private readonly ITypeSymbol? _receiver;

            public ExclusionKey(IMethodSymbol method, ITypeSymbol? receiver)
            {
                _method = method;
                _receiver = receiver;
            }

            public bool Equals(ExclusionKey? other)
                => other is not null && SymbolEqualityComparer.Default.Equals(_method, other._method) && SymbolEqualityComparer.Default.Equals(_receiver, other._receiver);

            public override bool Equals(object? obj) => Equals(obj as ExclusionKey);

            public override int GetHashCode()
                => (SymbolEqualityComparer.Default.GetHashCode(_method) * 397) ^ (_receiver is null ? 0 : SymbolEqualityComparer.Default.GetHashCode(_receiver));
        }

        private static bool MatchesAny(ImmutableArray<string> entries, string methodId, string typeId, string receiverId, string namespaceName)
        {
            foreach (var entry in entries)
            {
                if (entry.Length < 3)
                {
                    continue;
                }

                switch (entry[0])
                {
                    case 'M' when IsIdPrefix(methodId, entry):
                    case 'T' when entry == typeId || entry == receiverId || IsNestedIn(typeId, entry) || IsNestedIn(receiverId, entry):
                        return true;
                    case 'N' when namespaceName == entry.Substring(2) || namespaceName.StartsWith(entry.Substring(2) + ".", StringComparison.Ordinal):
                        return true;
                }
            }

            return false;
        }

        /// <summary>"M:A.B.C" matches "M:A.B.C", "M:A.B.C(System.Int32)" and "M:A.B.C``1(…)".</summary>
        private static bool IsIdPrefix(string id, string prefix)
            => id.StartsWith(prefix, StringComparison.Ordinal)
               && (id.Length == prefix.Length || id[prefix.Length] == '(' || id[prefix.Length] == '`');

        private static bool IsNestedIn(string typeId, string entry)
            => typeId.Length > entry.Length && typeId.StartsWith(entry, StringComparison.Ordinal) && typeId[entry.Length] == '.';

        private string DocumentationId(ISymbol symbol)
            => _documentationIds.GetOrAdd(symbol, static s => s.GetDocumentationCommentId() ?? string.Empty);

        /// <summary>
        /// The <c>extra_async_twins</c> pairs in force for a tree, parsed once per options object (the compiler shares one per
        /// tree and configuration), not once per call.
        /// </summary>
        private static ImmutableArray<(string From, string To)> ConfiguredTwins(AnalyzerConfigOptions treeOptions)
            => ParsedTwins.GetValue(treeOptions, static options =>
            {
                var builder = ImmutableArray.CreateBuilder<(string, string)>();
                foreach (var entry in Options.GetList(options, RuleOptions.AsyncCounterpartExtraTwins))
                {
                    if (TryParseTwin(entry, out var twin))
                    {
                        builder.Add(twin);
                    }
                }

                return new ParsedTwinList(builder.ToImmutable());
            }).Twins;

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AnalyzerConfigOptions, ParsedTwinList> ParsedTwins = new System.Runtime.CompilerServices.ConditionalWeakTable<AnalyzerConfigOptions, ParsedTwinList>();

        private sealed class ParsedTwinList
        {
            public ParsedTwinList(ImmutableArray<(string From, string To)> twins) => Twins = twins;

            public ImmutableArray<(string From, string To)> Twins { get; }
        }

        private IEnumerable<IMethodSymbol> ExtraTwinTargets(IMethodSymbol definition, ImmutableArray<(string From, string To)> configured)
        {
            var methodId = DocumentationId(definition.OriginalDefinition);
            foreach (var twin in configured.Concat(_fileTwins))
            {
                if (IsIdPrefix(methodId, twin.From))
                {
                    foreach (var target in ResolveMethods(twin.To))
                    {
                        yield return target;
                    }
                }
            }
        }

        /// <summary>"M:Ns.Type.Method" (all overloads) or a full documentation ID.</summary>
        private ImmutableArray<IMethodSymbol> ResolveMethods(string id)
        {
            if (_resolvedTargets.TryGetValue(id, out var cached))
            {
                return cached.Items;
            }

            var resolved = Resolve(id, this);
            _resolvedTargets.TryAdd(id, new Methods(resolved));
            return resolved;

            static ImmutableArray<IMethodSymbol> Resolve(string key, AsyncTwins self)
            {
                if (!key.StartsWith("M:", StringComparison.Ordinal))
                {
                    return ImmutableArray<IMethodSymbol>.Empty;
                }

                var paren = key.IndexOf('(');
                var path = paren < 0 ? key.Substring(2) : key.Substring(2, paren - 2);
                var dot = path.LastIndexOf('.');
                if (dot <= 0)
                {
                    return ImmutableArray<IMethodSymbol>.Empty;
                }

                var type = KnownSymbols.Resolve(self._compilation, path.Substring(0, dot));
                if (type is null)
                {
                    return ImmutableArray<IMethodSymbol>.Empty;
                }

                var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
                foreach (var member in type.GetMembers(path.Substring(dot + 1)))
                {
                    if (member is IMethodSymbol method && (paren < 0 || method.GetDocumentationCommentId() == key))
                    {
                        builder.Add(method);
                    }
                }

                return builder.ToImmutable();
            }
        }
    }
}
