using System.Collections.Immutable;
using System.Threading;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics
{
    /// <summary>What <see cref="InScopeToken.Find"/> found.</summary>
    internal readonly struct InScopeTokenResult
    {
        public InScopeTokenResult(ISymbol? symbol, bool isTokenSource, ISymbol? conflictingSymbol)
        {
            Symbol = symbol;
            IsTokenSource = isTokenSource;
            ConflictingSymbol = conflictingSymbol;
        }

        /// <summary>The parameter or local to forward; null when none (or when the choice is ambiguous).</summary>
        public ISymbol? Symbol { get; }

        /// <summary>True when <see cref="Symbol"/> is a CancellationTokenSource: forward <c>symbol.Token</c>.</summary>
        public bool IsTokenSource { get; }

        /// <summary>When two parameters compete, one of them (the other is in <see cref="AmbiguousWith"/>).</summary>
        public ISymbol? ConflictingSymbol { get; }

        /// <summary>Set when the innermost function has two or more token parameters: we never guess between them.</summary>
        public ISymbol? AmbiguousWith => Symbol is null ? ConflictingSymbol : null;
    }

    /// <summary>
    /// Finds the cancellation token that code at a position should forward (ARCHITECTURE.md, "in-scope token"):
    /// a CancellationToken parameter of the innermost enclosing function that has one (the lambda's own before
    /// the method's), never guessing between two parameters of one function; otherwise a single CancellationToken
    /// local declared before the position; otherwise a single CancellationTokenSource local (forwarded as <c>.Token</c>).
    /// Fields are not used: the method does not clearly own them.
    /// </summary>
    internal static class InScopeToken
    {
        /// <summary>
        /// The rule, decided once: analyzers call this (operation tree only, no binder calls) and pass the answer to their
        /// fix through <see cref="AddTo"/>.
        /// </summary>
        public static InScopeTokenResult Find(IOperation operation, ISymbol containingSymbol)
        {
            var known = KnownSymbols.Get(operation.SemanticModel!.Compilation);
            var tokenType = known.CancellationToken;
            if (tokenType is null)
            {
                return default;
            }

            // 1. Parameters, innermost function first.
            if (FindParameter(AsyncContext.GetEnclosingFunction(operation, containingSymbol), tokenType) is { } parameterResult)
            {
                return parameterResult;
            }

            // 2. Locals of the enclosing scopes declared before the position: a token, else a token source.
            var position = operation.Syntax.SpanStart;
            ILocalSymbol? token = null;
            ILocalSymbol? source = null;
            var tokenCount = 0;
            var sourceCount = 0;
            var sourceType = known.CancellationTokenSource;
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                var locals = ScopeLocals(current);
                foreach (var local in locals)
                {
                    // The type first: it is a field read, and almost no local is a token. Only a token or token source pays for
                    // its declaration's position (DeclaringSyntaxReferences allocates), so the walk stays cheap on every call.
                    var isToken = SymbolEqualityComparer.Default.Equals(local.Type, tokenType);
                    if (!isToken && (sourceType is null || !SymbolEqualityComparer.Default.Equals(local.Type, sourceType)))
                    {
                        continue;
                    }

                    var references = local.DeclaringSyntaxReferences;
                    if (references.Length == 0 || references[0].Span.End > position)
                    {
                        continue;
                    }

                    if (isToken)
                    {
                        token = local;
                        tokenCount++;
                    }
                    else
                    {
                        source = local;
                        sourceCount++;
                    }
                }

                if (current is IAnonymousFunctionOperation { Symbol.IsStatic: true } or ILocalFunctionOperation { Symbol.IsStatic: true })
                {
                    break;
                }
            }

            if (tokenCount == 1)
            {
                return new InScopeTokenResult(token, false, null);
            }

            return tokenCount == 0 && sourceCount == 1 ? new InScopeTokenResult(source, true, null) : default;
        }

        /// <summary>
        /// The same rule for a node a fix rewrites without a diagnostic of its own (the cascade's other blocking calls):
        /// computed from the node's operation, so analyzer and fix cannot disagree. A fix for a diagnostic reads the
        /// analyzer's decision from the diagnostic's properties instead (<see cref="TryRead"/>).
        /// </summary>
        public static InScopeTokenResult Find(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
        {
            IOperation? operation = null;
            for (var current = node; current != null && operation is null; current = current.Parent)
            {
                operation = model.GetOperation(current, cancellationToken);
            }

            var member = model.GetEnclosingSymbol(node.SpanStart, cancellationToken);
            while (member is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } function)
            {
                member = function.ContainingSymbol;
            }

            return operation is null || member is null ? default : Find(operation, member);
        }

        /// <summary>The diagnostic property that carries the name of the token the analyzer decided on (absent: none).</summary>
        public const string NameProperty = "InScopeToken";

        /// <summary>Present (value "true") when the decided token is a CancellationTokenSource local: forward <c>.Token</c>.</summary>
        public const string IsSourceProperty = "InScopeTokenIsSource";

        /// <summary>Adds the decision to a diagnostic's properties (unchanged when no token is in scope).</summary>
        public static ImmutableDictionary<string, string?> AddTo(ImmutableDictionary<string, string?> properties, in InScopeTokenResult token)
        {
            if (token.Symbol is null)
            {
                return properties;
            }

            properties = properties.SetItem(NameProperty, token.Symbol.Name);
            return token.IsTokenSource ? properties.SetItem(IsSourceProperty, "true") : properties;
        }

        /// <summary>The analyzer's decision, as <see cref="AddTo"/> wrote it.</summary>
        public static bool TryRead(ImmutableDictionary<string, string?> properties, out string name, out bool isTokenSource)
        {
            isTokenSource = properties.ContainsKey(IsSourceProperty);
            if (properties.TryGetValue(NameProperty, out var value) && !string.IsNullOrEmpty(value))
            {
                name = value!;
                return true;
            }

            name = string.Empty;
            return false;
        }

        /// <summary>
        /// The token parameter of the innermost function that has one (never guessing between two of one function); a static
        /// lambda or local function cannot capture outer parameters, so the search stops there. Null when there is none.
        /// </summary>
        /// <summary>
        /// Whether <see cref="Find"/> can find anything: a parameter of an enclosing function, or a local of an enclosing
        /// scope, whose type is named CancellationToken or CancellationTokenSource. Names only: a caller tests this first, so
        /// code without any token never resolves the token type or walks for a decision.
        /// </summary>
        public static bool MayFind(IOperation operation, ISymbol containingSymbol)
        {
            for (ISymbol? symbol = AsyncContext.GetEnclosingFunction(operation, containingSymbol); symbol is IMethodSymbol method; symbol = method.ContainingSymbol)
            {
                foreach (var parameter in method.Parameters)
                {
                    if (IsTokenName(parameter.Type))
                    {
                        return true;
                    }
                }
            }

            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                var locals = ScopeLocals(current);
                foreach (var local in locals)
                {
                    if (IsTokenName(local.Type))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The locals an operation declares for its scope (block, using, loop, switch).</summary>
        private static ImmutableArray<ILocalSymbol> ScopeLocals(IOperation operation) => operation switch
        {
            IBlockOperation block => block.Locals,
            IUsingOperation @using => @using.Locals,
            ILoopOperation loop => loop.Locals,
            ISwitchOperation @switch => @switch.Locals,
            _ => ImmutableArray<ILocalSymbol>.Empty,
        };

        private static bool IsTokenName(ITypeSymbol type) => type.Name is "CancellationToken" or "CancellationTokenSource";

        private static InScopeTokenResult? FindParameter(ISymbol? start, INamedTypeSymbol tokenType)
        {
            for (var symbol = start; symbol is IMethodSymbol method; symbol = method.ContainingSymbol)
            {
                IParameterSymbol? found = null;
                foreach (var parameter in method.Parameters)
                {
                    if (parameter.RefKind == RefKind.Out || !SymbolEqualityComparer.Default.Equals(parameter.Type, tokenType))
                    {
                        continue;
                    }

                    if (found != null)
                    {
                        return new InScopeTokenResult(null, false, found);
                    }

                    found = parameter;
                }

                if (found != null)
                {
                    return new InScopeTokenResult(found, false, null);
                }

                if (method.IsStatic && method.MethodKind is MethodKind.AnonymousFunction or MethodKind.LocalFunction)
                {
                    break;
                }
            }

            return null;
        }
    }
}
