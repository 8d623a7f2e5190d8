using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Design
{
    /// <summary>
    /// ASYNC604 (ships disabled): an async method, local function or lambda whose only await is its final one —
    /// <c>=> await x</c>, a last <c>return await x;</c>, or (Task/ValueTask) a last <c>await x;</c> — where <c>x</c> already has
    /// the function's return type. Not reported when that await is not a top-level statement of the body, when the body has
    /// other returns, a <c>using</c> declaration, or anything else awaited (<c>await foreach</c>, <c>await using</c>): the
    /// task would outlive a resource or a handler (what ASYNC207 reports). Reported on the name (the <c>async</c> keyword
    /// for lambdas).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ReturnTaskDirectlyAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ReturnTaskDirectly);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(Analyze, AsyncFunctionSyntax.Kinds);
        }

        private static void Analyze(SyntaxNodeAnalysisContext context)
        {
            var function = context.Node;
            var asyncKeyword = AsyncFunctionSyntax.AsyncKeyword(function);
            if (!asyncKeyword.IsKind(SyntaxKind.AsyncKeyword) || AsyncFunctionSyntax.Body(function) is not { } body
                || FinalAwait(body) is not { } await || !IsOnlyAwait(body, await) || MayBeNull(Awaited(await)))
            {
                return;
            }

            var symbol = function is AnonymousFunctionExpressionSyntax
                ? context.SemanticModel.GetSymbolInfo(function, context.CancellationToken).Symbol as IMethodSymbol
                : context.SemanticModel.GetDeclaredSymbol(function, context.CancellationToken) as IMethodSymbol;
            var known = KnownSymbols.Get(context.Compilation);
            if (symbol?.ReturnType is not INamedTypeSymbol returnType
                || !(known.IsTaskOrTaskOfT(returnType) || known.IsValueTask(returnType))
                || context.SemanticModel.GetTypeInfo(Awaited(await), context.CancellationToken).Type is not { } awaited
                || !Fits(awaited, returnType, known))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ReturnTaskDirectly, AsyncFunctionSyntax.NameLocation(function, asyncKeyword), AsyncFunctionSyntax.Name(function)));
        }

        /// <summary>The await the function ends with: <c>=> await x</c>, or the body's last statement <c>return await x;</c> / <c>await x;</c>.</summary>
        public static AwaitExpressionSyntax? FinalAwait(SyntaxNode body)
            => body switch
            {
                AwaitExpressionSyntax arrow => arrow,
                BlockSyntax { Statements.Count: > 0 } block => block.Statements[block.Statements.Count - 1] switch
                {
                    ReturnStatementSyntax { Expression: AwaitExpressionSyntax returned } => returned,
                    ExpressionStatementSyntax { Expression: AwaitExpressionSyntax awaited } => awaited,
                    _ => null,
                },
                _ => null,
            };

        /// <summary>The task itself: <c>x</c> of <c>await x</c> or of <c>await x.ConfigureAwait(…)</c>.</summary>
        public static ExpressionSyntax Awaited(AwaitExpressionSyntax await)
            => await.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } access, ArgumentList.Arguments.Count: 1 }
                ? access.Expression
                : await.Expression;

        /// <summary>
        /// <c>x?.M()</c> (behind <c>!</c> or parentheses): awaiting it throws inside the method, onto the task; returning it
        /// would hand callers a null task.
        /// </summary>
        private static bool MayBeNull(ExpressionSyntax task)
        {
            while (task is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
            {
                task = task is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((PostfixUnaryExpressionSyntax)task).Operand;
            }

            return task is ConditionalAccessExpressionSyntax;
        }

        /// <summary>No other await, await foreach/using, return or using declaration in the function's own body.</summary>
        private static bool IsOnlyAwait(SyntaxNode body, AwaitExpressionSyntax final)
        {
            foreach (var node in AsyncFunctionSyntax.OwnNodes(body))
            {
                switch (node)
                {
                    case AwaitExpressionSyntax other when other != final:
                    case YieldStatementSyntax:
                    case ReturnStatementSyntax @return when @return.Expression != final:
                        return false;
                    case CommonForEachStatementSyntax forEach when forEach.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                        return false;
                    case UsingStatementSyntax:
                    case LocalDeclarationStatementSyntax declaration when declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword):
                        return false;
                }
            }

            return true;
        }

        /// <summary>Returning <paramref name="awaited"/> as the function's <paramref name="returnType"/> keeps its meaning.</summary>
        private static bool Fits(ITypeSymbol awaited, INamedTypeSymbol returnType, KnownSymbols known)
            => SymbolEqualityComparer.Default.Equals(awaited, returnType)

               // A Task method awaiting a Task<T> discards the result: the Task<T> is a Task.
               || (KnownSymbols.Is(returnType, known.Task) && known.IsTaskOrTaskOfT(awaited));
    }
}
