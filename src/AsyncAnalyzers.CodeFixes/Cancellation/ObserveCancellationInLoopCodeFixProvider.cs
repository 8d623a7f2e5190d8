using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncAnalyzers.CodeFixes.Cancellation
{
    /// <summary>ASYNC303 fix: <c>token.ThrowIfCancellationRequested();</c> as the first statement of the loop body.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ObserveCancellationInLoopCodeFixProvider)), Shared]
    public sealed class ObserveCancellationInLoopCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ObserveCancellationInLoop);

        protected override string EquivalenceKey => nameof(ObserveCancellationInLoopCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Check for cancellation at the start of each iteration";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => FindLoop(root, diagnostic) is not null && InScopeToken.TryRead(diagnostic.Properties, out _, out _);

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (FindLoop(editor.OriginalRoot, diagnostic) is not { } loop
                    || TokenForwarding.CreateTokenExpression(diagnostic) is not { } token)
                {
                    continue;
                }

                var check = SyntaxFactory.ExpressionStatement(SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, token, SyntaxFactory.IdentifierName("ThrowIfCancellationRequested"))))
                    .WithAdditionalAnnotations(Formatter.Annotation);
                var body = Body(loop);
                if (body is BlockSyntax block)
                {
                    editor.ReplaceNode(block, (current, _) =>
                    {
                        var currentBlock = (BlockSyntax)current;
                        return currentBlock.WithStatements(currentBlock.Statements.Insert(0, check));
                    });
                }
                else if (body != null)
                {
                    editor.ReplaceNode(body, (current, _) => SyntaxFactory.Block(check, ((StatementSyntax)current).WithoutLeadingTrivia())
                        .WithAdditionalAnnotations(Formatter.Annotation));
                }
            }
        }

        private static StatementSyntax? Body(SyntaxNode loop)
            => loop switch
            {
                WhileStatementSyntax w => w.Statement,
                DoStatementSyntax d => d.Statement,
                ForStatementSyntax f => f.Statement,
                CommonForEachStatementSyntax e => e.Statement,
                _ => null,
            };

        private static StatementSyntax? FindLoop(SyntaxNode root, Diagnostic diagnostic)
            => root.FindToken(diagnostic.Location.SourceSpan.Start).Parent as StatementSyntax is { } statement
               && statement is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax
                ? statement
                : null;
    }
}
