using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Cancellation
{
    /// <summary>
    /// ASYNC303: an open-ended loop (while/do, for without a counted bound, foreach over a consuming enumerable) in an async
    /// method or async iterator that has a token, whose iterations suspend (await, await foreach/using, yield return) but
    /// never receive or check any CancellationToken.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ObserveCancellationInLoopAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ObserveCancellationInLoop);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                // Symbols are looked up in the first callback, not here: a lookup at compilation start is billed the
                // compiler's reference binding (about 0.2 s on net10.0, see docs/performance.md), which a callback finds done.
                var known = KnownSymbols.Get(start.Compilation);
                start.RegisterOperationAction(c =>
                {
                    if (c.Operation is IForEachLoopOperation { IsAsynchronous: true } || !AsyncContext.IsAsyncContext(c.Operation, c.ContainingSymbol) || known.CancellationToken is null)
                    {
                        return;
                    }

                    Analyze(c, known);
                }, OperationKind.Loop);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            // await foreach loops are ASYNC302's: WithCancellation(token) (or the producer's token) is the fix there.
            if (context.Operation is not ILoopOperation loop
                || loop is IForEachLoopOperation { IsAsynchronous: true }
                || !AsyncContext.IsAsyncContext(loop, context.ContainingSymbol))
            {
                return;
            }

            // Only loops whose iteration count is open-ended: stopping a bounded loop over an in-memory collection half-way
            // can leave state half-moved, and it ends soon anyway.
            if (!IsOpenEnded(loop, known))
            {
                return;
            }

            // Cheap first: is there a token at all (parameters and enclosing locals, no binder calls)?
            var token = InScopeToken.Find(loop, context.ContainingSymbol);
            if (token.Symbol is null)
            {
                return;
            }

            // Syntax before operations (walking a loop's operation tree materialises it, which dominated this rule's cost):
            // a loop that never suspends, or that names the token or a token member, is done here.
            if (!SuspendsSyntactically(loop.Syntax) || NamesAToken(loop.Syntax, token.Symbol.Name))
            {
                return;
            }

            // The precise check, for the few loops left: one walk over the loop's operations (not into nested functions).
            var suspends = false;
            if (TouchesToken(loop, known, ref suspends) || !suspends)
            {
                return;
            }

            var keyword = loop.Syntax switch
            {
                WhileStatementSyntax w => w.WhileKeyword.GetLocation(),
                DoStatementSyntax d => d.DoKeyword.GetLocation(),
                ForStatementSyntax f => f.ForKeyword.GetLocation(),
                CommonForEachStatementSyntax e => e.ForEachKeyword.GetLocation(),
                _ => loop.Syntax.GetLocation(),
            };
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ObserveCancellationInLoop, keyword, InScopeToken.AddTo(ImmutableDictionary<string, string?>.Empty, token), token.IsTokenSource ? token.Symbol.Name + ".Token" : token.Symbol.Name));
        }

        /// <summary>
        /// <c>while</c>/<c>do</c> loops (polling, reading until the input ends, <c>while (true)</c>) and <c>for (;;)</c>, unless
        /// their condition counts to a bound (<c>i &lt; count</c>); <c>foreach</c> only over a consuming enumerable fed from
        /// outside (<c>BlockingCollection.GetConsumingEnumerable()</c>) — a foreach over a collection ends with it.
        /// </summary>
        private static bool IsOpenEnded(ILoopOperation loop, KnownSymbols known)
        {
            switch (loop)
            {
                case IWhileLoopOperation whileLoop:
                    return whileLoop.Condition is null || !CountsToABound(whileLoop.Condition);
                case IForLoopOperation forLoop:
                    return forLoop.Condition is null || !CountsToABound(forLoop.Condition);
                case IForEachLoopOperation forEach:
                    return OperationTree.Unwrap(forEach.Collection) is IInvocationOperation { TargetMethod: { Name: "GetConsumingEnumerable", ContainingType: { } type } }
                           && KnownSymbols.Is(type.OriginalDefinition, known.BlockingCollectionOfT);
                default:
                    return false;
            }
        }

        /// <summary><c>i &lt; count</c>, <c>n &gt;= 0</c> …: a relational comparison is a counted loop.</summary>
        private static bool CountsToABound(IOperation condition)
            => OperationTree.Unwrap(condition) is IBinaryOperation
            {
                OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual,
            };

        private static bool SuspendsSyntactically(SyntaxNode loop)
        {
            foreach (var node in loop.DescendantNodesAndSelf(n => n == loop || n is not AnonymousFunctionExpressionSyntax && n is not LocalFunctionStatementSyntax))
            {
                switch (node)
                {
                    case AwaitExpressionSyntax:
                    case YieldStatementSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.YieldReturnStatement }:
                    case CommonForEachStatementSyntax { AwaitKeyword.RawKind: not 0 }:
                    case UsingStatementSyntax { AwaitKeyword.RawKind: not 0 }:
                    case LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: not 0 }:
                        return true;
                }
            }

            return false;
        }

        private static bool NamesAToken(SyntaxNode loop, string tokenName)
        {
            foreach (var token in loop.DescendantTokens())
            {
                if (token.RawKind == (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken)
                {
                    var text = token.ValueText;
                    if (text == tokenName || text is "Token" or "IsCancellationRequested" or "ThrowIfCancellationRequested" or "WithCancellation")
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// True as soon as a CancellationToken / CancellationTokenSource value appears; records whether the code suspends.
        /// Iterative (an explicit stack): deeply nested code must not overflow the thread's stack.
        /// </summary>
        private static bool TouchesToken(IOperation root, KnownSymbols known, ref bool suspends)
        {
            var pending = new Stack<IOperation>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                foreach (var child in pending.Pop().ChildOperations)
                {
                    if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
                    {
                        continue;
                    }

                    var type = child.Type;
                    if (type != null && (KnownSymbols.Is(type, known.CancellationToken) || KnownSymbols.Is(type, known.CancellationTokenSource)))
                    {
                        return true;
                    }

                    suspends |= child is IAwaitOperation
                                || child is IReturnOperation { Kind: OperationKind.YieldReturn }
                                || child is IForEachLoopOperation { IsAsynchronous: true }
                                || child is IUsingOperation { IsAsynchronous: true }
                                || child is IUsingDeclarationOperation { IsAsynchronous: true };
                    pending.Push(child);
                }
            }

            return false;
        }
    }
}
