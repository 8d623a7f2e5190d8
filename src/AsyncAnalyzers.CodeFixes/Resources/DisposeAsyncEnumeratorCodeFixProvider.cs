using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Resources;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Resources
{
    /// <summary>
    /// ASYNC402 fix: <c>var e = x.GetAsyncEnumerator();</c> → <c>await using var e = x.GetAsyncEnumerator();</c>, offered
    /// when the analyzer found a single-variable local declaration in async code that is never assigned again and has no
    /// <c>DisposeAsync</c> call of its own (a discarded enumerator, or one disposed outside <c>finally</c>, gets no fix:
    /// where the disposal belongs is the author's call).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DisposeAsyncEnumeratorCodeFixProvider)), Shared]
    public sealed class DisposeAsyncEnumeratorCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DisposeAsyncEnumerator);

        protected override string EquivalenceKey => nameof(DisposeAsyncEnumeratorCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Use 'await using' for the enumerator";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => diagnostic.Properties.ContainsKey(DisposeAsyncEnumeratorAnalyzer.DeclarationProperty)
               && FindDeclaration(root, diagnostic) is { } declaration
               && AwaitInsertion.CanAwaitAt(declaration);

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (FindDeclaration(editor.OriginalRoot, diagnostic) is not { } declaration)
                {
                    continue;
                }

                var leading = declaration.GetLeadingTrivia();
                var replacement = declaration.WithoutLeadingTrivia()
                    .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithAwaitKeyword(SyntaxFactory.Token(leading, SyntaxKind.AwaitKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
                editor.ReplaceNode(declaration, replacement);
            }
        }

        private static LocalDeclarationStatementSyntax? FindDeclaration(SyntaxNode root, Diagnostic diagnostic)
            => DiagnosticSyntax.FindInvocation(root, diagnostic) is { Parent: EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax statement } } } }
               && statement.UsingKeyword.IsKind(SyntaxKind.None)
                ? statement
                : null;
    }
}
