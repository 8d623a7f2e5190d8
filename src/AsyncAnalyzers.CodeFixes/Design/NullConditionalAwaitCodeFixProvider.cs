using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Design
{
    /// <summary>ASYNC503 fix: <c>await x?.M()</c> → <c>await (x?.M() ?? Task.CompletedTask)</c> (<c>Task.FromResult&lt;T&gt;(default)</c> for Task&lt;T&gt;).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NullConditionalAwaitCodeFixProvider)), Shared]
    public sealed class NullConditionalAwaitCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NullConditionalAwait);

        protected override string EquivalenceKey => nameof(NullConditionalAwaitCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Await a completed task when the receiver is null";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => Find(root, diagnostic) is { } access && TaskType(model, access, cancellationToken) is not null;

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var task = KnownSymbols.Get(editor.SemanticModel.Compilation).Task;
            foreach (var diagnostic in diagnostics)
            {
                if (task is null || Find(editor.OriginalRoot, diagnostic) is not { } access
                    || TaskType(editor.SemanticModel, access, cancellationToken) is not { } type
                    || CompletedTaskSyntax.Create(editor, task, type, access.SpanStart) is not { } completed)
                {
                    continue;
                }

                var coalesce = SyntaxFactory.ParenthesizedExpression(SyntaxFactory.BinaryExpression(
                    SyntaxKind.CoalesceExpression,
                    access.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.Token(SyntaxKind.QuestionQuestionToken).WithTrailingTrivia(SyntaxFactory.Space),
                    completed));
                editor.ReplaceNode(access, coalesce.WithTriviaFrom(access));
            }
        }

        /// <summary>The <c>x?.M()</c> under the reported await (parentheses looked through).</summary>
        private static ConditionalAccessExpressionSyntax? Find(SyntaxNode root, Diagnostic diagnostic)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not AwaitExpressionSyntax await)
            {
                return null;
            }

            var expression = await.Expression;
            while (expression is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
            {
                expression = expression is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((PostfixUnaryExpressionSyntax)expression).Operand;
            }

            return expression as ConditionalAccessExpressionSyntax;
        }

        private static INamedTypeSymbol? TaskType(SemanticModel model, ExpressionSyntax access, CancellationToken cancellationToken)
            => CompletedTaskSyntax.TaskTypeOf(model, access, converted: false, cancellationToken);
    }
}
