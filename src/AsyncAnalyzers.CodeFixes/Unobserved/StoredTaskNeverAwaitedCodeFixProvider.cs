using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Unobserved;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Unobserved
{
    /// <summary>
    /// ASYNC202 fix, in async code when the local is its declaration's only variable and is never mentioned again:
    /// <c>var t = SaveAsync();</c> → <c>await SaveAsync();</c>. Otherwise (sync code, later writes) no fix: where the await
    /// belongs is a judgement call.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StoredTaskNeverAwaitedCodeFixProvider)), Shared]
    public sealed class StoredTaskNeverAwaitedCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.StoredTaskNeverAwaited);

        protected override string EquivalenceKey => nameof(StoredTaskNeverAwaitedCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Await the task instead of storing it";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.ContainsKey(StoredTaskNeverAwaitedAnalyzer.AsyncProperty)
                || Find(root, diagnostic) is not { } statement
                || statement.Declaration.Variables.Count != 1
                || statement.UsingKeyword.RawKind != 0
                || statement.Declaration.Variables[0].Initializer is null
                || !AwaitInsertion.CanAwaitAt(statement))
            {
                return false;
            }

            var variable = statement.Declaration.Variables[0];
            var name = variable.Identifier.ValueText;
            var scope = statement.Parent;
            if (scope is null)
            {
                return false;
            }

            foreach (var token in scope.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name && token != variable.Identifier)
                {
                    return false;
                }
            }

            return true;
        }

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (Find(editor.OriginalRoot, diagnostic) is not { } statement || statement.Declaration.Variables[0].Initializer is not { } initializer)
                {
                    continue;
                }

                var awaited = AwaitInsertion.Await(initializer.Value.WithoutTrivia());
                var replacement = SyntaxFactory.ExpressionStatement(awaited, statement.SemicolonToken).WithLeadingTrivia(statement.GetLeadingTrivia());
                editor.ReplaceNode(statement, replacement);
            }
        }

        private static LocalDeclarationStatementSyntax? Find(SyntaxNode root, Diagnostic diagnostic)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            for (var current = node; current != null; current = current.Parent)
            {
                if (current is LocalDeclarationStatementSyntax statement)
                {
                    return statement;
                }
            }

            return null;
        }
    }
}
