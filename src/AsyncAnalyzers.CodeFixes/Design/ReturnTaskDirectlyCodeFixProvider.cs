using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Design;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Design
{
    /// <summary>
    /// ASYNC604 fix: removes <c>async</c> and the final <c>await</c> — <c>return await x;</c> → <c>return x;</c>, a last
    /// <c>await x;</c> → <c>return x;</c>, <c>=> await x</c> → <c>=> x</c>; a <c>.ConfigureAwait(…)</c> on <c>x</c> goes too
    /// (nothing is awaited any more).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReturnTaskDirectlyCodeFixProvider)), Shared]
    public sealed class ReturnTaskDirectlyCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ReturnTaskDirectly);

        protected override string EquivalenceKey => nameof(ReturnTaskDirectlyCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Return the task directly";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => Find(root, diagnostic) is not null;

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (Find(editor.OriginalRoot, diagnostic) is not { } found)
                {
                    continue;
                }

                var (function, await) = found;
                var task = ReturnTaskDirectlyAnalyzer.Awaited(await).WithTriviaFrom(await);
                if (await.Parent is ExpressionStatementSyntax statement)
                {
                    editor.ReplaceNode(statement, SyntaxFactory.ReturnStatement(task.WithLeadingTrivia(SyntaxFactory.Space)).WithTriviaFrom(statement));
                }
                else
                {
                    editor.ReplaceNode(await, task);
                }

                editor.ReplaceNode(function, (current, _) => TaskReturns.RemoveAsyncModifier(current));
            }
        }

        private static (SyntaxNode Function, AwaitExpressionSyntax Await)? Find(SyntaxNode root, Diagnostic diagnostic)
        {
            for (var node = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent; node != null; node = node.Parent)
            {
                if (node is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)
                {
                    return AsyncFunctionSyntax.Body(node) is { } body && ReturnTaskDirectlyAnalyzer.FinalAwait(body) is { } await
                        ? (node, await)
                        : null;
                }
            }

            return null;
        }
    }
}
