using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Infrastructure
{
    /// <summary>How a twin takes a cancellation token.</summary>
    internal enum TwinTokenShape
    {
        /// <summary>No overload of the twin takes a token.</summary>
        None,

        /// <summary>The twin's trailing token parameter is optional, or an overload without it exists too.</summary>
        Optional,

        /// <summary>The only matching twin requires a trailing token.</summary>
        Required,
    }

    /// <summary>The async twin of a synchronous call.</summary>
    internal readonly struct AsyncTwin
    {
        public AsyncTwin(IMethodSymbol method, bool parametersMatch, TwinTokenShape token, string? tokenParameterName)
        {
            Method = method;
            ParametersMatch = parametersMatch;
            Token = token;
            TokenParameterName = tokenParameterName;
        }

        public IMethodSymbol Method { get; }

        /// <summary>False when the twin's parameters differ (Span → Memory): reported, but no fix.</summary>
        public bool ParametersMatch { get; }

        public TwinTokenShape Token { get; }

        public string? TokenParameterName { get; }
    }

    /// <summary>
    /// Async twin lookup (RULES.md): for <c>M(args)</c>, an accessible, non-obsolete <c>MAsync</c> on the same type (or a base
    /// type / interface, or an extension in scope) whose parameters match M's, optionally plus a trailing CancellationToken,
    /// and that returns an awaitable of M's return type. A default exclusion table covers known false twins; users extend
    /// the twins and the exclusions with <c>async_analyzers.extra_async_twins</c> / <c>async_analyzers.exclude_methods</c>
    /// (documentation comment IDs) or an AdditionalFile named <c>AsyncAnalyzers.Twins.txt</c>.
    /// One instance per compilation: member twins are cached per method symbol.
    /// </summary>
    internal sealed class AsyncTwins
    {
        public const string AdditionalFileName = "AsyncAnalyzers.Twins.txt";

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

        private readonly KnownSymbols _known;
        private readonly Compilation _compilation;
        private readonly ImmutableArray<string> _fileExclusions;
        private readonly ImmutableArray<(string From, string To)> _fileTwins;
        private readonly ConcurrentDictionary<ITypeSymbol, ConcurrentDictionary<string, ImmutableArray<IMethodSymbol>>> _instanceCandidates = new ConcurrentDictionary<ITypeSymbol, ConcurrentDictionary<string, ImmutableArray<IMethodSymbol>>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _memberCandidates = new ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, string> _documentationIds = new ConcurrentDictionary<ISymbol, string>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<string, ImmutableArray<IMethodSymbol>> _resolvedTargets = new ConcurrentDictionary<string, ImmutableArray<IMethodSymbol>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<(IMethodSymbol Method, ITypeSymbol? Receiver), bool> _builtInExclusions = new ConcurrentDictionary<(IMethodSymbol, ITypeSymbol?), bool>(ExclusionKeyComparer.Instance);
        private readonly ConcurrentDictionary<(SyntaxNode Scope, ITypeSymbol Receiver, string Name), ImmutableArray<IMethodSymbol>> _extensions = new ConcurrentDictionary<(SyntaxNode, ITypeSymbol, string), ImmutableArray<IMethodSymbol>>(ExtensionKeyComparer.Instance);

        private AsyncTwins(Compilation compilation, KnownSymbols known, ImmutableArray<string> fileExclusions, ImmutableArray<(string From, string To)> fileTwins)
        {
            _compilation = compilation;
            _known = known;
            _fileExclusions = fileExclusions;
            _fileTwins = fileTwins;
        }

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

        /// <summary>
        /// The twin of the method <paramref name="invocation"/> calls, or null. An extension method called on an
        /// instance (<c>client.Push(x)</c>) is looked at in that reduced form, so an instance <c>PushAsync(x)</c> counts.
        /// </summary>
        public AsyncTwin? Find(IInvocationOperation invocation, ISymbol callerSymbol, AnalyzerConfigOptions treeOptions)
        {
            var method = invocation.TargetMethod;
            var receiver = invocation.Instance;
            if (receiver is null && method.IsExtensionMethod && method.MethodKind == MethodKind.Ordinary
                && invocation.Arguments.Length > 0 && invocation.Arguments[0].Syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax)
            {
                // Called as receiver.M(…): the receiver is the first argument, which has no argument syntax of its own.
                receiver = BlockingTaskCalls.Unwrap(invocation.Arguments[0].Value);
                if (receiver.Type is { } extended && method.ReduceExtensionMethod(extended) is { } reducedForm)
                {
                    method = reducedForm;
                }
            }

            // Console.Out / Console.Error are synchronized writers whose async methods write synchronously: no gain.
            if (receiver is IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Out" or "Error" } standard }
                && KnownSymbols.Is(standard.ContainingType, _known.Console))
            {
                return null;
            }

            var onSelf = receiver is null or IInstanceReferenceOperation;
            return Find(method, receiver?.Type, invocation.SemanticModel!, invocation.Syntax.SpanStart, callerSymbol, onSelf, treeOptions);
        }

        /// <summary>
        /// The twin of <paramref name="method"/> called on <paramref name="receiverType"/> at <paramref name="position"/>, or null;
        /// <paramref name="onSelf"/>: the call is on <c>this</c>/<c>base</c>, implicit, or static.
        /// </summary>
        internal AsyncTwin? Find(IMethodSymbol method, ITypeSymbol? receiverType, SemanticModel model, int position, ISymbol callerSymbol, bool onSelf, AnalyzerConfigOptions treeOptions)
        {
            // Cheap tests first: names, return type.
            var name = method.Name;
            if (name.EndsWith("Async", StringComparison.Ordinal) || name == "Dispose" || method.MethodKind is not (MethodKind.Ordinary or MethodKind.ReducedExtension)
                || _known.IsTaskLike(method.ReturnType))
            {
                return null;
            }

            // Close() of a disposable (Stream, TextWriter, DbConnection …) is its Dispose under another name: disposing
            // asynchronously is ASYNC401's business (await using / DisposeAsync), not a twin's.
            if (name == "Close" && method.Parameters.IsEmpty && IsDisposable(method.ContainingType))
            {
                return null;
            }

            // Most calls have no twin: look for one first (cached per method), and only then ask the exclusion table.
            var definition = method.ReducedFrom ?? method;
            AsyncTwin? best = null;
            var reduced = method.MethodKind == MethodKind.ReducedExtension;
            foreach (var candidate in MemberCandidates(definition, method))
            {
                var comparable = reduced && candidate.IsExtensionMethod && method.ReceiverType != null
                    ? candidate.ReduceExtensionMethod(method.ReceiverType)
                    : candidate;
                if (comparable != null)
                {
                    best = Better(best, Match(method, comparable, model, position));
                }
            }

            // A synchronous extension method with an instance twin on the receiver's type: client.Push(x) → client.PushAsync(x).
            if (reduced && receiverType is INamedTypeSymbol receiverNamed)
            {
                foreach (var candidate in InstanceCandidates(receiverNamed, TwinName(name)))
                {
                    best = Better(best, Match(method, candidate, model, position));
                }
            }

            if (best is null && !method.IsStatic && receiverType != null)
            {
                foreach (var extension in ExtensionCandidates(model, position, receiverType, TwinName(name)))
                {
                    best = Better(best, Match(method, extension, model, position));
                }
            }

            var configuredTwins = ConfiguredTwins(treeOptions);
            foreach (var target in configuredTwins.IsEmpty && _fileTwins.IsEmpty ? Array.Empty<IMethodSymbol>() : ExtraTwinTargets(definition, configuredTwins))
            {
                var match = Match(method, target, model, position);
                best = Better(best, match ?? (IsAccessible(target, model, position) ? new AsyncTwin(target, false, TwinTokenShape.None, null) : (AsyncTwin?)null));
            }

            if (best is not { } found || IsExcluded(definition, receiverType, treeOptions) || (onSelf && IsOwnTwin(found.Method, callerSymbol)))
            {
                return null;
            }

            return best;
        }

        private bool IsDisposable(INamedTypeSymbol? type)
        {
            if (type is null || _known.IDisposable is not { } disposable)
            {
                return false;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                if (KnownSymbols.Is(@interface, disposable))
                {
                    return true;
                }
            }

            return false;
        }

        private readonly ConcurrentDictionary<string, string> _twinNames = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        /// <summary>"Read" → "ReadAsync", allocated once per name rather than once per call.</summary>
        private string TwinName(string name)
        {
            if (_twinNames.TryGetValue(name, out var twin))
            {
                return twin;
            }

            twin = name + "Async";
            _twinNames.TryAdd(name, twin);
            return twin;
        }

        /// <summary>
        /// Extension methods named <paramref name="name"/> callable on <paramref name="receiverType"/>: the lookup depends on the
        /// using directives in force, so it is cached per namespace declaration (or file) — once per file, not per call.
        /// </summary>
        private ImmutableArray<IMethodSymbol> ExtensionCandidates(SemanticModel model, int position, ITypeSymbol receiverType, string name)
        {
            var root = model.SyntaxTree.GetRoot();
            var scope = root.FindToken(position).Parent;
            while (scope != null && scope is not Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax && scope is not Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax)
            {
                scope = scope.Parent;
            }

            var key = (scope ?? root, receiverType, name);
            if (_extensions.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
            foreach (var symbol in model.LookupSymbols(position, receiverType, name, includeReducedExtensionMethods: true))
            {
                if (symbol is IMethodSymbol { MethodKind: MethodKind.ReducedExtension } extension)
                {
                    builder.Add(extension);
                }
            }

            var result = builder.ToImmutable();
            _extensions.TryAdd(key, result);
            return result;
        }

        /// <summary>Whether the method is excluded by the default table, the AdditionalFile or the options.</summary>
        public bool IsExcluded(IMethodSymbol definition, ITypeSymbol? receiverType, AnalyzerConfigOptions treeOptions)
        {
            var key = (definition, receiverType);
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
            var namespaceName = definition.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return MatchesAny(entries, methodId, typeId, receiverId, namespaceName);
        }

        private sealed class ExclusionKeyComparer : IEqualityComparer<(IMethodSymbol Method, ITypeSymbol? Receiver)>
        {
            public static readonly ExclusionKeyComparer Instance = new ExclusionKeyComparer();

            public bool Equals((IMethodSymbol Method, ITypeSymbol? Receiver) x, (IMethodSymbol Method, ITypeSymbol? Receiver) y)
                => SymbolEqualityComparer.Default.Equals(x.Method, y.Method) && SymbolEqualityComparer.Default.Equals(x.Receiver, y.Receiver);

            public int GetHashCode((IMethodSymbol Method, ITypeSymbol? Receiver) key)
                => (SymbolEqualityComparer.Default.GetHashCode(key.Method) * 397) ^ (key.Receiver is null ? 0 : SymbolEqualityComparer.Default.GetHashCode(key.Receiver));
        }

        private sealed class ExtensionKeyComparer : IEqualityComparer<(SyntaxNode Scope, ITypeSymbol Receiver, string Name)>
        {
            public static readonly ExtensionKeyComparer Instance = new ExtensionKeyComparer();

            public bool Equals((SyntaxNode Scope, ITypeSymbol Receiver, string Name) x, (SyntaxNode Scope, ITypeSymbol Receiver, string Name) y)
                => ReferenceEquals(x.Scope, y.Scope) && SymbolEqualityComparer.Default.Equals(x.Receiver, y.Receiver) && string.Equals(x.Name, y.Name, StringComparison.Ordinal);

            public int GetHashCode((SyntaxNode Scope, ITypeSymbol Receiver, string Name) key)
                => (((key.Scope.GetHashCode() * 397) ^ SymbolEqualityComparer.Default.GetHashCode(key.Receiver)) * 397) ^ StringComparer.Ordinal.GetHashCode(key.Name);
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

        private ImmutableArray<IMethodSymbol> MemberCandidates(IMethodSymbol definition, IMethodSymbol call)
        {
            if (_memberCandidates.TryGetValue(call, out var cached))
            {
                return cached;
            }

            var collected = CollectMemberCandidates(call);
            _memberCandidates.TryAdd(call, collected);
            return collected;
        }

        private ImmutableArray<IMethodSymbol> CollectMemberCandidates(IMethodSymbol method)
        {
            var twinName = TwinName(method.Name);
            var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
            var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            var type = method.ReducedFrom is null ? method.ContainingType : method.ReducedFrom.ContainingType;
            for (var current = type; current != null; current = current.BaseType)
            {
                AddMembers(current, twinName, builder, seen);
            }

            if (type != null && type.TypeKind == TypeKind.Interface)
            {
                foreach (var @interface in type.AllInterfaces)
                {
                    AddMembers(@interface, twinName, builder, seen);
                }
            }

            return builder.ToImmutable();
        }

        private void AddMembers(INamedTypeSymbol type, string name, ImmutableArray<IMethodSymbol>.Builder builder, HashSet<ITypeSymbol> seen)
        {
            if (!seen.Add(type))
            {
                return;
            }

            foreach (var member in type.GetMembers(name))
            {
                if (member is IMethodSymbol candidate && !IsObsolete(candidate))
                {
                    builder.Add(candidate);
                }
            }
        }

        private bool IsObsolete(ISymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (KnownSymbols.Is(attribute.AttributeClass, _known.ObsoleteAttribute))
                {
                    return true;
                }
            }

            return false;
        }

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
                return cached;
            }

            var resolved = Resolve(id, this);
            _resolvedTargets.TryAdd(id, resolved);
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

                var type = self._compilation.GetTypeByMetadataName(path.Substring(0, dot));
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

        private AsyncTwin? Match(IMethodSymbol method, IMethodSymbol candidate, SemanticModel model, int position)
        {
            if (candidate.IsStatic != method.IsStatic || candidate.Arity != method.Arity || !IsAccessible(candidate, model, position))
            {
                return null;
            }

            if (candidate.Arity > 0)
            {
                try
                {
                    candidate = candidate.Construct(method.TypeArguments.ToArray());
                }
                catch (ArgumentException)
                {
                    return null;
                }

                // A twin whose constraints the call's type arguments break would not compile (CS0452, CS0453, CS0310, CS0311).
                if (!SatisfiesConstraints(candidate))
                {
                    return null;
                }
            }

            if (!ReturnMatches(method.ReturnType, method.ReturnsVoid, candidate.ReturnType))
            {
                return null;
            }

            var parameters = method.Parameters;
            var candidateParameters = candidate.Parameters;
            var hasToken = candidateParameters.Length == parameters.Length + 1
                           && KnownSymbols.Is(candidateParameters[candidateParameters.Length - 1].Type, _known.CancellationToken);
            if (candidateParameters.Length != parameters.Length && !hasToken)
            {
                return null;
            }

            var exact = true;
            for (var i = 0; i < parameters.Length; i++)
            {
                var expected = parameters[i];
                var actual = candidateParameters[i];
                // Async methods cannot take 'in' / 'ref readonly' parameters: a by-value twin is the counterpart.
                if (expected.RefKind != actual.RefKind
                    && !(expected.RefKind is RefKind.In or RefKind.RefReadOnlyParameter && actual.RefKind == RefKind.None))
                {
                    return null;
                }

                if (SymbolEqualityComparer.Default.Equals(expected.Type, actual.Type))
                {
                    continue;
                }

                if (IsSpanToMemory(expected.Type, actual.Type))
                {
                    exact = false;
                    continue;
                }

                return null;
            }

            if (!hasToken)
            {
                return new AsyncTwin(candidate, exact, TwinTokenShape.None, null);
            }

            var token = candidateParameters[candidateParameters.Length - 1];
            return new AsyncTwin(candidate, exact, token.IsOptional ? TwinTokenShape.Optional : TwinTokenShape.Required, token.Name);
        }

        private static bool IsAccessible(IMethodSymbol candidate, SemanticModel model, int position)
            => model.IsAccessible(position, candidate);

        /// <summary>Prefers exact parameters; then a twin that accepts a token; then an optional token over a required one.</summary>
        private static AsyncTwin? Better(AsyncTwin? current, AsyncTwin? candidate)
        {
            if (candidate is not { } next)
            {
                return current;
            }

            if (current is not { } best)
            {
                return next;
            }

            if (best.ParametersMatch != next.ParametersMatch)
            {
                return best.ParametersMatch ? best : next;
            }

            // Both an overload without a token and one with: forwarding is optional.
            if (best.Token == TwinTokenShape.None && next.Token == TwinTokenShape.Required)
            {
                return new AsyncTwin(next.Method, next.ParametersMatch, TwinTokenShape.Optional, next.TokenParameterName);
            }

            if (next.Token == TwinTokenShape.None && best.Token == TwinTokenShape.Required)
            {
                return new AsyncTwin(best.Method, best.ParametersMatch, TwinTokenShape.Optional, best.TokenParameterName);
            }

            return Rank(next.Token) > Rank(best.Token) ? next : best;
        }

        private static int Rank(TwinTokenShape shape) => shape switch
        {
            TwinTokenShape.Optional => 2,
            TwinTokenShape.Required => 1,
            _ => 0,
        };

        private bool ReturnMatches(ITypeSymbol returnType, bool returnsVoid, ITypeSymbol candidateReturn)
        {
            if (candidateReturn is not INamedTypeSymbol named)
            {
                return false;
            }

            var definition = named.OriginalDefinition;
            if (returnsVoid)
            {
                return KnownSymbols.Is(definition, _known.Task) || KnownSymbols.Is(definition, _known.ValueTask);
            }

            return (KnownSymbols.Is(definition, _known.TaskOfT) || KnownSymbols.Is(definition, _known.ValueTaskOfT))
                   && named.TypeArguments.Length == 1
                   && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], returnType);
        }

        private bool IsSpanToMemory(ITypeSymbol expected, ITypeSymbol actual)
        {
            if (expected is not INamedTypeSymbol { Arity: 1 } span || actual is not INamedTypeSymbol { Arity: 1 } memory
                || !SymbolEqualityComparer.Default.Equals(span.TypeArguments[0], memory.TypeArguments[0]))
            {
                return false;
            }

            var spanDefinition = span.OriginalDefinition;
            var memoryDefinition = memory.OriginalDefinition;
            return (KnownSymbols.Is(spanDefinition, _known.SpanOfT) && KnownSymbols.Is(memoryDefinition, _known.MemoryOfT))
                   || (KnownSymbols.Is(spanDefinition, _known.ReadOnlySpanOfT) && KnownSymbols.Is(memoryDefinition, _known.ReadOnlyMemoryOfT));
        }

        /// <summary>
        /// Inside ReadAsync, a call to this.Read whose twin is that very ReadAsync (the method, a method it overrides or an
        /// interface member it implements) is the implementation, not a mistake. Another method that merely shares the
        /// twin's name (<c>WriteAsync(Stream destination)</c> calling <c>destination.Write</c>) is not exempt.
        /// </summary>
        private static bool IsOwnTwin(IMethodSymbol twin, ISymbol caller)
        {
            var target = twin.OriginalDefinition;
            for (var current = caller; current != null; current = current.ContainingSymbol)
            {
                if (current is IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation } method)
                {
                    if (ImplementsOrOverrides(method, target))
                    {
                        return true;
                    }
                }

                if (current is INamedTypeSymbol)
                {
                    break;
                }
            }

            return false;
        }

        private static bool ImplementsOrOverrides(IMethodSymbol method, IMethodSymbol target)
        {
            for (var current = method; current != null; current = current.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, target))
                {
                    return true;
                }
            }

            foreach (var implemented in method.ExplicitInterfaceImplementations)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, target))
                {
                    return true;
                }
            }

            return target.ContainingType is { TypeKind: TypeKind.Interface }
                   && method.ContainingType?.FindImplementationForInterfaceMember(target) is IMethodSymbol implementation
                   && SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, method.OriginalDefinition);
        }

        private bool SatisfiesConstraints(IMethodSymbol constructed)
        {
            var parameters = constructed.TypeParameters;
            var arguments = constructed.TypeArguments;
            for (var i = 0; i < parameters.Length && i < arguments.Length; i++)
            {
                var parameter = parameters[i];
                var argument = arguments[i];
                if ((parameter.HasReferenceTypeConstraint && !argument.IsReferenceType)
                    || (parameter.HasValueTypeConstraint && (!argument.IsValueType || argument.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T))
                    || (parameter.HasUnmanagedTypeConstraint && !argument.IsUnmanagedType)
                    || (parameter.HasConstructorConstraint && !HasPublicParameterlessConstructor(argument)))
                {
                    return false;
                }

                foreach (var constraint in parameter.ConstraintTypes)
                {
                    if (!MentionsTypeParameter(constraint) && !_compilation.HasImplicitConversion(argument, constraint))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool HasPublicParameterlessConstructor(ITypeSymbol type)
        {
            switch (type)
            {
                case ITypeParameterSymbol typeParameter:
                    return typeParameter.HasConstructorConstraint || typeParameter.HasValueTypeConstraint || typeParameter.HasUnmanagedTypeConstraint;
                case INamedTypeSymbol { IsValueType: true }:
                    return true;
                case INamedTypeSymbol { IsAbstract: false, TypeKind: TypeKind.Class } named:
                    foreach (var constructor in named.InstanceConstructors)
                    {
                        if (constructor.Parameters.Length == 0 && constructor.DeclaredAccessibility == Accessibility.Public)
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        private static bool MentionsTypeParameter(ITypeSymbol type)
            => type switch
            {
                ITypeParameterSymbol => true,
                IArrayTypeSymbol array => MentionsTypeParameter(array.ElementType),
                INamedTypeSymbol { IsGenericType: true } named => AnyMentionsTypeParameter(named.TypeArguments),
                _ => false,
            };

        private static bool AnyMentionsTypeParameter(ImmutableArray<ITypeSymbol> types)
        {
            foreach (var type in types)
            {
                if (MentionsTypeParameter(type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Instance methods named <paramref name="name"/> on <paramref name="type"/> and its bases (interfaces: all of them).</summary>
        private ImmutableArray<IMethodSymbol> InstanceCandidates(INamedTypeSymbol type, string name)
        {
            var byName = _instanceCandidates.GetOrAdd(type, static _ => new ConcurrentDictionary<string, ImmutableArray<IMethodSymbol>>(StringComparer.Ordinal));
            if (byName.TryGetValue(name, out var cached))
            {
                return cached;
            }

            var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
            var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            for (var current = type; current != null; current = current.BaseType)
            {
                AddMembers(current, name, builder, seen);
            }

            foreach (var @interface in type.AllInterfaces)
            {
                AddMembers(@interface, name, builder, seen);
            }

            var instance = ImmutableArray.CreateBuilder<IMethodSymbol>(builder.Count);
            foreach (var candidate in builder)
            {
                if (!candidate.IsStatic)
                {
                    instance.Add(candidate);
                }
            }

            var result = instance.ToImmutable();
            byName.TryAdd(name, result);
            return result;
        }
    }
}
