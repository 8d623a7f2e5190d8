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

        public bool HasToken => Symbol != null;
    }

    /// <summary>
    /// Finds the cancellation token that code at a position should forward (RULES.md "in scope token"):
    /// a CancellationToken parameter of the innermost enclosing function that has one (the lambda's own before
    /// the method's), never guessing between two parameters of one function; otherwise a single CancellationToken
    /// local declared before the position; otherwise a single CancellationTokenSource local (forwarded as <c>.Token</c>).
    /// Fields are not used: the method does not clearly own them.
    /// </summary>
    internal static class InScopeToken
    {
        /// <summary>
        /// The same rule as <see cref="Find(SemanticModel, int, CancellationToken)"/>, computed from the operation tree only
        /// (no binder calls): the analyzers' hot paths use this one.
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
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                var locals = current switch
                {
                    IBlockOperation block => block.Locals,
                    IUsingOperation @using => @using.Locals,
                    ILoopOperation loop => loop.Locals,
                    ISwitchOperation @switch => @switch.Locals,
                    _ => ImmutableArray<ILocalSymbol>.Empty,
                };
                foreach (var local in locals)
                {
                    var references = local.DeclaringSyntaxReferences;
                    if (references.Length == 0 || references[0].Span.End > position)
                    {
                        continue;
                    }

                    if (SymbolEqualityComparer.Default.Equals(local.Type, tokenType))
                    {
                        token = local;
                        tokenCount++;
                    }
                    else if (known.CancellationTokenSource is { } sourceType && SymbolEqualityComparer.Default.Equals(local.Type, sourceType))
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

        public static InScopeTokenResult Find(SemanticModel model, int position, CancellationToken cancellationToken)
        {
            var known = KnownSymbols.Get(model.Compilation);
            var tokenType = known.CancellationToken;
            if (tokenType is null)
            {
                return default;
            }

            // 1. Parameters, innermost function first.
            if (FindParameter(model.GetEnclosingSymbol(position, cancellationToken), tokenType) is { } parameterResult)
            {
                return parameterResult;
            }

            // 2. Locals declared before the position: a token, else a token source.
            var symbols = model.LookupSymbols(position);
            var enclosing = model.GetEnclosingSymbol(position, cancellationToken);
            var local = FindSingleLocal(symbols, tokenType, position, model.SyntaxTree, enclosing);
            if (local != null)
            {
                return new InScopeTokenResult(local, false, null);
            }

            if (known.CancellationTokenSource is { } sourceType)
            {
                var source = FindSingleLocal(symbols, sourceType, position, model.SyntaxTree, enclosing);
                if (source != null)
                {
                    return new InScopeTokenResult(source, true, null);
                }
            }

            return default;
        }

        /// <summary>
        /// The token parameter of the innermost function that has one (never guessing between two of one function); a static
        /// lambda or local function cannot capture outer parameters, so the search stops there. Null when there is none.
        /// </summary>
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

        /// <summary>
        /// The one local of <paramref name="type"/> declared before <paramref name="position"/> in this file, in a function
        /// that encloses the position. Lookup also offers the locals of top-level statements to code in type members and
        /// in other files, where using them is CS8801.
        /// </summary>
        private static ILocalSymbol? FindSingleLocal(ImmutableArray<ISymbol> symbols, INamedTypeSymbol type, int position, SyntaxTree tree, ISymbol? enclosing)
        {
            ILocalSymbol? found = null;
            foreach (var symbol in symbols)
            {
                if (symbol is not ILocalSymbol local || !SymbolEqualityComparer.Default.Equals(local.Type, type))
                {
                    continue;
                }

                var references = local.DeclaringSyntaxReferences;
                if (references.Length == 0 || references[0].SyntaxTree != tree || references[0].Span.End > position || !Encloses(local.ContainingSymbol, enclosing))
                {
                    continue;
                }

                if (found != null)
                {
                    return null;
                }

                found = local;
            }

            return found;
        }

        private static bool Encloses(ISymbol? function, ISymbol? position)
        {
            for (var current = position; current != null; current = current.ContainingSymbol)
            {
                if (SymbolEqualityComparer.Default.Equals(current, function))
                {
                    return true;
                }

                if (current is INamedTypeSymbol)
                {
                    return false;
                }
            }

            return false;
        }
    }
}
