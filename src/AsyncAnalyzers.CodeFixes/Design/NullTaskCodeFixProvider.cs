using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Design;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Design
{
    /// <summary>ASYNC501 fix: the null becomes <c>Task.CompletedTask</c> or <c>Task.FromResult&lt;T&gt;(default)</c>, as typed.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NullTaskCodeFixProvider)), Shared]
    public sealed class NullTaskCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NullTask);

        protected override string EquivalenceKey => nameof(NullTaskCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Return a completed task";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => FindNull(root, diagnostic) is { } value && TaskType(model, value, cancellationToken) is not null;

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var task = KnownSymbols.Get(editor.SemanticModel.Compilation).Task;
            foreach (var diagnostic in diagnostics)
            {
                if (task is null || FindNull(editor.OriginalRoot, diagnostic) is not { } value
                    || TaskType(editor.SemanticModel, value, cancellationToken) is not { } type
                    || CompletedTaskSyntax.Create(editor, task, type, value.SpanStart) is not { } completed)
                {
                    continue;
                }

                editor.ReplaceNode(value, completed.WithTriviaFrom(value));
            }
        }

        /// <summary>The null expression the diagnostic is about (the whole returned value, or one branch of a conditional).</summary>
        private static ExpressionSyntax? FindNull(SyntaxNode root, Diagnostic diagnostic)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var value = node is ReturnStatementSyntax statement ? statement.Expression : node as ExpressionSyntax;
            while (value is ParenthesizedExpressionSyntax parenthesized)
            {
                value = parenthesized.Expression;
            }

            diagnostic.Properties.TryGetValue(NullTaskAnalyzer.NullPartProperty, out var part);
            return part switch
            {
                "WhenTrue" => (value as ConditionalExpressionSyntax)?.WhenTrue,
                "WhenFalse" => (value as ConditionalExpressionSyntax)?.WhenFalse,
                _ => value,
            };
        }

        /// <summary>The Task / Task&lt;T&gt; the null is converted to (for a conditional branch: the conditional's).</summary>
        private static INamedTypeSymbol? TaskType(SemanticModel model, ExpressionSyntax value, CancellationToken cancellationToken)
            => value.Parent is ConditionalExpressionSyntax conditional
                ? CompletedTaskSyntax.TaskTypeOf(model, conditional, converted: true, cancellationToken)
                : CompletedTaskSyntax.TaskTypeOf(model, value, converted: true, cancellationToken);
    }
}
