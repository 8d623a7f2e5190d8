using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics
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
    /// Async twin lookup (ARCHITECTURE.md, "Decided once"): for <c>M(args)</c>, an accessible, non-obsolete <c>MAsync</c> on the same type (or a base
    /// type / interface, or an extension in scope) whose parameters match M's, optionally plus a trailing CancellationToken,
    /// and that returns an awaitable of M's return type. A default exclusion table covers known false twins; users extend
    /// the twins and the exclusions with <c>async_analyzers.extra_async_twins</c> / <c>async_analyzers.exclude_methods</c>
    /// (documentation comment IDs) or an AdditionalFile named <c>AsyncAnalyzers.Twins.txt</c>.
    /// One instance per compilation: member twins are cached per method symbol.
    /// </summary>
    internal sealed partial class AsyncTwins
    {
        public const string AdditionalFileName = "AsyncAnalyzers.Twins.txt";

        private readonly KnownSymbols _known;
        private readonly Compilation _compilation;
        private readonly ImmutableArray<string> _fileExclusions;
        private readonly ImmutableArray<(string From, string To)> _fileTwins;

        // Keys are classes and method lists are boxed in Methods: a concurrent dictionary of a tuple key or an ImmutableArray
        // value is compiled by the JIT in every cold compiler process, one of reference types runs the framework's
        // precompiled code (a bool value is fine: the compiler's own dictionaries of bool have been compiled already).
        private readonly ConcurrentDictionary<ITypeSymbol, ConcurrentDictionary<string, Methods>> _instanceCandidates = new ConcurrentDictionary<ITypeSymbol, ConcurrentDictionary<string, Methods>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, Methods> _memberCandidates = new ConcurrentDictionary<IMethodSymbol, Methods>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, string> _documentationIds = new ConcurrentDictionary<ISymbol, string>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<string, Methods> _resolvedTargets = new ConcurrentDictionary<string, Methods>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<ExclusionKey, bool> _builtInExclusions = new ConcurrentDictionary<ExclusionKey, bool>();
        private readonly ConcurrentDictionary<ExtensionKey, Methods> _extensions = new ConcurrentDictionary<ExtensionKey, Methods>();

        private AsyncTwins(Compilation compilation, KnownSymbols known, ImmutableArray<string> fileExclusions, ImmutableArray<(string From, string To)> fileTwins)
        {
            _compilation = compilation;
            _known = known;
            _fileExclusions = fileExclusions;
            _fileTwins = fileTwins;
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
                receiver = OperationTree.Unwrap(invocation.Arguments[0].Value);
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
            return Find(method, receiver?.Type, invocation.SemanticModel!, invocation.Syntax, callerSymbol, onSelf, treeOptions);
        }

        /// <summary>
        /// The twin of <paramref name="method"/> called on <paramref name="receiverType"/> at <paramref name="site"/> (the call's
        /// syntax) in <paramref name="callerSymbol"/>, or null; <paramref name="onSelf"/>: the call is on <c>this</c>/<c>base</c>,
        /// implicit, or static.
        /// </summary>
        internal AsyncTwin? Find(IMethodSymbol method, ITypeSymbol? receiverType, SemanticModel model, SyntaxNode site, ISymbol callerSymbol, bool onSelf, AnalyzerConfigOptions treeOptions)
        {
            var position = site.SpanStart;
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
                foreach (var extension in ExtensionCandidates(model, site, callerSymbol, receiverType, TwinName(name)))
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
    }
}
