using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Cascade;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Unobserved;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncAnalyzers.CodeFixes.Unobserved
{
    /// <summary>
    /// ASYNC201 fix: in async code <c>x?.M();</c> → <c>await (x?.M() ?? Task.CompletedTask);</c>; in sync code
    /// <c>M();</c> → <c>_ = M();</c> (an explicit fire-and-forget). Making the sync caller async is the cascade fix's job.
    /// With <c>async_analyzers.ASYNC201.preferred_fix = cascade</c>, <c>_ =</c> is not offered where the cascade can start,
    /// so hosts that apply the first fix they find (<c>dotnet format</c>) apply the cascade.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnobservedTaskCodeFixProvider)), Shared]
    public sealed class UnobservedTaskCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnobservedTask);

        protected override string EquivalenceKey => nameof(UnobservedTaskCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic)
            => IsAsync(diagnostic) ? "Await the task" : "Discard the task explicitly ('_ =')";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (DiagnosticSyntax.FindDroppedTask(root, diagnostic) is not { } expression)
            {
                return false;
            }

            if (!IsAsync(diagnostic))
            {
                return true;
            }

            return diagnostic.Properties.ContainsKey(UnobservedTaskAnalyzer.ReferenceTypeProperty)
                   && KnownSymbols.Get(model.Compilation).Task != null
                   && AwaitInsertion.CanAwaitAt(expression);
        }

        protected override async Task<bool> CanFixAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!CanFix(root, model, diagnostic, cancellationToken))
            {
                return false;
            }

            if (IsAsync(diagnostic) || !AsyncCascade.IsSeedDiagnostic(diagnostic) || diagnostic.Location.SourceTree is not { } tree)
            {
                return true;
            }

            var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree);
            if (!string.Equals(Options.GetString(options, RuleOptions.UnobservedTaskPreferredFix)?.Trim(), "cascade", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            // The cascade is preferred: '_ =' stays only where the cascade cannot start (its seed check, as its light bulb).
            var cascade = new AsyncCascade(document.Project.Solution, cancellationToken);
            return !await cascade.AddSeedAsync(document, diagnostic).ConfigureAwait(false);
        }

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var task = KnownSymbols.Get(editor.SemanticModel.Compilation).Task;
            foreach (var diagnostic in diagnostics)
            {
                if (DiagnosticSyntax.FindDroppedTask(editor.OriginalRoot, diagnostic) is not { } expression)
                {
                    continue;
                }

                if (IsAsync(diagnostic) && task != null)
                {
                    var completed = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, editor.TypeExpression(task, expression.SpanStart), SyntaxFactory.IdentifierName("CompletedTask"));
                    var coalesce = SyntaxFactory.BinaryExpression(
                        SyntaxKind.CoalesceExpression,
                        expression.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.Space),
                        SyntaxFactory.Token(SyntaxKind.QuestionQuestionToken).WithTrailingTrivia(SyntaxFactory.Space),
                        completed);
                    editor.ReplaceNode(expression, AwaitInsertion.Await(SyntaxFactory.ParenthesizedExpression(coalesce)).WithTriviaFrom(expression));
                }
                else
                {
                    editor.ReplaceNode(expression, AwaitInsertion.Discard(expression));
                }
            }
        }

        private static bool IsAsync(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(UnobservedTaskAnalyzer.ContextProperty, out var context) && context == "Async";
    }
}
