using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

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

                // Enumerable.ToArray(value), annotated for the simplifier: the import adder brings System.Linq in when the
                // file lacks it, and the simplifier reduces the call to its extension form, value.ToArray(), parenthesising
                // the receiver where it needs it.
                var materialised = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, editor.TypeExpression(enumerable, value.SpanStart), SyntaxFactory.IdentifierName("ToArray")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(value.WithoutTrivia()))))
                    .WithAdditionalAnnotations(Simplifier.Annotation);
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
