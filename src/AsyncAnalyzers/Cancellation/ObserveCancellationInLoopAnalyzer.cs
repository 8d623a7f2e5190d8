using System.Collections.Immutable;
using AsyncAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Cancellation
{
    /// <summary>
    /// ASYNC303: a while/do/for/foreach loop in an async method or async iterator that has a token, whose iterations suspend
    /// (await, await foreach/using, yield return) but never receive or check any CancellationToken.
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
                var known = KnownSymbols.Get(start.Compilation);
                if (known.CancellationToken is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, known), OperationKind.Loop);
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

            // Cheap syntax and operation walks first: does the loop suspend, and does it touch any token?
            var suspends = false;
            foreach (var operation in loop.Descendants())
            {
                if (IsInNestedFunction(operation, loop))
                {
                    continue;
                }

                if (KnownSymbols.Is(operation.Type, known.CancellationToken) || KnownSymbols.Is(operation.Type, known.CancellationTokenSource))
                {
                    return; // receives, passes or checks a token
                }

                suspends |= operation is IAwaitOperation
                            || operation is IReturnOperation { Kind: OperationKind.YieldReturn }
                            || operation is IForEachLoopOperation { IsAsynchronous: true }
                            || operation is IUsingOperation { IsAsynchronous: true }
                            || operation is IUsingDeclarationOperation { IsAsynchronous: true };
            }

            if (!suspends)
            {
                return;
            }

            var token = InScopeToken.Find(loop.SemanticModel!, loop.Syntax.SpanStart, context.CancellationToken);
            if (token.Symbol is null)
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
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ObserveCancellationInLoop, keyword, token.IsTokenSource ? token.Symbol.Name + ".Token" : token.Symbol.Name));
        }

        private static bool IsInNestedFunction(IOperation operation, IOperation root)
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
    }
}
