using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Unobserved
{
    /// <summary>ASYNC206 fix: append <c>.ToArray()</c> to the query at its declaration, so the tasks start once.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LazyTaskSequenceCodeFixProvider)), Shared]
    public sealed class LazyTaskSequenceCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LazyTaskSequence);

        protected override string EquivalenceKey => nameof(LazyTaskSequenceCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Materialise with 'ToArray()'";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => Find(root, diagnostic)?.Initializer != null && KnownSymbols.Get(model.Compilation).Enumerable != null;

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var enumerable = KnownSymbols.Get(editor.SemanticModel.Compilation).Enumerable!;
            foreach (var diagnostic in diagnostics)
            {
                if (Find(editor.OriginalRoot, diagnostic)?.Initializer?.Value is not { } value)
                {
                    continue;
                }

                // Makes sure System.Linq is imported for the ToArray extension.
                _ = editor.TypeName(enumerable, value.SpanStart);
                var receiver = value is BinaryExpressionSyntax or ConditionalExpressionSyntax or CastExpressionSyntax or QueryExpressionSyntax or LambdaExpressionSyntax
                    ? SyntaxFactory.ParenthesizedExpression(value.WithoutTrivia())
                    : value.WithoutTrivia();
                var materialised = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("ToArray")));
                editor.ReplaceNode(value, materialised.WithTriviaFrom(value));
            }
        }

        private static VariableDeclaratorSyntax? Find(SyntaxNode root, Diagnostic diagnostic)
        {
            for (var current = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true); current != null; current = current.Parent)
            {
                if (current is VariableDeclaratorSyntax declarator)
                {
                    return declarator;
                }
            }

            return null;
        }
    }
}
