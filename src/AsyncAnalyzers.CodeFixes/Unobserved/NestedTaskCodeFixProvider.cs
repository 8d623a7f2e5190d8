using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Unobserved;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Unobserved
{
    /// <summary>ASYNC205 fix: <c>Task.Factory.StartNew(async …)</c> → <c>Task.Run(async …)</c> (default options), otherwise <c>.Unwrap()</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NestedTaskCodeFixProvider)), Shared]
    public sealed class NestedTaskCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NestedTask);

        protected override string EquivalenceKey => nameof(NestedTaskCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => IsRun(diagnostic) ? "Use 'Task.Run'" : "Add '.Unwrap()'";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => DiagnosticSyntax.FindInvocation(root, diagnostic) is { } invocation
               && (!IsRun(diagnostic) || invocation.Expression is MemberAccessExpressionSyntax)
               && KnownSymbols.Get(model.Compilation).Task != null;

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var task = KnownSymbols.Get(editor.SemanticModel.Compilation).Task!;
            foreach (var diagnostic in diagnostics)
            {
                if (DiagnosticSyntax.FindInvocation(editor.OriginalRoot, diagnostic) is not { } invocation)
                {
                    continue;
                }

                if (IsRun(diagnostic) && invocation.Expression is MemberAccessExpressionSyntax access)
                {
                    var run = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, editor.TypeExpression(task, invocation.SpanStart), SyntaxFactory.IdentifierName("Run"));
                    editor.ReplaceNode(access, run.WithTriviaFrom(access));
                }
                else
                {
                    editor.ReplaceNode(invocation, (current, _) =>
                    {
                        var inner = (ExpressionSyntax)current;
                        return SyntaxFactory.InvocationExpression(
                                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, inner.WithoutTrivia(), SyntaxFactory.IdentifierName("Unwrap")))
                            .WithTriviaFrom(inner);
                    });
                }
            }
        }

        private static bool IsRun(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(NestedTaskAnalyzer.FixProperty, out var fix) && fix == "Run";

    }
}
