using System.Collections.Concurrent;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics
{
    /// <summary>How a call could receive a cancellation token it is not given.</summary>
    internal enum TokenAcceptanceKind
    {
        None,

        /// <summary>The callee has an optional CancellationToken parameter the call leaves at its default.</summary>
        OptionalParameter,

        /// <summary>An overload of the callee takes the same parameters plus a trailing CancellationToken.</summary>
        Overload,
    }

    /// <summary>What an <c>await foreach</c> needs to receive the in-scope token.</summary>
    internal enum AsyncForEachTokenNeed
    {
        /// <summary>Nothing: not an IAsyncEnumerable, or WithCancellation / a token is already there.</summary>
        None,

        /// <summary>Pass the token to the producer call (optional token parameter or token overload).</summary>
        PassToProducer,

        /// <summary>Append <c>.WithCancellation(token)</c> to the enumerated expression.</summary>
        WithCancellation,
    }

    internal readonly struct TokenAcceptanceResult
    {
        public TokenAcceptanceResult(TokenAcceptanceKind kind, string? parameterName, bool needsNamedArgument, IMethodSymbol? overload = null, bool wrapsParamsArray = false)
        {
            Kind = kind;
            ParameterName = parameterName;
            NeedsNamedArgument = needsNamedArgument;
            Overload = overload;
            WrapsParamsArray = wrapsParamsArray;
        }

        /// <summary>The overload that takes the token (<see cref="TokenAcceptanceKind.Overload"/>), else null.</summary>
        public IMethodSymbol? Overload { get; }

        /// <summary>
        /// The call passes a <c>params</c> array in expanded form and the token overload takes the array itself
        /// (<c>FindAsync(params object[] keys)</c> / <c>FindAsync(object[] keys, CancellationToken)</c>): the fix builds the array.
        /// </summary>
        public bool WrapsParamsArray { get; }

        public TokenAcceptanceKind Kind { get; }

        /// <summary>The token parameter's name (for a named argument).</summary>
        public string? ParameterName { get; }

        /// <summary>True when a positional argument would bind to the wrong parameter (named arguments before, params, gaps).</summary>
        public bool NeedsNamedArgument { get; }
    }

    /// <summary>
    /// Whether a call accepts a cancellation token it is not passed (ASYNC302, and the ASYNC301 fix's forwarding).
    /// Overload lookups are cached per method symbol for the compilation.
    /// </summary>
    internal sealed class TokenAcceptance
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, TokenAcceptance> Instances = new System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, TokenAcceptance>();

        private readonly KnownSymbols _known;
        private readonly ConcurrentDictionary<IMethodSymbol, IMethodSymbol?> _overloads = new ConcurrentDictionary<IMethodSymbol, IMethodSymbol?>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, IMethodSymbol?> _awaitableOverloads = new ConcurrentDictionary<IMethodSymbol, IMethodSymbol?>(SymbolEqualityComparer.Default);

        private TokenAcceptance(KnownSymbols known) => _known = known;

        public static TokenAcceptance Get(Compilation compilation)
            => Instances.GetValue(compilation, static c => new TokenAcceptance(KnownSymbols.Get(c)));

        public TokenAcceptanceResult Find(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var tokenType = _known.CancellationToken;
            if (tokenType is null || KnownSymbols.Is(method.ReturnType, tokenType) || KnownSymbols.Is(method.ReturnType, _known.CancellationTokenSource))
            {
                return default;
            }

            var namedOrParamsBefore = false;
            var positional = 0;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is null)
                {
                    continue;
                }

                if (KnownSymbols.Is(argument.Parameter.Type, tokenType))
                {
                    if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        return default; // a token (any, also CancellationToken.None) is passed
                    }

                    var needsNamed = namedOrParamsBefore || argument.Parameter.Ordinal != positional;
                    return new TokenAcceptanceResult(TokenAcceptanceKind.OptionalParameter, argument.Parameter.Name, needsNamed);
                }

                if (argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    if (argument.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax { NameColon: not null })
                    {
                        namedOrParamsBefore = true;
                    }
                    else
                    {
                        positional++;
                    }
                }
                else if (argument.ArgumentKind == ArgumentKind.ParamArray)
                {
                    namedOrParamsBefore = true;
                }
            }

            // Arguments left at their defaults before the end also force a named token argument.
            // When the call is awaited directly, an overload returning another awaitable of the same result
            // (StreamReader.ReadLineAsync(): Task<string?> vs ReadLineAsync(CancellationToken): ValueTask<string?>) fits too.
            var awaited = invocation.Parent is IAwaitOperation || invocation.Parent is IConversionOperation { Parent: IAwaitOperation };
            var overload = FindOverload(method) ?? (awaited ? FindAwaitableOverload(method) : null);
            if (overload is null)
            {
                return default;
            }

            var token = overload.Parameters[overload.Parameters.Length - 1];
            var hasDefaults = false;
            var expandedParams = false;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind is ArgumentKind.DefaultValue or ArgumentKind.ParamArray)
                {
                    hasDefaults = true;
                }

                expandedParams |= argument.ArgumentKind == ArgumentKind.ParamArray;
            }

            // With the array built by the fix, the token goes positionally right after it.
            var wraps = expandedParams && method.Parameters.Length > 0 && method.Parameters[method.Parameters.Length - 1].IsParams;
            return new TokenAcceptanceResult(TokenAcceptanceKind.Overload, token.Name, wraps ? HasNamedArgument(invocation) : namedOrParamsBefore || hasDefaults, overload, wraps);
        }

        private static bool HasNamedArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax { NameColon: not null })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The one decision for <c>await foreach</c> (ASYNC302 and the ASYNC301 fix): a producer call that accepts a token gets it,
        /// otherwise the enumerated IAsyncEnumerable gets <c>.WithCancellation(token)</c>.
        /// </summary>
        public AsyncForEachTokenNeed ForAsyncForEach(IForEachLoopOperation loop, out IInvocationOperation? producer, out TokenAcceptanceResult producerAcceptance)
        {
            producer = null;
            producerAcceptance = default;
            var collection = OperationTree.Unwrap(loop.Collection);
            if (!loop.IsAsynchronous || !_known.ImplementsAsyncEnumerable(collection.Type))
            {
                return AsyncForEachTokenNeed.None;
            }

            if (collection is IInvocationOperation call)
            {
                if (call.TargetMethod.Name == "WithCancellation" || PassesToken(call))
                {
                    return AsyncForEachTokenNeed.None;
                }

                var result = Find(call);
                if (result.Kind != TokenAcceptanceKind.None)
                {
                    producer = call;
                    producerAcceptance = result;
                    return AsyncForEachTokenNeed.PassToProducer;
                }
            }

            return AsyncForEachTokenNeed.WithCancellation;
        }

        private bool PassesToken(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && KnownSymbols.Is(argument.Value.Type, _known.CancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>An accessible overload with the same parameters plus a trailing CancellationToken and the same return type.</summary>
        public IMethodSymbol? FindOverload(IMethodSymbol method)
        {
            if (_overloads.TryGetValue(method, out var cached))
            {
                return cached;
            }

            var found = Search(method, awaitableReturn: false);
            _overloads.TryAdd(method, found);
            return found;
        }

        /// <summary>Like <see cref="FindOverload"/>, but the return type may be another awaitable of the same result (Task&lt;T&gt; / ValueTask&lt;T&gt;).</summary>
        public IMethodSymbol? FindAwaitableOverload(IMethodSymbol method)
        {
            if (_awaitableOverloads.TryGetValue(method, out var cached))
            {
                return cached;
            }

            var found = Search(method, awaitableReturn: true);
            _awaitableOverloads.TryAdd(method, found);
            return found;
        }

        private IMethodSymbol? Search(IMethodSymbol method, bool awaitableReturn)
        {
            var reduced = method.ReducedFrom;
            var type = reduced?.ContainingType ?? method.ContainingType;
            if (type is null)
            {
                return null;
            }

            // A token overload has one parameter more than the call's method (two more than its reduced form, when the
            // candidate is still the unreduced extension): tested before constructing or reducing anything.
            var wantedParameters = method.Parameters.Length + (reduced != null ? 2 : 1);
            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(method.Name))
                {
                    if (member is not IMethodSymbol candidate || candidate.Arity != method.Arity || candidate.Parameters.Length != wantedParameters)
                    {
                        continue;
                    }

                    if (candidate.Arity > 0)
                    {
                        candidate = candidate.Construct(System.Linq.ImmutableArrayExtensions.ToArray(method.TypeArguments));
                    }

                    if (reduced != null)
                    {
                        if (!candidate.IsExtensionMethod || method.ReceiverType is null || candidate.ReduceExtensionMethod(method.ReceiverType) is not { } reducedCandidate)
                        {
                            continue;
                        }

                        candidate = reducedCandidate;
                    }

                    if (IsTokenOverload(method, candidate, awaitableReturn))
                    {
                        return candidate;
                    }
                }

                if (reduced != null)
                {
                    break;
                }
            }

            return null;
        }

        private bool IsTokenOverload(IMethodSymbol method, IMethodSymbol candidate, bool awaitableReturn)
        {
            if (candidate.IsStatic != method.IsStatic
                || candidate.Parameters.Length != method.Parameters.Length + 1
                || !(SymbolEqualityComparer.Default.Equals(candidate.ReturnType, method.ReturnType) || (awaitableReturn && SameAwaitedResult(method.ReturnType, candidate.ReturnType)))
                || !KnownSymbols.Is(candidate.Parameters[candidate.Parameters.Length - 1].Type, _known.CancellationToken)
                || candidate.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected && !SymbolEqualityComparer.Default.Equals(candidate.ContainingType, method.ContainingType)
                || IsObsoleteOrExperimental(candidate))
            {
                return false;
            }

            return SameParameters(method, candidate);
        }

        /// <summary>[Obsolete] (a warning or an error at the call) and [Experimental] (an error) overloads are not for a fix to pick.</summary>
        private bool IsObsoleteOrExperimental(IMethodSymbol candidate)
        {
            foreach (var attribute in candidate.GetAttributes())
            {
                if (KnownSymbols.Is(attribute.AttributeClass, _known.ObsoleteAttribute) || KnownSymbols.Is(attribute.AttributeClass, _known.ExperimentalAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Task ↔ ValueTask, Task&lt;T&gt; ↔ ValueTask&lt;T&gt; with the same T.</summary>
        private bool SameAwaitedResult(ITypeSymbol a, ITypeSymbol b)
        {
            if (a is not INamedTypeSymbol first || b is not INamedTypeSymbol second || !_known.IsTaskLike(first) || !_known.IsTaskLike(second))
            {
                return false;
            }

            if (first.TypeArguments.Length != second.TypeArguments.Length)
            {
                return false;
            }

            return first.TypeArguments.Length == 0 || SymbolEqualityComparer.Default.Equals(first.TypeArguments[0], second.TypeArguments[0]);
        }

        private static bool SameParameters(IMethodSymbol method, IMethodSymbol candidate)
        {
            for (var i = 0; i < method.Parameters.Length; i++)
            {
                // A params array may become the overload's plain array parameter (the fix then builds the array);
                // the overload's own params would swallow the token.
                if (!SymbolEqualityComparer.Default.Equals(method.Parameters[i].Type, candidate.Parameters[i].Type)
                    || method.Parameters[i].RefKind != candidate.Parameters[i].RefKind
                    || candidate.Parameters[i].IsParams
                    || (method.Parameters[i].IsParams && i != method.Parameters.Length - 1))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
