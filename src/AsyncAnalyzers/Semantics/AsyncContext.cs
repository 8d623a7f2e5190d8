using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics
{
    /// <summary>
    /// Answers "can this code await?": the innermost function around an operation (async method, async local
    /// function, async lambda or anonymous method, async iterator, or top-level statements that await) is async.
    /// A synchronous lambda or local function nested in an async method is NOT an async context: it runs
    /// synchronously and cannot contain <c>await</c>.
    /// </summary>
    internal static class AsyncContext
    {
        /// <param name="operation">The operation being analyzed.</param>
        /// <param name="containingSymbol">The member that owns the operation's body (the analysis context's ContainingSymbol).</param>
        public static bool IsAsyncContext(IOperation operation, ISymbol containingSymbol)
        {
            var function = GetEnclosingFunction(operation, containingSymbol);
            return function is { IsAsync: true };
        }

        /// <summary>The body of the innermost function around the operation (its own operations; nested functions are inside it).</summary>
        public static IOperation FunctionBody(IOperation operation)
        {
            var current = operation;
            while (current.Parent != null && current.Parent is not IAnonymousFunctionOperation && current.Parent is not ILocalFunctionOperation)
            {
                current = current.Parent;
            }

            return current;
        }

        /// <summary>Whether <paramref name="operation"/> sits in a lambda or local function nested inside <paramref name="root"/>.</summary>
        public static bool IsInNestedFunction(IOperation operation, IOperation root)
        {
            for (var current = operation.Parent; current != null && !ReferenceEquals(current, root); current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The innermost lambda, local function or method whose body holds <paramref name="operation"/>.</summary>
        public static IMethodSymbol? GetEnclosingFunction(IOperation operation, ISymbol containingSymbol)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation lambda:
                        return lambda.Symbol;
                    case ILocalFunctionOperation localFunction:
                        return localFunction.Symbol;
                }
            }

            return containingSymbol as IMethodSymbol;
        }
    }
}
